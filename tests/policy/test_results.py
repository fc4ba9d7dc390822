"""Costs and achievements joined up (issue 16, item 5), computed by hand on a small town.

Wijk W (from the `city` fixture) has three places, Wijk V one. In 2025:

| place   | form    | wijk | hours/wk | costs  | subsidy | visitors (agreed) | activities (agreed) |
|---------|---------|------|---------:|-------:|--------:|-------------------|---------------------|
| Midden  | zelf    | W    | 30       |  5,200 |   2,600 | 20 (15)           | 4 (5): missed       |
| Hoek    | zelf    | W    | unknown  | 10,400 |       0 | 50 (50): met      | 3 (none)            |
| Oost    | sociaal | W    | unknown  | 15,600 |  15,600 | not reported (25) | (none): missed      |
| Eenling | partic. | V    | 4        |  2,080 |   1,040 | 8 (none)          | no targets          |

Cost per visitor per week = costs / 52 / visitors: Midden 5.00, Hoek 4.00, Eenling 5.00.
Cost per opening hour = costs / (52 × hours): Midden 3.33, Eenling 10.00.
"""

import re

import pytest
from django.urls import reverse

from places.models import Place, YearFigures
from places.policy import results
from tests.helpers.accounts import log_in
from tests.helpers.results import figures, make_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(city):
    return make_town(city)


def rows(group_by):
    return {row.key: row for row in results.group_rows(Place.objects.published(), 2025, group_by)}


def names(members):
    return [member.place.name for member in members]


def test_per_wijk(town):
    wijken = rows("wijk")
    assert [row.label for row in wijken.values()] == ["Wijk V", "Wijk W"]
    w, v = wijken["WK999901"], wijken["WK999902"]
    assert w.places == 3
    assert w.cost_per_visitor == 4.5  # the median of Midden's 5.00 and Hoek's 4.00
    assert w.cost_per_hour == 3.33  # Midden only: 5,200 / (52 × 30)
    assert w.subsidy_share == pytest.approx(100 * 18200 / 31200)  # 58.3 %
    assert names(w.met) == ["Hoek"]
    assert names(w.missed) == ["Midden", "Oost"]
    assert (v.places, v.cost_per_visitor, v.cost_per_hour, v.subsidy_share) == (1, 5.0, 10.0, 50)
    assert (v.met, v.missed) == ([], [])


def test_per_management_form(town):
    forms = rows("beheer")
    zelf, sociaal = forms["zelfbeheer"], forms["sociaal_beheer"]
    assert (zelf.places, zelf.cost_per_visitor, zelf.cost_per_hour) == (2, 4.5, 3.33)
    assert zelf.subsidy_share == pytest.approx(100 * 2600 / 15600)
    assert (names(zelf.met), names(zelf.missed)) == (["Hoek"], ["Midden"])
    assert (sociaal.places, sociaal.cost_per_visitor, sociaal.subsidy_share) == (1, None, 100)
    assert names(sociaal.missed) == ["Oost"]


@pytest.mark.parametrize(
    ("values", "outcome"),
    [
        ({"visitors_per_week": 50, "target_visitors_per_week": 50}, results.MET),
        ({"visitors_per_week": 49, "target_visitors_per_week": 50}, results.MISSED),
        ({"target_visitors_per_week": 50}, results.MISSED),  # not reported: not reached
        ({"activities": 6, "target_activities": 5, "visitors_per_week": 1}, results.MET),
        (
            {
                "visitors_per_week": 60,
                "target_visitors_per_week": 50,
                "activities": 2,
                "target_activities": 5,
            },
            results.MISSED,
        ),
        ({"visitors_per_week": 60}, ""),  # nothing agreed
    ],
)
def test_targets_met_in_sql(city, values, outcome):
    figures(city["centre"], **values)
    (row,) = results.with_outcome(YearFigures.objects.all())
    assert row.outcome == outcome


def test_the_costs_page_joins_costs_and_targets(client, town, people):
    log_in(client, people["beleid"])
    page = client.get(reverse("places:costs"), {"jaar": 2025}, HTTP_ACCEPT_LANGUAGE="nl")
    html = page.content.decode()
    by_wijk = html.split('id="results-wijk"')[1].split("</table>")[0]
    row_v = re.search(r"Wijk V</th>(.*?)</tr>", by_wijk, re.S).group(1)
    assert "1 plek<" in row_v  # one place: nobody reads its figures as an average
    assert "€ 5,00" in row_v and "€ 10,00" in row_v and "50%" in row_v
    row_w = re.search(r"Wijk W</th>(.*?)</tr>", by_wijk, re.S).group(1)
    assert "3 plekken" in row_w and "€ 4,50" in row_w and "€ 3,33" in row_w
    assert "58%" in row_w
    met = reverse("places:targets") + "?jaar=2025&amp;per=wijk&amp;groep=WK999901&amp;uitkomst="
    assert f'<a href="{met}gehaald" aria-label="1 (toon de plekken)">1<' in row_w
    assert f'<a href="{met}niet-gehaald" aria-label="2 (toon de plekken)">2<' in row_w


def test_the_list_behind_a_number(client, town, people):
    log_in(client, people["beleid"])
    url = reverse("places:targets")
    query = {"jaar": 2025, "per": "wijk", "groep": "WK999901", "uitkomst": "niet-gehaald"}
    page = client.get(url, query, HTTP_ACCEPT_LANGUAGE="nl")
    assert names(page.context["rows"]) == ["Midden", "Oost"]
    text = page.content.decode()
    assert "Plekken die hun resultaatafspraken niet halen" in text
    assert "Wijk W · 2025 · 2 plekken" in text
    assert "activiteiten per week: 4 (afgesproken: 5)" in text
    assert "bezoekers per week: niet gemeld (afgesproken: 25)" in text
    assert f'href="{town["east"].get_absolute_url()}"' in text
    query = {"jaar": 2025, "per": "beheer", "groep": "zelfbeheer", "uitkomst": "gehaald"}
    assert names(client.get(url, query).context["rows"]) == ["Hoek"]
    assert names(client.get(url, {"jaar": 2025}).context["rows"]) == ["Hoek"]  # all wijken


def test_an_unknown_group_is_not_found(client, town, people):
    log_in(client, people["beleid"])
    query = {"jaar": 2025, "per": "wijk", "groep": "WK000000"}
    assert client.get(reverse("places:targets"), query).status_code == 404


def test_the_dashboard_says_how_many_places_reported(client, town, people):
    log_in(client, people["beleid"])
    page = client.get(reverse("places:dashboard"), HTTP_ACCEPT_LANGUAGE="nl")
    by_wijk = page.context["achievements"]["by_wijk"]
    assert [(r["label"], r["places"], r["visitors"]) for r in by_wijk] == [
        ("Wijk V", 1, 8),
        ("Wijk W", 3, 70),  # Oost reported no visitors: 20 + 50
    ]
    html = page.content.decode()
    assert '<th scope="row">Wijk V</th><td>1 plek</td><td>8</td>' in html
    assert "<td>3 plekken</td><td>70</td><td>90</td>" in html  # agreed: 15 + 50 + 25
