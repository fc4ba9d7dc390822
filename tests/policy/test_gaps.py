"""Gaps where people live, computed by hand on square buurten of 1 km² in RD New metres.

The city fixture: B1 (4,000 inhabitants, places at 500,500 and 800,200), B2 (500, a place at
1500,500). Added here: a harbour H (45 inhabitants, no place), buurt U without a population
figure and buurt S (50 inhabitants, a place in its middle). At N = 200 m every circle lies
wholly inside its buurt and no two overlap. The database and GEOS buffer a point with 8
segments per quarter: the circle is a 32-gon of 16 r² sin(π/16) m².
"""

import math

import pytest
from django.urls import reverse

from places.models import Area, Place
from places.policy import figures as policy
from places.policy import gaps
from tests.helpers.accounts import log_in
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import at, square

pytestmark = pytest.mark.django_db

CIRCLE = 16 * 200**2 * math.sin(math.pi / 16)  # 124,858 m²: one place's 200 m, as a 32-gon
KM2 = 1e6


@pytest.fixture
def town(city):
    wijk = city["wijk"]
    for code, name, x, y, population in [
        ("BU99990103", "Haven H", 2000, 0, 45),
        ("BU99990104", "Buurt U", 0, 1000, None),
        ("BU99990105", "Buurt S", 1000, 1000, 50),
    ]:
        Area.objects.create(
            code=code,
            name=name,
            kind="buurt",
            parent=wijk,
            geometry=square(x, y),
            population=population,
        )
    PlaceFactory(name="Klein", location=at(1500, 1500), management_form="zelfbeheer")
    return city


def rows(level="buurt"):
    active = Place.objects.published().filter(status="active")
    return {row.area.code: row for row in policy.area_figures(level, active, 200)}


def test_people_beyond_n_metres_is_the_uncovered_share_times_the_inhabitants(town):
    buurten = rows()
    assert buurten["BU99990101"].people_beyond == round(4000 * (KM2 - 2 * CIRCLE) / KM2)  # 3001
    assert buurten["BU99990102"].people_beyond == round(500 * (KM2 - CIRCLE) / KM2)  # 438
    assert buurten["BU99990105"].people_beyond == round(50 * (KM2 - CIRCLE) / KM2)  # 44
    assert buurten["BU99990103"].people_beyond == 45  # nothing within 200 m: all of them


def test_unknown_population_stays_unknown_never_zero(town):
    buurt = rows()["BU99990104"]
    assert buurt.population is None and buurt.people_beyond is None
    assert buurt.per_10000 is None


def test_a_wijk_sums_its_buurten_and_counts_those_without_a_figure(town):
    wijk = rows("wijk")["WK999901"]
    assert wijk.people_beyond == 3001 + 438 + 44 + 45
    assert wijk.unknown_parts == 1


def test_the_ranking_gives_the_most_people_beyond_and_leaves_out_the_uninhabited(town):
    ranked = [row.area.code for row in gaps.ranking(rows().values())]
    # The harbour has more people beyond 200 m (45) than S (44), but fewer than 50 inhabitants.
    assert ranked == ["BU99990101", "BU99990102", "BU99990105"]


def test_sorted_by_people_beyond_unknown_and_uninhabited_come_last_both_ways(town):
    table = list(rows().values())
    most_first = sorted(table, key=gaps.gap_key)
    fewest_first = sorted(table, key=lambda row: gaps.gap_key(row, most_first=False))
    assert [r.area.code[-1] for r in most_first] == ["1", "2", "5", "4", "3"]
    assert [r.area.code[-1] for r in fewest_first] == ["5", "2", "1", "4", "3"]


def test_the_threshold_is_a_setting(town, settings):
    settings.POLICY_FEW_INHABITANTS = 600
    ranked = [row.area.code for row in gaps.ranking(rows().values())]
    assert ranked == ["BU99990101"]


@pytest.fixture
def dashboard(client, town, people):
    log_in(client, people["beleid"])
    params = {"niveau": "buurt", "maat": "inwoners", "afstand": "200", "sort": "-inwoners"}
    params["gemeente"] = "GM9999"
    return client.get(reverse("places:dashboard"), params)


def test_the_dashboard_names_the_distance_and_the_top_gap(dashboard):
    page = dashboard.content.decode()
    assert '<h2 id="gaps-heading">Inwoners verder dan 200 m van een ontmoetingsplek</h2>' in page
    assert "Een schatting per buurt" in page
    assert dashboard.context["ranking"][0][1] == (
        "ongeveer 3.001 van 4.000 inwoners verder dan 200 m"
    )
    header = "Inwoners verder dan 200 m van een ontmoetingsplek (schatting)"
    assert header in page and f"Legenda: {header}" in page


def test_the_table_puts_the_uninhabited_last_and_says_why_in_words(dashboard):
    codes = [row.area.code for row in dashboard.context["rows"]]
    assert codes[-2:] == ["BU99990104", "BU99990103"]
    page = dashboard.content.decode()
    table = page[page.index('id="area-table"') : page.index("</table>")]
    assert "inwonertal onbekend" in table
    assert "geen/weinig inwoners (45)" in table
    assert "—" not in table


def test_the_legend_shows_the_bounds_with_their_unit(dashboard):
    legend = [text for _colour, text in dashboard.context["legend"]]
    assert legend[0].startswith("44 – ") and legend[0].endswith("inwoners (schatting)")
    assert legend[-1].endswith("3.001 inwoners (schatting)")
    values = dashboard.context["map_values"]
    assert values["sparse"] == ["BU99990103"]
    assert values["values"]["BU99990103"] is None  # hatched, not coloured
    assert values["labels"]["BU99990104"] == "inwonertal onbekend"


def test_the_share_legend_is_in_percent(client, town, people):
    log_in(client, people["beleid"])
    params = {"niveau": "buurt", "maat": "dekking", "afstand": "200", "gemeente": "GM9999"}
    legend = client.get(reverse("places:dashboard"), params).context["legend"]
    # From B1's 75.0 % to H's and U's 100 %: five classes of 5 percentage points.
    assert legend[-1][1] == "95,0 – 100,0 % van de oppervlakte"


def test_one_value_makes_one_class_in_the_legend():
    assert gaps.classes([8.85, None, 8.85], "per10k") == [(8.85, 8.85, gaps.COLOURS[2])]
    assert gaps.legend(gaps.classes([8.85], "per10k"), "per10k")[0][1] == (
        "8,85 – 8,85 plekken per 10.000 inwoners"  # as precise as the table
    )
