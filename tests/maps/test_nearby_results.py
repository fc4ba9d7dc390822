"""The nearby page shows 20 results and more on request, and when nothing matches its advice
fits the cause (issue 14, points 3 and 10)."""

import math
import re
from datetime import datetime
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from places import hours
from places.hours import AMSTERDAM
from places.models import PlaceType, TargetGroup
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
ORIGIN = {"lat": "52.37", "lng": "4.89"}


def east(metres):
    return web_point(4.89 + metres / (111_320 * math.cos(math.radians(52.37))), 52.37)


def row_of_places(count, first=20, step=10, **fields):
    """`count` places east of ORIGIN, `step` metres apart, named by their order."""
    return [
        PlaceFactory(name=f"Plek {n:03d}", location=east(first + step * n), **fields)
        for n in range(1, count + 1)
    ]


def text(response):
    """What the person reads: the page without tags, whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def names(response):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def link(response, name):
    """The href of the link whose text is `name` (None when there is none)."""
    found = re.search(rf'<a href="([^"]+)">{re.escape(name)}</a>', response.content.decode())
    return unescape(found[1]) if found else None


def follow(client, href):
    return client.get(reverse("places:nearby") + href.split("#")[0])


def nearby(client, **params):
    return client.get(reverse("places:nearby"), {**ORIGIN, **params})


# "Toon meer plekken"


def test_twenty_are_shown_and_the_link_shows_the_next_twenty(client, amsterdam):
    row_of_places(45)
    first = nearby(client)
    assert names(first) == [f"Plek {n:03d}" for n in range(1, 21)]
    assert "De 20 dichtstbijzijnde van 45 plekken binnen 1000 m" in text(first)

    second = follow(client, link(first, "Toon meer plekken"))
    assert names(second) == [f"Plek {n:03d}" for n in range(1, 41)]
    assert "De 40 dichtstbijzijnde van 45 plekken binnen 1000 m" in text(second)

    third = follow(client, link(second, "Toon meer plekken"))
    assert len(names(third)) == 45
    assert "45 plekken binnen 1000 m" in text(third)
    assert link(third, "Toon meer plekken") is None


def test_the_link_keeps_the_search_and_lands_on_the_first_new_result(client, amsterdam):
    row_of_places(25, place_type=PlaceType.objects.get(slug="buurtkamer"))
    first = nearby(client, straal=2000, type="buurtkamer", adres="Hoofdweg 1")
    href = link(first, "Toon meer plekken")
    assert href.endswith("#resultaat-21")
    assert 'id="resultaat-21"' in follow(client, href).content.decode()
    query = dict(pair.split("=") for pair in href.split("#")[0].lstrip("?").split("&"))
    assert query == {
        "lat": "52.37",
        "lng": "4.89",
        "straal": "2000",
        "type": "buurtkamer",
        "adres": "Hoofdweg+1",
        "aantal": "25",
    }


def test_all_shown_when_there_are_twenty_or_fewer(client, amsterdam):
    row_of_places(20)
    response = nearby(client)
    assert len(names(response)) == 20
    assert "20 plekken binnen 1000 m" in text(response)
    assert link(response, "Toon meer plekken") is None


def test_beyond_the_maximum_the_page_says_more_than(client, amsterdam, settings):
    settings.NEARBY_MAX_RESULTS = 30
    row_of_places(35)
    first = nearby(client)
    assert "De 20 dichtstbijzijnde van meer dan 30 plekken binnen 1000 m" in text(first)
    last = follow(client, link(first, "Toon meer plekken"))
    assert len(names(last)) == 30
    assert link(last, "Toon meer plekken") is None
    assert "Dit zijn de 30 dichtstbijzijnde. Kies een kleinere afstand of een filter" in text(last)


@pytest.mark.parametrize(("asked", "shown"), [("abc", 20), ("-5", 20), ("35", 35), ("999", 45)])
def test_a_number_out_of_range_shows_what_can_be_shown(client, amsterdam, asked, shown):
    row_of_places(45)
    response = nearby(client, aantal=asked)
    assert response.status_code == 200
    assert len(names(response)) == shown


def test_the_map_numbers_the_places_shown(client, amsterdam):
    row_of_places(25)
    response = nearby(client)
    numbers = [f["properties"]["number"] for f in response.context["features"]["features"]]
    assert numbers == list(range(1, 21))


def test_queries_do_not_grow_with_the_results(client, amsterdam):
    """Two results, twenty and forty-five (each with its target groups and hours): the same
    queries."""
    groups = list(TargetGroup.objects.all()[:2])
    for place in row_of_places(45) + [
        PlaceFactory(name=f"Elders {n}", location=web_point(4.95, 52.40 + n / 10_000))
        for n in range(2)
    ]:
        place.target_groups.set(groups)

    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            response = nearby(client, **params)
        return len(names(response)), len(captured.captured_queries)

    nearby(client)  # a process reads the SRID table once
    two = queries(lat="52.40", lng="4.95")
    twenty = queries()
    all_of_them = queries(aantal=45)
    assert [two[0], twenty[0], all_of_them[0]] == [2, 20, 45]
    assert two[1] == twenty[1] == all_of_them[1] <= 8


# Advice when nothing matches


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(hours, "now", lambda: MONDAY_NOON)


def test_a_larger_radius_is_offered_when_it_finds_places(client, amsterdam):
    PlaceFactory(name="Om de hoek", location=east(800))
    response = nearby(client, straal=500)
    assert names(response) == []
    assert "Binnen 1 km: 1 plek." in text(response)
    wider = follow(client, link(response, "Zoek binnen 1 km"))
    assert names(wider) == ["Om de hoek"]


def test_a_larger_radius_with_the_filter_still_on(client, amsterdam, frozen):
    PlaceFactory(name="Dicht, dichtbij", location=east(100), opening_hours="Sa 10:00-12:00")
    PlaceFactory(name="Open, verder", location=east(1500), opening_hours="Mo-Fr 09:00-17:00")
    response = nearby(client, open_now="on")
    assert "Binnen 2 km: 1 plek." in text(response)
    assert names(follow(client, link(response, "Zoek binnen 2 km"))) == ["Open, verder"]


def test_the_filter_is_named_when_a_larger_radius_finds_nothing(client, amsterdam, frozen):
    PlaceFactory(name="Dicht", location=east(100), opening_hours="Sa 10:00-12:00")
    PlaceFactory(name="Ook dicht", location=east(300), opening_hours="Su 10:00-12:00")
    PlaceFactory(name="Ver weg en open", location=east(5000), opening_hours="Mo-Fr 09:00-17:00")
    response = nearby(client, open_now="on")
    said = text(response)
    assert "grotere afstand" not in said and "Zoek binnen" not in said
    assert "Zonder ‘Nu open’: 2 plekken." in said
    without = follow(client, link(response, "Laat dit filter weg"))
    assert names(without) == ["Dicht", "Ook dicht"]


def test_the_largest_radius_never_offers_a_larger_one(client, amsterdam):
    PlaceFactory(name="Zonder rolstoel", location=east(100), wheelchair="no")
    response = nearby(client, straal=5000, rolstoel="on")
    said = text(response)
    assert "Zoek binnen" not in said
    assert "Zonder ‘Rolstoeltoegankelijk’: 1 plek." in said


def test_no_places_at_all_gives_no_advice_about_filters(client, amsterdam):
    PlaceFactory(name="Ver weg", location=east(9000))
    response = nearby(client, straal=5000)
    said = text(response)
    assert "0 plekken binnen 5000 m" in said
    assert "Zoek binnen" not in said and "filter" not in said.split("0 plekken binnen")[1]


def test_several_filters_each_leaving_nothing_clear_only_the_filters(client, amsterdam):
    buurthuis = PlaceType.objects.get(slug="buurthuis")
    PlaceFactory(name="Buurthuis", location=east(100), place_type=buurthuis, wheelchair="no")
    PlaceFactory(name="Buurtkamer", location=east(200), wheelchair="no")
    response = nearby(client, type="huiskamer", rolstoel="on", straal=5000)
    assert "Meerdere filters laten elk op zichzelf niets over." in text(response)
    cleared = link(response, "Wis alle filters")
    assert "lat=52.37" in cleared and "straal=5000" in cleared
    assert names(follow(client, cleared)) == ["Buurthuis", "Buurtkamer"]


def test_unknown_answers_are_counted_within_the_radius(client, amsterdam):
    PlaceFactory(name="Rolstoel ja", location=east(100), wheelchair="yes")
    PlaceFactory(name="Onbekend", location=east(200), wheelchair="unknown")
    PlaceFactory(name="Onbekend maar ver", location=east(3000), wheelchair="unknown")
    response = nearby(client, rolstoel="on")
    assert names(response) == ["Rolstoel ja"]
    assert "Van 1 plek is niet bekend of die rolstoeltoegankelijk is." in text(response)
    also = follow(client, link(response, "Toon die ook"))
    assert names(also) == ["Rolstoel ja", "Onbekend"]


def test_a_place_type_filter_named_when_it_removes_everything(client, amsterdam):
    buurthuis = PlaceType.objects.get(slug="buurthuis")
    PlaceFactory(name="Huis", location=east(100), place_type=buurthuis)
    response = nearby(client, type="buurtkamer", straal=5000)
    assert "Zonder ‘Soort’: 1 plek." in text(response)


# The filter panel comes from the cache: per filter values and data version


def test_the_filter_panel_shows_the_filters_of_this_search(client, amsterdam):
    row_of_places(2)
    checked = re.compile(r'<input type="checkbox" name="type" value="buurtkamer"[^>]*checked')
    assert checked.search(nearby(client, type="buurtkamer").content.decode())
    assert not checked.search(nearby(client).content.decode())
    assert checked.search(nearby(client, type="buurtkamer", lat="52.371").content.decode())


def test_the_circle_takes_the_place_of_the_areas(client, amsterdam):
    """The nearby search offers no gemeente, wijk or buurt: a buurt in its address (an old
    link) no longer empties the list without the panel showing why; the circle decides."""
    row_of_places(3)
    elsewhere = {"buurt": amsterdam["east"].code}  # the places lie in the west
    assert names(nearby(client, **elsewhere)) == names(nearby(client)) == [
        "Plek 001", "Plek 002", "Plek 003"
    ]  # fmt: skip
    page = nearby(client).content.decode()
    assert 'name="wijk"' not in page
    assert 'name="buurt"' not in page


def test_a_new_place_type_appears_in_the_filter_panel(client, amsterdam):
    row_of_places(2)
    assert "Wijkkeuken" not in text(nearby(client))
    PlaceType.objects.create(name="Wijkkeuken", slug="wijkkeuken", color="#000000", order=99)
    assert "Wijkkeuken" in text(nearby(client))


def test_a_target_group_filter_ranks_and_counts_once_per_place(client, amsterdam):
    groups = list(TargetGroup.objects.all()[:2])
    for place in row_of_places(25):
        place.target_groups.set(groups)  # two matching groups: no place twice
    response = nearby(client, doelgroep=[group.slug for group in groups])
    assert names(response) == [f"Plek {n:03d}" for n in range(1, 21)]
    assert "De 20 dichtstbijzijnde van 25 plekken" in text(response)
