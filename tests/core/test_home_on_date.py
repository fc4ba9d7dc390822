"""The home list on a date (/?op=2018-01-01): each card and row shows the place as it was that
day (its type, management form and status then), as the map does; on the small network of
tests/helpers/network.py, with a type change and a closing that was undone added here."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from places.models import PlaceType
from tests.helpers.network import K, add, make_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(city):
    places = make_history(city)
    buurthuis = PlaceType.objects.get(slug="buurthuis")
    huis = PlaceType.objects.get(slug="huis-van-de-wijk")
    hoek = places["corner"]
    add(hoek, K.PLACE_TYPE, "2020-01-01", "year", str(buurthuis.pk), str(huis.pk))
    oost = places["east"]  # closed for a year, then opened again
    add(oost, K.CLOSED, "2020-01-01")
    add(oost, K.REOPENED, "2021-01-01")
    return places


def shown(client, day):
    """{name: (the card's type line, the table row's cells)} of the home list on that day."""
    text = client.get(reverse("places:list"), {"op": day} if day else {}).content.decode()
    cards = re.findall(r'<li class="place-card">(.*?)</li>', text, re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", text.split('class="place-table"')[1], re.S)
    found = {}
    for card, row in zip(cards, rows[1:], strict=True):
        name, type_line = [
            words(part) for part in re.findall(r"<h3>(.*?)</h3>.*?<p>(.*?)</p>", card, re.S)[0]
        ]
        cells = [words(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        found[name] = (type_line, cells[1], cells[2], cells[5])
    return found


def words(html):
    return " ".join(unescape(strip_tags(html)).split())


def test_the_cards_show_the_type_and_management_form_of_then(client, history):
    then = shown(client, "2018-01-01")
    assert then["Hoek"] == ("Buurthuis · Buurt B1", "Buurthuis", "sociaal beheer", "actief")
    today = shown(client, None)
    assert today["Hoek"] == (
        "Huis van de Wijk · Buurt B1",
        "Huis van de Wijk",
        "zelfbeheer",
        "actief",
    )


def test_a_place_closed_since_shows_as_it_was(client, history):
    then = shown(client, "2017-06-01")
    assert sorted(then) == ["Dicht", "Hoek", "Midden"]
    assert then["Dicht"][1:] == ("Buurtkamer", "zelfbeheer", "actief")  # closed since 2017
    assert "Dicht" not in shown(client, None)


def test_a_place_that_closed_and_reopened(client, history):
    assert "Oost" not in shown(client, "2020-06-01")
    assert shown(client, "2019-06-01")["Oost"][1:] == ("Buurtkamer", "zelfbeheer", "actief")
    assert shown(client, "2023-06-01")["Oost"][1:] == ("Buurtkamer", "sociaal beheer", "actief")


def test_the_other_filters_still_choose_on_a_date(client, history):
    """A wijk or words chosen with a date are not dropped without a word: list and map agree."""
    day = {"op": "2019-06-01"}
    names = lambda query: sorted(  # noqa: E731
        place.name
        for place in client.get(reverse("places:list"), {**day, **query}).context["object_list"]
    )
    assert names({}) == ["Eenling", "Hoek", "Midden", "Oost"]
    assert names({"wijk": "WK999902"}) == ["Eenling"]
    assert names({"wijk": "WK999901"}) == ["Hoek", "Midden", "Oost"]
    assert names({"q": "Hoek"}) == ["Hoek"]
    map_data = client.get(reverse("places:map-data"), {**day, "wijk": "WK999902", "zoom": 18})
    features = map_data.json()["features"]
    assert [feature["properties"].get("name") for feature in features] == ["Eenling"]
