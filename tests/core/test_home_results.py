"""The home page on a phone: results first, and honest about what the filters cannot answer
(issue 14, points 1 and 3). The person reads the counts, cards and advice asserted here."""

import re
from datetime import datetime
from html import unescape

import pytest
from django.urls import reverse

from places import hours
from places.hours import AMSTERDAM
from places.models import PlaceType
from tests.helpers.factories import PlaceFactory

pytestmark = pytest.mark.django_db
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def week(amsterdam, monkeypatch):
    """Four places, at Monday noon: open, closed, hours unknown, by appointment."""
    monkeypatch.setattr(hours, "now", lambda: MONDAY_NOON)
    library = PlaceType.objects.get(slug="bibliotheek")
    return {
        "open": PlaceFactory(
            name="De Open Deur",
            opening_hours="Mo-Fr 10:00-16:00",
            wheelchair="yes",
            visitor_cost="free",
        ),
        "closed": PlaceFactory(
            name="Bieb Dicht", opening_hours="Sa 10:00-12:00", place_type=library
        ),
        "unknown": PlaceFactory(name="Zonder Tijden", opening_hours=""),
        "appointment": PlaceFactory(
            name="Op Afspraak", opening_hours='Mo-Fr 09:00-17:00 unknown "op afspraak"'
        ),
    }


def page(client, **query):
    return unescape(client.get(reverse("places:list"), query).content.decode())


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cards(html):
    return re.findall(r'<li class="place-card">(.*?)</li>', html, re.S)


def findings(html):
    found = re.search(r'<ul class="findings">(.*?)</ul>', html, re.S)
    return [text(li) for li in re.findall(r"<li>(.*?)</li>", found[1], re.S)] if found else []


def links_in_findings(html):
    found = re.search(r'<ul class="findings">(.*?)</ul>', html, re.S)
    return re.findall(r'href="\?([^"#]*)#resultaten"', found[1]) if found else []


def test_each_card_says_name_type_open_now_cost_and_wheelchair(client, week):
    html = page(client)
    open_card = next(text(c) for c in cards(html) if "De Open Deur" in c)
    assert "Buurtkamer · Oostbuurt" in open_card
    assert "Nu open · sluit 16:00" in open_card
    assert "Kosten: gratis · Toegankelijk met rolstoel" in open_card
    closed_card = next(text(c) for c in cards(html) if "Bieb Dicht" in c)
    assert (
        "Bibliotheek" in closed_card
        and "Nu gesloten · gaat open zaterdag 28 november, 10:00" in closed_card
    )
    assert "Rolstoeltoegankelijkheid onbekend" in closed_card
    assert "Openingstijden niet bekend" in next(
        text(c) for c in cards(html) if "Zonder Tijden" in c
    )
    assert len(cards(html)) == 4
    assert '<table class="place-table">' in html  # the table stays for wide screens


def test_the_filter_panel_counts_the_filters_in_use_and_keeps_the_results_in_view(client, week):
    assert re.search(r'<h2 id="filter-heading">Filters</h2>', page(client))
    html = page(client, open_now="on", type="bibliotheek")
    assert '<h2 id="filter-heading">Filters (2)</h2>' in html
    assert re.search(r'<form method="get" action="/#resultaten" id="place-filter">', html)
    assert 'id="resultaten"' in html


def test_open_now_says_for_how_many_places_it_is_not_known_and_shows_them_on_request(client, week):
    html = page(client, open_now="on")
    assert "1 plek gevonden" in text(html)
    assert findings(html) == [
        "Van 2 plekken is niet bekend of ze nu open zijn (geen openingstijden, of op afspraak). "
        "Toon die plekken ook"
    ]
    (link,) = links_in_findings(html)
    shown = page(client, **dict(part.split("=") for part in link.split("&")))
    assert "3 plekken gevonden" in text(shown)
    assert {"De Open Deur", "Zonder Tijden", "Op Afspraak"} == {
        name
        for name in ("De Open Deur", "Zonder Tijden", "Op Afspraak", "Bieb Dicht")
        if name in text(shown.split('id="list-count"')[1])
    }
    assert findings(shown) == []


def test_wheelchair_access_unknown_is_said_and_can_be_included(client, week):
    html = page(client, rolstoel="on")
    assert "1 plek gevonden" in text(html)
    assert findings(html) == [
        "Van 3 plekken is niet bekend of ze rolstoeltoegankelijk zijn. Toon die plekken ook"
    ]
    assert "4 plekken gevonden" in text(page(client, rolstoel="on", ook_onbekend="on"))


def test_when_nothing_matches_the_advice_names_the_filter_that_removes_everything(client, week):
    html = page(client, open_now="on", type="bibliotheek")
    assert "0 plekken gevonden" in text(html)
    advice = findings(html)
    assert "Zonder ‘Nu open’: 1 plek. Laat dit filter weg" in advice
    assert "Zonder ‘Soort’: 1 plek. Laat dit filter weg" in advice
    assert not any("afstand" in line for line in advice)  # no radius on this page
    assert "type=bibliotheek" in links_in_findings(html)


def test_when_several_filters_each_leave_nothing_it_says_so(client, week):
    # Any two of these three leave nothing; each on its own finds one place.
    html = page(client, rolstoel="on", type="bibliotheek", q="Zonder")
    advice = findings(html)
    assert "0 plekken gevonden" in text(html)
    assert not any(line.startswith("Zonder ‘") for line in advice)
    assert "Met alleen ‘Soort’: 1 plek." in advice
    assert "Met alleen ‘Zoeken’: 1 plek." in advice
    assert "Met alleen ‘Rolstoeltoegankelijk’: 1 plek." in advice
    assert advice[-1] == "Meerdere filters laten elk op zichzelf niets over. Wis alle filters"
