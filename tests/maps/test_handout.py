"""The handout a client can use: per place what they need to go or call, a QR code of its
page, a small numbered map drawn on the server, the wijkteam's contact line and the date."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
import segno
from django.urls import reverse

from places import hours
from places.hours import AMSTERDAM
from places.maps.sketch import Marker, project, scale_bar, sketch_map, spread
from places.models import Wijkteam
from tests.helpers.accounts import log_in
from tests.helpers.factories import AreaFactory, PlaceFactory, web_square
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db
PRINTED = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def chosen(amsterdam, monkeypatch):
    monkeypatch.setattr(hours, "now", lambda: PRINTED)
    full = PlaceFactory(
        name="Huiskamer Vol",
        location=web_point(4.8900, 52.3700),
        phone="020 555 12 34",
        email="koffie@huiskamer.example",
        website="https://huiskamer.example/",
        opening_hours="Mo-Fr 10:00-16:00; Sa 10:00-12:00",
        visitor_cost="contribution",
        visitor_cost_amount=Decimal("1.50"),
        visitor_cost_note="koffie en thee",
        wheelchair="yes",
        last_verified_at=datetime(2026, 3, 4, 10, 0, tzinfo=AMSTERDAM),
    )
    bare = PlaceFactory(
        name="Buurtkamer Kaal",
        location=web_point(4.8950, 52.3720),
        phone="",
        email="",
        website="",
        opening_hours="",
        wheelchair="unknown",
    )
    return full, bare


def handout(client, places, **extra):
    query = {"plek": [p.slug for p in places], **extra}
    return client.get(reverse("places:handout"), query).content.decode()


def entry(page, name):
    return page.split(f"<h2>{name}</h2>", 1)[1].split("</li>", 1)[0]


def test_each_place_says_how_to_go_and_call(client, chosen):
    full, _bare = chosen
    text = entry(handout(client, chosen), "Huiskamer Vol")
    for shown in [
        "Dorpsstraat 1, 1011AA Amsterdam",
        "Telefoon 020 555 12 34",
        "koffie@huiskamer.example",
        "https://huiskamer.example/",
        "ma–vr 10:00–16:00<br>za 10:00–12:00",
        "Een bijdrage: € 1,50 — koffie en thee",
        "Toegankelijk met rolstoel",
        "laatst gecontroleerd op 4 maart 2026",
    ]:
        assert shown in text, shown


def test_what_is_not_known_is_said(client, chosen):
    text = entry(handout(client, chosen), "Buurtkamer Kaal")
    assert "Niet bekend: bel of mail voordat u gaat." in text
    assert "nog niet gecontroleerd door de plek zelf" in text
    assert "<dt>Contact</dt>" not in text
    assert "Rolstoel Niet bekend" in " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_a_qr_code_leads_to_the_public_page(client, chosen):
    page = handout(client, chosen)
    codes = re.findall(r'<img class="qr" src="([^"]+)"', page)
    expected = [
        segno.make(f"http://testserver{p.get_absolute_url()}", error="m").svg_data_uri(
            scale=4, border=2
        )
        for p in chosen
    ]
    assert codes == expected
    assert 'alt="QR-code: de pagina van Huiskamer Vol in het register"' in page


def test_the_map_numbers_the_places_as_the_list_does(client, chosen):
    page = handout(client, chosen, lat="52.3690", lng="4.8880", vanaf="Hoofdweg 1")
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert re.findall(r'font-size="12"[^>]*>(\d+)</text>', svg) == ["1", "2"]
    assert svg.count('transform="rotate(45') == 1  # the starting point
    assert 'aria-label="Kaart van de plekken, genummerd als in de lijst"' in svg
    assert "<image" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    numbers = re.findall(r'<span class="number" aria-hidden="true">(\d+)</span>', page)
    assert numbers == ["1", "2"]


def test_without_places_there_is_no_map(client, amsterdam):
    page = client.get(reverse("places:handout")).content.decode()
    assert "<svg" not in page
    assert "Geen plekken gekozen" in page


def test_a_wijkteam_member_prints_the_teams_contact_line(client, chosen, people):
    Wijkteam.objects.filter(name="Wijkteam Centrum-West").update(
        contact="020 123 45 67 · wijkteam.cw@example.nl"
    )
    log_in(client, people["wijkteam"])
    page = handout(client, chosen)
    assert "Vragen? Neem contact op met Wijkteam Centrum-West:" in page
    assert "<strong>020 123 45 67 · wijkteam.cw@example.nl</strong>" in page


def test_a_team_without_a_contact_line_is_still_named(client, chosen, people):
    log_in(client, people["wijkteam"])
    assert "Vragen? Neem contact op met Wijkteam Centrum-West." in handout(client, chosen)


@pytest.fixture
def two_teams(client, amsterdam, people):
    """The wijkteam member also works for a team named first, in a wijk in the east."""
    east = AreaFactory(
        code="WK036399",
        name="Oost",
        kind="wijk",
        parent=amsterdam["gemeente"],
        geometry=web_square(4.94, 52.37, 0.005),
    )
    AreaFactory(code="BU03639901", name="Oostpunt", kind="buurt", parent=east,
                geometry=web_square(4.94, 52.37, 0.004))  # fmt: skip
    other = Wijkteam.objects.create(name="Wijkteam Amstel", contact="020 999 00 00")
    other.wijken.add(east)
    other.members.add(people["wijkteam"])
    Wijkteam.objects.filter(name="Wijkteam Centrum-West").update(contact="020 123 45 67")
    log_in(client, people["wijkteam"])


def team_line(page):
    return re.search(r'<p class="team">(.*?)</p>', page, re.S)[1]


def test_a_member_of_two_teams_gets_the_team_of_the_wijk_searched_from(client, chosen, two_teams):
    from_west = handout(client, chosen, lat="52.3700", lng="4.8900", vanaf="Westbuurt")
    assert "Wijkteam Centrum-West" in team_line(from_west)
    assert "020 123 45 67" in team_line(from_west)
    from_east = handout(client, chosen, lat="52.3700", lng="4.9400", vanaf="Oostpunt")
    assert "Wijkteam Amstel" in team_line(from_east)
    assert "020 999 00 00" in team_line(from_east)


def test_without_a_search_point_the_team_of_the_places_wijk(client, chosen, two_teams):
    # Both places lie in Centrum-West; "Wijkteam Amstel" comes first by name.
    line = team_line(handout(client, chosen))
    assert "Wijkteam Centrum-West: <strong>020 123 45 67</strong>" in line


def test_a_resident_prints_no_team_line(client, chosen, people):
    assert "Vragen?" not in handout(client, chosen)


def test_the_date_is_printed_in_dutch(client, chosen):
    assert "Afgedrukt op 23 november 2026" in handout(client, chosen)


def test_east_is_right_and_north_is_up():
    (west, east, north), _per_pixel = project(
        [Marker("1", 4.89, 52.37), Marker("2", 4.90, 52.37), Marker("3", 4.895, 52.375)]
    )
    assert west[0] < north[0] < east[0]
    assert north[1] < west[1] == pytest.approx(east[1])


def test_the_scale_bar_is_a_round_distance():
    _positions, per_pixel = project([Marker("1", 4.89, 52.37), Marker("2", 4.92, 52.37)])
    pixels, label = scale_bar(per_pixel)
    assert label in {"200 m", "250 m", "500 m", "1 km"}
    metres = int(label.split()[0]) * (1000 if label.endswith("km") else 1)
    assert pixels * per_pixel == pytest.approx(metres)


def test_places_at_one_spot_are_drawn_side_by_side():
    first, second = spread([(100.0, 100.0), (101.0, 100.0)])
    assert abs(second[0] - first[0]) >= 18


def test_a_hostile_label_stays_text():
    svg = sketch_map([Marker("<b>1</b>", 4.89, 52.37)], '"><script>x</script>')
    assert "<script>" not in svg and "<b>" not in svg
