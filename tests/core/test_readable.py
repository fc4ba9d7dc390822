"""Readable everywhere (issue 14, item 4): status words, Dutch name order, alphabetical
area choices, paged area pages, the report form's hidden trap for robots."""

import re

import pytest
from django.urls import reverse

from places.models import Place, Report
from places.text import sort_key
from tests.helpers.factories import AreaFactory, PlaceFactory, web_square

pytestmark = pytest.mark.django_db


def names_in_table(html):
    """The names in the table's rows (the first cell links to the place)."""
    return re.findall(r'<tr>\s*<td><a href="/plek/[^"]+/">([^<]+)</a>', html)


def test_status_reads_as_active_not_as_open_now(client, vocabularies):
    PlaceFactory(name="Het Anker")
    PlaceFactory(name="De Boot", status=Place.Status.TEMPORARILY_CLOSED)
    html = client.get("/", {"status": "all"}).content.decode()
    cells = re.findall(r"<td>(actief|open|tijdelijk gesloten|gesloten)</td>", html)
    assert sorted(cells) == ["actief", "tijdelijk gesloten"]
    assert "<td>open</td>" not in html


def test_status_filter_offers_active_not_open(client, vocabularies):
    html = client.get("/").content.decode()
    status = html[html.index('name="status"') :]
    status = status[: status.index("</select>")]
    assert re.findall(r">([^<]+)</option>", status) == [
        "actief (standaard)",
        "actief",
        "tijdelijk gesloten",
        "gesloten",
        "alle, ook gesloten",
    ]


def test_names_sort_as_a_dutch_reader_expects(client, vocabularies):
    for name in ["Zebra", "de Boeg", "Ábc", "'t Hoekje", "De Boeg 2", "abd", "Bos"]:
        PlaceFactory(name=name)
    html = client.get("/").content.decode()
    assert names_in_table(html) == [
        "Ábc",
        "abd",
        "Bos",
        "de Boeg",
        "De Boeg 2",
        "&#x27;t Hoekje",
        "Zebra",
    ]


def test_sort_key_ignores_case_accents_and_leading_quotes():
    assert sort_key("De Boeg") == sort_key("de Boeg") == "de boeg"
    assert sort_key("Ábc") == "abc"
    assert sort_key("'t Hoekje") == "t hoekje"
    assert sort_key("ĳsbaan") == "ijsbaan"


def test_a_renamed_place_moves_in_the_list(client, vocabularies):
    first, second = PlaceFactory(name="Anker"), PlaceFactory(name="Boot")
    first.name = "zeemeeuw"
    first.save()
    assert names_in_table(client.get("/").content.decode()) == [second.name, "zeemeeuw"]


def options_of(html, name):
    select = html[html.index(f'name="{name}"') :]
    select = select[: select.index("</select>")]
    return re.findall(r">([^<]+)</option>", select)[1:]  # without "alle"


@pytest.fixture
def wijken(vocabularies):
    gemeente = AreaFactory(code="GM0363", name="Amsterdam", kind="gemeente", parent=None)
    made = {}
    for code, name in [("WK01", "Zuid"), ("WK02", "apollobuurt"), ("WK03", "Bos en Lommer")]:
        made[name] = AreaFactory(code=code, name=name, kind="wijk", parent=gemeente)
    for code, name in [("BU01", "Zeeheldenbuurt"), ("BU02", "de Pijp"), ("BU03", "Duivelseiland")]:
        AreaFactory(code=code, name=name, kind="buurt", parent=made["Zuid"])
    AreaFactory(code="BU09", name="Apollo-Oost", kind="buurt", parent=made["apollobuurt"])
    return made


def test_wijk_choices_are_alphabetical(client, wijken):
    html = client.get("/").content.decode()
    assert options_of(html, "wijk") == ["apollobuurt", "Bos en Lommer", "Zuid"]


def test_buurt_choices_follow_the_wijk_and_are_alphabetical(client, wijken):
    html = client.get("/", {"wijk": "WK01"}).content.decode()
    assert options_of(html, "buurt") == ["de Pijp", "Duivelseiland", "Zeeheldenbuurt"]
    assert 'data-areas-url="/api/gebieden.json"' in html
    assert 'data-parent-field="wijk"' in html


def test_the_areas_api_gives_the_buurten_of_a_wijk(client, wijken):
    data = client.get("/api/gebieden.json", {"kind": "buurt", "parent": "WK01"}).json()
    assert sorted(row["name"] for row in data["results"]) == [
        "Duivelseiland",
        "Zeeheldenbuurt",
        "de Pijp",
    ]


def test_an_area_with_many_places_is_paged(client, vocabularies):
    geometry = web_square(4.90, 52.37, 0.05)
    gemeente = AreaFactory(code="GM0363", name="Amsterdam", kind="gemeente", geometry=geometry)
    wijk = AreaFactory(code="WK01", kind="wijk", parent=gemeente, geometry=geometry)
    AreaFactory(code="BU01", kind="buurt", parent=wijk, geometry=geometry)
    for n in range(60):
        PlaceFactory(name=f"Plek {n:02d}")
    html = client.get(reverse("places:area", args=["GM0363"])).content.decode()
    assert "60 plekken in dit gebied" in html
    assert len(names_in_table(html)) == 50
    assert 'rel="next" href="?page=2"' in html
    assert "Pagina 1 van 2" in html
    second = client.get(reverse("places:area", args=["GM0363"]), {"page": 2}).content.decode()
    assert names_in_table(second) == [f"Plek {n}" for n in range(50, 60)]


def test_the_trap_for_robots_is_hidden_from_people_and_screen_readers(client, vocabularies):
    place = PlaceFactory()
    html = client.get(reverse("places:report", args=[place.slug])).content.decode()
    trap = re.search(r'<div class="honeypot" aria-hidden="true">(.*?)</div>', html, re.S)
    assert trap, "the field sits in an aria-hidden box"
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", trap[1])[0]
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field
    assert html.count('name="website"') == 1


def test_the_trap_still_catches_robots(client, vocabularies):
    place = PlaceFactory()
    url = reverse("places:report", args=[place.slug])
    robot = client.post(url, {"message": "Koop nu!", "website": "http://spam"}, follow=True)
    assert "Dank u wel" in robot.content.decode()
    assert not Report.objects.exists()
    client.post(url, {"message": "De openingstijden kloppen niet", "website": ""})
    assert list(Report.objects.values_list("message", flat=True)) == [
        "De openingstijden kloppen niet"
    ]
