"""The counts table (places.policy.counts): the dashboard's counts and breakdowns without a pass
over every place, kept up to date in the transaction that changes a place. Both databases.

On the city fixture (B1: 2 zelfbeheer places, B2: 1 sociaal beheer) with a place outside every
buurt, a closed one and a concept added; the figures by hand: 4 active published places, of
which 3 in wijk W.
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from places.models import Area, Place, PlaceCount, PlaceType
from places.policy import counts
from places.policy import figures as policy
from tests.helpers.accounts import log_in
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import at, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(city):
    PlaceFactory(name="Ver weg", location=at(9000, 9000), management_form="zelfbeheer")
    PlaceFactory(name="Dicht", location=at(300, 300), status="closed")
    PlaceFactory(name="Concept", location=at(300, 700), is_published=False)
    return city


def kept():
    return {
        (row.buurt.code if row.buurt else None, row.place_type.slug, row.management_form): row.count
        for row in PlaceCount.objects.select_related("buurt", "place_type")
    }


def test_the_table_holds_the_counts_by_hand(town):
    assert kept() == {
        ("BU99990101", "buurtkamer", "zelfbeheer"): 2,
        ("BU99990102", "buurtkamer", "sociaal_beheer"): 1,
        (None, "buurtkamer", "zelfbeheer"): 1,
    }
    assert counts.differences() == {}


def test_a_change_is_counted_in_its_own_transaction_and_rolled_back_with_it(town):
    east = town["east"]
    with transaction.atomic():
        east.location = at(500, 900)  # from B2 to B1
        east.save()
        assert kept()[("BU99990101", "buurtkamer", "sociaal_beheer")] == 1
        assert ("BU99990102", "buurtkamer", "sociaal_beheer") not in kept()
        transaction.set_rollback(True)
    assert kept()[("BU99990102", "buurtkamer", "sociaal_beheer")] == 1
    assert counts.differences() == {}


def test_closing_deleting_and_a_new_type_are_counted(town):
    Place.objects.get(name="Midden").delete()
    corner = Place.objects.get(name="Hoek")
    corner.place_type = PlaceType.objects.exclude(slug="buurtkamer").first()
    corner.save()
    east = Place.objects.get(name="Oost")
    east.status = "closed"
    east.save()
    assert sum(kept().values()) == 2
    assert counts.differences() == {}


def test_a_deleted_buurt_leaves_its_places_outside_every_buurt(town):
    Place.objects.filter(buurt=town["b2"]).update(buurt=None)  # as SET_NULL does
    town["b2"].delete()
    assert kept()[(None, "buurtkamer", "sociaal_beheer")] == 1
    assert counts.differences() == {}


def test_the_check_finds_a_change_by_raw_sql_and_the_rebuild_repairs_it(town):
    Place.objects.filter(name="Oost").update(management_form="zelfbeheer")  # no signals
    with pytest.raises(CommandError, match="1 aantallen|2 aantallen"):
        call_command("rebuild_place_counts", "--check")
    call_command("rebuild_place_counts")
    call_command("rebuild_place_counts", "--check")
    assert counts.differences() == {}


def test_the_breakdowns_from_the_table_equal_those_of_the_places(town):
    places = Place.objects.published().filter(status="active")
    for field in ("place_type__name", "management_form", "buurt"):
        assert policy.breakdown(counts.kept_rows(), field) == policy.breakdown(places, field)
    rows = policy.count_source(places, True, {"wijk": "WK999901"})
    assert dict(policy.breakdown(rows, "management_form")) == {
        "zelfbeheer": 2,
        "sociaal_beheer": 1,
    }


def labelled(breakdown):
    return {str(label): count for label, count in breakdown}


def test_the_national_dashboard_counts_from_the_table_what_it_counted_before(client, town, people):
    log_in(client, people["beleid"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("places:dashboard"))
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "places_placecount" in sql
    assert 'COUNT("places_place"."id")' not in sql  # no pass over the places
    by_form = labelled(page.context["by_form"])
    assert (by_form["zelfbeheer"], by_form["sociaal beheer"]) == (3, 1)  # W's 3 and Ver weg
    wijken = {row.area.code: row.places for row in page.context["rows"]}
    assert wijken["WK999901"] == 3
    # The same figures through the old path: a filter on the places counts them one by one.
    old = client.get(reverse("places:dashboard"), {"status": "active"})
    assert old.context["by_form"] == page.context["by_form"]
    assert old.context["by_type"] == page.context["by_type"]
    assert {row.area.code: row.places for row in old.context["rows"]} == wijken


def test_the_form_as_sent_with_an_empty_date_still_reads_the_tables(client, town, people):
    log_in(client, people["beleid"])
    sent = {"niveau": "wijk", "maat": "aantal", "afstand": "", "op": "", "sort": ""}
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("places:dashboard"), sent)
    assert "places_placecount" in " ".join(query["sql"] for query in queries.captured_queries)
    assert {row.area.code: row.places for row in page.context["rows"]}["WK999901"] == 3


def test_one_gemeente_counts_its_own_buurten_only(client, town, people):
    log_in(client, people["beleid"])
    page = client.get(reverse("places:dashboard"), {"gemeente": "GM9999", "niveau": "buurt"})
    assert {row.area.code: row.places for row in page.context["rows"]} == {
        "BU99990101": 2,
        "BU99990102": 1,
    }
    assert labelled(page.context["by_type"]) == {"Buurtkamer": 3}


# Property: after any edits, in transactions some of which roll back, the table is a full count.
coordinates = st.tuples(st.integers(-300, 1800), st.integers(-300, 1800))
statuses = st.sampled_from([s.value for s in Place.Status])
forms = st.sampled_from([f.value for f in Place.ManagementForm])
edits = st.one_of(
    st.tuples(st.just("add"), coordinates, st.booleans(), statuses, forms),
    st.tuples(st.just("move"), st.integers(0, 20), coordinates),
    st.tuples(st.just("status"), st.integers(0, 20), statuses),
    st.tuples(st.just("publish"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("form"), st.integers(0, 20), forms),
    st.tuples(st.just("type"), st.integers(0, 20), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
)
transactions = st.tuples(st.lists(edits, min_size=1, max_size=3), st.booleans())


@pytest.fixture
def grid(vocabularies):
    gemeente = Area.objects.create(
        code="GM9996", name="Telstad", kind="gemeente", geometry=square(0, 0, 1500)
    )
    wijk = Area.objects.create(
        code="WK999601", name="Tel", kind="wijk", parent=gemeente, geometry=square(0, 0, 1500)
    )
    for i in range(3):
        for j in range(3):
            Area.objects.create(
                code=f"BU999601{i}{j}",
                name=f"Vak {i}{j}",
                kind="buurt",
                parent=wijk,
                geometry=square(500 * i, 500 * j, 500),
            )
    for x, y in [(250, 250), (700, 800), (1400, 100)]:
        PlaceFactory(location=at(x, y))


def apply(edit):
    kind, *args = edit
    if kind == "add":
        (x, y), published, status, form = args
        PlaceFactory(location=at(x, y), is_published=published, status=status, management_form=form)
        return
    places = list(Place.objects.order_by("pk"))
    if not places:
        return
    place = places[args[0] % len(places)]
    if kind == "delete":
        place.delete()
        return
    if kind == "move":
        place.location = at(*args[1])
    elif kind == "type":
        place.place_type = list(PlaceType.objects.order_by("pk"))[args[1]]
    else:
        field = {"status": "status", "publish": "is_published", "form": "management_form"}[kind]
        setattr(place, field, args[1])
    place.save()


def table_rows():
    rows = PlaceCount.objects.values_list(*counts.COLUMNS, "count")
    return sorted(rows, key=lambda row: (row[0] is None, row[0] or 0, *row[1:]))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(transactions, min_size=1, max_size=5))
def test_the_kept_counts_equal_a_full_count_after_any_edits(grid, steps):
    with transaction.atomic():
        for changes, rolled_back in steps:
            with transaction.atomic():
                for edit in changes:
                    apply(edit)
                transaction.set_rollback(rolled_back)
        assert counts.differences() == {}
        incremental = table_rows()
        counts.rebuild()
        assert table_rows() == incremental
        transaction.set_rollback(True)  # the next example starts from the grid again
