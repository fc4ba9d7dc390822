"""Property: after any sequence of edits to places, committed in any grouping (some rolled
back), the coverage table that was updated incrementally equals a full computation, and the
dashboard's own computation (the union of all circles, places.policy.figures).

Nine buurten of 500 m in a 3 x 3 grid; places are added, moved (also outside every buurt),
closed, reopened, unpublished and deleted, at N = 150 and 400 m. Each example is rolled back
afterwards. Bounded: 20 examples of at most 5 transactions of at most 3 edits.
"""

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from places.models import Area, BuurtCoverage, Place
from places.policy import coverage, coverage_updates
from places.policy import figures as policy
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import at, square

pytestmark = pytest.mark.django_db
DISTANCES = [150, 400]

coordinates = st.tuples(st.integers(-300, 1800), st.integers(-300, 1800))
statuses = st.sampled_from([s.value for s in Place.Status])
edits = st.one_of(
    st.tuples(st.just("add"), coordinates, st.booleans(), statuses),
    st.tuples(st.just("move"), st.integers(0, 20), coordinates),
    st.tuples(st.just("status"), st.integers(0, 20), statuses),
    st.tuples(st.just("publish"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, 20)),
)
# A transaction: its edits, and whether it is rolled back.
transactions = st.tuples(st.lists(edits, min_size=1, max_size=3), st.booleans())


@pytest.fixture
def grid(vocabularies):
    with override_settings(POLICY_COVERAGE_DISTANCES=DISTANCES):
        gemeente = Area.objects.create(
            code="GM9997", name="Rasterstad", kind="gemeente", geometry=square(0, 0, 1500)
        )
        wijk = Area.objects.create(
            code="WK999701",
            name="Raster",
            kind="wijk",
            parent=gemeente,
            geometry=square(0, 0, 1500),
        )
        for i in range(3):
            for j in range(3):
                Area.objects.create(
                    code=f"BU999701{i}{j}",
                    name=f"Vak {i}{j}",
                    kind="buurt",
                    parent=wijk,
                    geometry=square(500 * i, 500 * j, 500),
                )
        for x, y in [(250, 250), (700, 800), (1400, 100)]:
            PlaceFactory(location=at(x, y))
        coverage.rebuild()


def apply(edit):
    kind, *args = edit
    places = list(Place.objects.order_by("pk"))
    if kind == "add":
        (x, y), published, status = args
        PlaceFactory(location=at(x, y), is_published=published, status=status)
        return
    if not places:
        return
    place = places[args[0] % len(places)]
    if kind == "delete":
        place.delete()
        return
    if kind == "move":
        place.location = at(*args[1])
    elif kind == "status":
        place.status = args[1]
    else:
        place.is_published = args[1]
    place.save()


def assert_table_is_full_computation(metres):
    full = coverage.computed(metres)
    live = policy.buurt_coverage(coverage.counted_places(), metres)
    rows = BuurtCoverage.objects.filter(metres=metres).select_related("buurt")
    assert {row.buurt_id for row in rows} == full.keys()
    for row in rows:
        area, uncovered, gap = full[row.buurt_id]
        assert (row.area_m2, row.uncovered_m2) == pytest.approx((area, uncovered), abs=0.01)
        assert bool(row.gap) == bool(gap)
        assert row.uncovered_m2 == pytest.approx(live[row.buurt.code][1], abs=0.5)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(transactions, min_size=1, max_size=5))
def test_the_incremental_table_equals_a_full_computation(
    grid, django_capture_on_commit_callbacks, steps
):
    coverage_updates._local.batch = None  # as after a commit (the test's never commits)
    with override_settings(POLICY_COVERAGE_DISTANCES=DISTANCES), transaction.atomic():
        for changes, rolled_back in steps:
            with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
                for edit in changes:
                    apply(edit)
                transaction.set_rollback(rolled_back)
        for metres in DISTANCES:
            assert_table_is_full_computation(metres)
        transaction.set_rollback(True)  # the next example starts from the grid again
