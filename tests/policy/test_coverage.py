"""The coverage table (places.policy.coverage): what it holds, when it changes, who reads it.

On the city fixture (B1 and B2, 1 km squares side by side; places at 500,500 and 800,200 in
B1, 1500,500 in B2) with a third buurt F far to the east, at the distances 200 and 800 m.
Transactions commit in these tests through django_capture_on_commit_callbacks, as they do in
the application; both databases.
"""

import json
import math

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from places.models import Area, BuurtCoverage, Place
from places.policy import coverage, coverage_updates
from places.policy import figures as policy
from tests.helpers.accounts import log_in
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import at, square

pytestmark = pytest.mark.django_db

CIRCLE_200 = 16 * 200**2 * math.sin(math.pi / 16)  # a 200 m circle as the 32-gon of GEOS/PostGIS


@pytest.fixture
def kept(settings, city):
    settings.POLICY_COVERAGE_DISTANCES = [200, 800]
    Area.objects.create(
        code="BU99990109",
        name="Buurt F",
        kind="buurt",
        parent=city["wijk"],
        geometry=square(9000, 0),
    )
    coverage.rebuild()
    # A test's transaction never commits: the fixtures' changes wait in a batch that would
    # take this test's changes too. After the rebuild, start afresh, as after a commit.
    coverage_updates._local.batch = None
    return city


def table(metres):
    rows = BuurtCoverage.objects.filter(metres=metres).select_related("buurt")
    return {row.buurt.code: row for row in rows}


def assert_same_as_full(metres):
    """The table equals a full computation for every buurt."""
    full = coverage.computed(metres)
    have = {
        row.buurt_id: (row.area_m2, row.uncovered_m2, row.gap) for row in table(metres).values()
    }
    assert have.keys() == full.keys()
    for pk, (area, uncovered, gap) in full.items():
        assert have[pk][0] == pytest.approx(area, abs=0.01)
        assert have[pk][1] == pytest.approx(uncovered, abs=0.01), Area.objects.get(pk=pk).code
        assert bool(have[pk][2]) == bool(gap)


def test_the_table_holds_the_figures_computed_by_hand(kept):
    rows = table(200)
    assert rows["BU99990101"].uncovered_m2 == pytest.approx(1e6 - 2 * CIRCLE_200, abs=1)
    assert rows["BU99990102"].uncovered_m2 == pytest.approx(1e6 - CIRCLE_200, abs=1)
    assert rows["BU99990109"].uncovered_m2 == pytest.approx(1e6) and rows["BU99990109"].gap
    assert table(800)["BU99990101"].uncovered_m2 < rows["BU99990101"].uncovered_m2


@pytest.mark.parametrize("metres", [200, 800])
def test_the_table_equals_the_dashboards_own_computation(kept, metres):
    live = policy.buurt_coverage(coverage.counted_places(), metres)
    stored = coverage.stored(metres, Area.objects.buurten())
    assert stored.keys() == live.keys()
    for code, (area, uncovered, gap) in live.items():
        assert stored[code][0] == pytest.approx(area, abs=0.01)
        assert stored[code][1] == pytest.approx(uncovered, abs=0.5)
        assert (stored[code][2] is None) == (gap is None)


def test_moving_a_place_computes_the_buurt_it_left_and_the_one_it_joined(
    kept, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place = Place.objects.get(pk=kept["east"].pk)
        place.location = at(9500, 500)  # from B2 to F
        place.save()
    assert table(200)["BU99990102"].uncovered_m2 == pytest.approx(1e6)
    assert table(200)["BU99990109"].uncovered_m2 == pytest.approx(1e6 - CIRCLE_200, abs=1)
    assert_same_as_full(200)
    assert_same_as_full(800)


@pytest.mark.parametrize(
    "change",
    [
        {"is_published": False},
        {"status": Place.Status.CLOSED},
        {"status": Place.Status.TEMPORARILY_CLOSED},
    ],
)
def test_a_place_that_stops_counting_leaves_a_gap(kept, change, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        place = Place.objects.get(pk=kept["east"].pk)
        for name, value in change.items():
            setattr(place, name, value)
        place.save()
    assert table(200)["BU99990102"].uncovered_m2 == pytest.approx(1e6)
    assert_same_as_full(800)


def test_a_new_place_and_a_deleted_one(kept, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PlaceFactory(name="Nieuw", location=at(9500, 500))
    assert table(200)["BU99990109"].uncovered_m2 == pytest.approx(1e6 - CIRCLE_200, abs=1)
    with django_capture_on_commit_callbacks(execute=True):
        Place.objects.get(name="Nieuw").delete()
    assert table(200)["BU99990109"].uncovered_m2 == pytest.approx(1e6)
    assert_same_as_full(200)


def test_only_the_buurten_within_n_metres_are_computed_again(
    kept, django_capture_on_commit_callbacks
):
    """A wrong figure far away stays wrong: the change did not reach it (nor should it)."""
    BuurtCoverage.objects.filter(buurt__code="BU99990109").update(uncovered_m2=-1)
    BuurtCoverage.objects.filter(buurt__code="BU99990101", metres=200).update(uncovered_m2=-1)
    with django_capture_on_commit_callbacks(execute=True):
        place = Place.objects.get(pk=kept["east"].pk)
        place.location = at(1600, 600)
        place.save()
    assert set(
        BuurtCoverage.objects.filter(uncovered_m2=-1).values_list("buurt__code", "metres")
    ) == {
        ("BU99990109", 200),
        ("BU99990109", 800),
        ("BU99990101", 200),  # B1 is 600 m from both locations: not within 200 m
    }
    assert table(800)["BU99990101"].uncovered_m2 >= 0  # but within 800 m: computed again


def test_a_change_that_moves_nothing_computes_nothing(kept, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    place = Place.objects.get(pk=kept["east"].pk)
    place.name = "Oost, nieuwe naam"
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        place.save()
    assert not [q for q in queries.captured_queries if "buurtcoverage" in q["sql"]]
    place.location = at(1501, 500)
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        place.save()
    assert [q for q in queries.captured_queries if "buurtcoverage" in q["sql"]]


def test_a_rolled_back_change_leaves_the_table_as_it_was(kept, django_capture_on_commit_callbacks):
    before = table(200)["BU99990102"].uncovered_m2
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        place = Place.objects.get(pk=kept["east"].pk)
        place.delete()
        transaction.set_rollback(True)
    assert table(200)["BU99990102"].uncovered_m2 == before


def test_a_new_buurt_gets_its_rows(kept, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Area.objects.create(
            code="BU99990108",
            name="Buurt N",
            kind="buurt",
            parent=kept["wijk"],
            geometry=square(0, 1000),
        )
    assert table(200)["BU99990108"].uncovered_m2 == pytest.approx(1e6)
    assert table(800)["BU99990108"].uncovered_m2 < 1e6  # the places of B1 reach it
    assert_same_as_full(800)


def test_after_migrate_the_missing_rows_are_filled_and_other_distances_dropped(kept, settings):
    settings.POLICY_COVERAGE_DISTANCES = [800, 1200]
    BuurtCoverage.objects.filter(buurt__code="BU99990102").delete()
    call_command("migrate", verbosity=0)
    assert set(BuurtCoverage.objects.values_list("metres", flat=True)) == {800, 1200}
    assert BuurtCoverage.objects.count() == 2 * Area.objects.buurten().count()
    assert_same_as_full(1200)


def test_rebuild_coverage_puts_right_what_went_wrong(kept, capsys):
    BuurtCoverage.objects.filter(buurt__code="BU99990101").update(uncovered_m2=5)
    with pytest.raises(CommandError, match=r"^2 "):  # rows differ
        call_command("rebuild_coverage", "--check")
    call_command("rebuild_coverage")
    call_command("rebuild_coverage", "--check")
    assert capsys.readouterr().out.strip()  # up to date, in the active language
    assert_same_as_full(200)


def figure(page, code):
    return next(row for row in page.context["rows"] if row.area.code == code)


def test_the_dashboard_reads_the_table_without_a_filter_on_the_places(people, kept, client):
    """A figure put in the table shows: the page read it. With a filter on the places, or a
    distance the table does not keep, the page computes (and shows the true figure)."""
    BuurtCoverage.objects.filter(buurt__code="BU99990102", metres=200).update(uncovered_m2=250_000)
    log_in(client, people["beleid"])
    url = reverse("places:dashboard")
    params = {"niveau": "buurt", "maat": "dekking", "afstand": "200"}
    assert figure(client.get(url, params), "BU99990102").uncovered_share == 25.0
    page = client.get(url, {**params, "gemeente": "GM9999"})
    assert figure(page, "BU99990102").uncovered_share == 25.0
    true_share = round(100 * (1e6 - CIRCLE_200) / 1e6, 1)
    page = client.get(url, {**params, "beheer": "sociaal_beheer"})
    assert figure(page, "BU99990102").uncovered_share == true_share
    page = client.get(url, {**params, "afstand": "300"})
    assert figure(page, "BU99990102").uncovered_share < true_share


def test_the_dashboard_computes_when_a_buurt_has_no_row_yet(people, kept, client):
    BuurtCoverage.objects.filter(buurt__code="BU99990102").delete()
    log_in(client, people["beleid"])
    params = {"niveau": "buurt", "maat": "dekking", "afstand": "200"}
    page = client.get(reverse("places:dashboard"), params)
    _area, uncovered, _gap = policy.buurt_coverage(coverage.counted_places(), 200)["BU99990102"]
    assert figure(page, "BU99990102").uncovered_share == round(100 * uncovered / 1e6, 1)
    layer = json.loads(page.context["gaps"])
    assert {f["properties"]["code"] for f in layer["features"]} >= {"BU99990102"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="generate_places is PostGIS's")
def test_generate_places_leaves_the_table_complete(vocabularies, capsys):
    """Raw SQL sends no signals: the generator rebuilds the table for its 9,000 buurten."""
    call_command("generate_places", "300", "--seed", "7", "--commit")
    assert BuurtCoverage.objects.count() == 9000 == Area.objects.buurten().count()
    call_command("rebuild_coverage", "--check")
    assert "coverage per buurt in" in capsys.readouterr().out
