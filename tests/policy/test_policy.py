"""Dashboard figures against values computed by hand, on a fixture in RD New metres.

Coverage is one SQL query on PostGIS and GEOS in Python on SpatiaLite: these tests run on both,
and on PostGIS the two ways are compared with each other.
"""

import csv
import io
import json
import math
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from places.models import Area, Place, YearFigures, YearlyCosts
from places.policy import costs
from places.policy import figures as policy
from tests.helpers.accounts import log_in
from tests.helpers.geo import square

pytestmark = pytest.mark.django_db


def active():
    return Place.objects.published().filter(status="active")


def by_code(rows):
    return {row.area.code: row for row in rows}


def test_places_per_buurt_and_wijk(city):
    buurten = by_code(policy.area_figures("buurt", active(), 200))
    assert buurten["BU99990101"].places == 2 and buurten["BU99990102"].places == 1
    assert by_code(policy.area_figures("wijk", active(), 200))["WK999901"].places == 3


def test_places_per_10000_inhabitants(city):
    buurten = by_code(policy.area_figures("buurt", active(), 200))
    assert buurten["BU99990101"].per_10000 == 5.0  # 2 / 4000 * 10,000
    assert buurten["BU99990102"].per_10000 == 20.0  # 1 / 500 * 10,000
    assert by_code(policy.area_figures("wijk", active(), 200))["WK999901"].per_10000 == 6.67


def test_coverage_share(city):
    covered = math.pi * 200**2  # one circle of 200 m, wholly inside its buurt
    buurten = by_code(policy.area_figures("buurt", active(), 200))
    assert buurten["BU99990101"].uncovered_share == pytest.approx(
        100 * (1e6 - 2 * covered) / 1e6, abs=0.2
    )  # 74.9 %
    assert buurten["BU99990102"].uncovered_share == pytest.approx(
        100 * (1e6 - covered) / 1e6, abs=0.2
    )  # 87.4 %
    wijk = by_code(policy.area_figures("wijk", active(), 200))["WK999901"]
    assert wijk.uncovered_share == pytest.approx(100 * (2e6 - 3 * covered) / 2e6, abs=0.2)


def test_coverage_follows_the_filters(city):
    zelfbeheer = active().filter(management_form="zelfbeheer")
    b2 = by_code(policy.area_figures("buurt", zelfbeheer, 200, "zelfbeheer"))["BU99990102"]
    assert b2.places == 0 and b2.uncovered_share == 100.0


@pytest.mark.parametrize("metres", [50, 200, 900])
def test_the_sql_and_geos_ways_give_the_same_coverage(city, metres):
    if connection.vendor != "postgresql":
        pytest.skip("the SQL way is PostGIS's")
    filtered = active().filter(management_form="zelfbeheer")
    for places in (active(), filtered, Place.objects.none()):
        sql = policy.buurt_coverage_sql(places, metres, Area.objects.buurten())
        geos = policy.buurt_coverage_geos(places, metres, Area.objects.buurten())
        assert sql.keys() == geos.keys() and len(sql) > 1
        for code, (area, uncovered, gap) in sql.items():
            assert area == pytest.approx(geos[code][0])
            assert uncovered == pytest.approx(geos[code][1], rel=1e-9)
            assert (gap is None) == geos[code][2].empty


def test_gaps_layer_is_in_wgs84(city):
    gaps = policy.gaps_geojson(active(), 200)
    ring = gaps["features"][0]["geometry"]["coordinates"][0][0]
    point = ring[0] if isinstance(ring[0], list) else ring
    assert 4.5 < point[0] < 5.5 and 52 < point[1] < 53


def test_cost_totals_medians_and_cost_per_hour(city):
    for place, rent in ((city["centre"], 1000), (city["corner"], 2000), (city["east"], 6000)):
        YearlyCosts.objects.create(
            place=place,
            year=2025,
            rent=Decimal(rent),
            operating_costs=Decimal(560) if place == city["centre"] else 0,
        )
    with translation.override("nl"):  # the labels are the Dutch names of the forms
        rows = {str(row["label"]): row for row in costs.cost_rows(active(), 2025, "beheer")}
    zelf = rows["zelfbeheer"]
    assert (zelf["places"], zelf["rent_total"], zelf["rent_median"]) == (2, 3000.0, 1500.0)
    # Midden: 1000 + 560 costs over 30 open hours a week, 52 weeks: 1.0 a hour.
    assert zelf["cost_per_hour"] == 1.0
    assert rows["sociaal beheer"]["cost_per_hour"] is None  # no opening hours known
    wijk = costs.cost_rows(active(), 2025, "wijk")
    assert wijk[0]["label"] == "Wijk W" and wijk[0]["rent_median"] == 2000.0


def test_hours_per_week():
    assert costs.hours_per_week("Mo-Fr 10:00-16:00; PH off") == 30
    assert costs.hours_per_week("Fr 20:00-02:00") == 6
    assert costs.hours_per_week("") is None


def test_dashboard_is_for_policy_staff(client, city, people):
    assert client.get(reverse("places:dashboard")).status_code == 302
    log_in(client, people["owner"])
    assert client.get(reverse("places:dashboard")).status_code == 403
    log_in(client, people["beleid"])
    assert client.get(reverse("places:dashboard")).status_code == 200


@pytest.fixture
def other_town(city):
    """A second gemeente with one wijk and one buurt, 5 km east, without places."""
    gemeente = Area.objects.create(
        code="GM9998", name="Anderstad", kind="gemeente", geometry=square(5000, 0, 2000)
    )
    wijk = Area.objects.create(
        code="WK999801", name="Wijk A", kind="wijk", parent=gemeente, geometry=square(5000, 0)
    )
    Area.objects.create(
        code="BU99980101", name="Buurt A1", kind="buurt", parent=wijk, geometry=square(5000, 0)
    )


@pytest.mark.parametrize(
    ("scope", "buurten", "wijken"),
    [
        ({"gemeente": "GM9999"}, {"BU99990101", "BU99990102"}, {"WK999901"}),
        ({"gemeente": "GM9998"}, {"BU99980101"}, {"WK999801"}),
        ({"wijk": "WK999901", "buurt": "BU99990102"}, {"BU99990102"}, {"WK999901"}),
    ],
)
def test_the_dashboard_shows_the_areas_of_the_chosen_gemeente(
    client, other_town, people, scope, buurten, wijken
):
    log_in(client, people["beleid"])
    params = {"maat": "dekking", "afstand": "200", **scope}
    rows = client.get(reverse("places:dashboard"), {**params, "niveau": "buurt"}).context["rows"]
    assert {row.area.code for row in rows} == buurten
    page = client.get(reverse("places:dashboard"), {**params, "niveau": "wijk"})
    assert {row.area.code for row in page.context["rows"]} == wijken
    layer = json.loads(page.context["gaps"])
    assert {f["properties"]["code"] for f in layer["features"]} == buurten
    if scope.get("gemeente") == "GM9999":  # the same figures as without the scope
        (wijk,) = page.context["rows"]
        assert wijk.places == 3
        assert wijk.uncovered_share == pytest.approx(
            100 * (2e6 - 3 * math.pi * 200**2) / 2e6, abs=0.2
        )


def test_dashboard_csv_matches_the_table(client, city, people):
    log_in(client, people["beleid"])
    params = {"niveau": "buurt", "maat": "dekking", "afstand": "200", "sort": "-places"}
    page = client.get(reverse("places:dashboard"), params)
    table = [(r.area.code, r.places) for r in page.context["rows"]]
    text = client.get(reverse("places:dashboard-csv"), params).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    assert [(r[0], int(r[2])) for r in rows] == table
    assert table[0] == ("BU99990101", 2)


def test_achievements_per_wijk_and_management_form(client, city, people):
    YearFigures.objects.create(
        place=city["centre"], year=2025, visitors_per_week=40, target_visitors_per_week=50
    )
    YearFigures.objects.create(
        place=city["east"], year=2025, visitors_per_week=25, target_visitors_per_week=20
    )
    log_in(client, people["beleid"])
    achievements = client.get(reverse("places:dashboard")).context["achievements"]
    wijk = next(r for r in achievements["by_wijk"] if r["label"] == "Wijk W")
    assert (wijk["visitors"], wijk["target_visitors"]) == (65, 70)
    forms = {r["label"]: r["visitors"] for r in achievements["by_form"]}
    assert forms == {"zelfbeheer": 40, "sociaal beheer": 25}


def test_import_population(tmp_path, city, capsys):
    path = tmp_path / "inwoners.csv"
    path.write_text("code;inwoners\nBU99990101;4.321\nBU00000000;10\n", encoding="utf-8")
    call_command("import_population", str(path))
    assert Area.objects.get(code="BU99990101").population == 4000  # dry run
    call_command("import_population", str(path), "--commit")
    assert Area.objects.get(code="BU99990101").population == 4321
    assert "onbekende code 'BU00000000'" in capsys.readouterr().out


def test_without_a_gemeente_the_dashboard_shows_every_area(client, other_town, people):
    log_in(client, people["beleid"])
    rows = client.get(reverse("places:dashboard"), {"niveau": "buurt"}).context["rows"]
    assert {"BU99990101", "BU99990102", "BU99980101"} <= {row.area.code for row in rows}
