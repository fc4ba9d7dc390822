"""The map on a date from today's cells minus the steps since (places.maps.changes): the same
clusters as grouping Place.objects.on(day) live, before, between and after events, with the
type and management form filters choosing by their values then."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from places.maps import cells as mapcells
from places.maps import changes
from places.maps import points as mapdata
from places.maps.cells import cell_size
from places.models import Place, PlaceEvent, PlaceType, state_updates
from tests.core.test_place_states import run as run_step
from tests.core.test_place_states import steps as place_steps
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db
K = PlaceEvent.Kind
D = datetime.date
TOWNS = [(4.90, 52.37), (5.12, 52.09), (5.69, 50.85)]  # Amsterdam, Utrecht, Maastricht
PROBES = ["2014-01-01", "2016-02-29", "2016-03-01", "2018-03-01", "2019-06-14", "2019-06-15"]
PROBES += [
    "2019-07-02",
    "2020-05-04",
    "2020-09-30",
    "2021-01-31",
    "2021-12-31",
    "2022-01-01",
    "2030-01-01",
]


def add(place, kind, day, old="", new=""):
    PlaceEvent.objects.create(place=place, kind=kind, happened_on=day, old_value=old, new_value=new)


@pytest.fixture
def network(vocabularies, settings):
    """Places in three towns with openings, closings, takeovers and a change of type."""
    settings.MAP_POINT_LIMIT = 2
    kinds = {slug: PlaceType.objects.get(slug=slug) for slug in ("buurtkamer", "buurthuis")}
    huis = PlaceType.objects.get(slug="huis-van-de-wijk")
    for i, (lng, lat) in enumerate(TOWNS * 4):
        PlaceFactory(
            location=web_point(lng + i * 0.002, lat),
            place_type=kinds["buurtkamer" if i % 3 else "buurthuis"],
            management_form="zelfbeheer" if i % 2 else "sociaal_beheer",
        )
    taken_over = PlaceFactory(
        location=web_point(4.91, 52.37), management_form="zelfbeheer", opened_on=D(2016, 3, 1)
    )
    add(taken_over, K.MANAGEMENT_FORM, D(2019, 6, 15), "sociaal_beheer", "zelfbeheer")
    closed = PlaceFactory(location=web_point(5.13, 52.09), status=Place.Status.CLOSED)
    add(closed, K.CLOSED, D(2020, 5, 4), "active", "closed")
    new = PlaceFactory(location=web_point(5.70, 50.85), place_type=huis, opened_on=D(2021, 2, 1))
    add(new, K.PLACE_TYPE, D(2022, 1, 1), str(kinds["buurthuis"].pk), str(huis.pk))
    paused = PlaceFactory(location=web_point(4.92, 52.37))
    add(paused, K.TEMPORARILY_CLOSED, D(2018, 1, 1), "active", "temporarily_closed")
    add(paused, K.REOPENED, D(2018, 6, 1), "temporarily_closed", "active")
    PlaceFactory(location=web_point(4.9, 52.37), is_published=False, opened_on=D(2015, 1, 1))


def straightforward(day, zoom, types=(), management=()):
    """Place.objects.on(day), grouped live (the map's path without cells)."""
    places = Place.objects.published().on(day).filter(status_then=Place.Status.ACTIVE)
    if types:
        places = places.filter(place_type_then__in=[kind.pk for kind in types])
    if management:
        places = places.filter(management_form_then__in=management)
    return tidy(mapdata.cells_of(places, zoom))


def fast(day, zoom, **chosen):
    reset_queries()  # the property test asks many times
    with CaptureQueriesContext(connection) as queries:
        cells = mapcells.grouped("default", zoom, day=day, **chosen)
    assert not any("places_place" in q["sql"] for q in queries.captured_queries)  # nor states
    return tidy(cells)


def tidy(cells):
    return sorted((n, round(x), round(y)) for n, x, y in cells)


def same(mine, oracle):
    assert [c[0] for c in mine] == [c[0] for c in oracle]
    for (_n, x, y), (_m, x2, y2) in zip(mine, oracle, strict=True):
        assert x == pytest.approx(x2, abs=1) and y == pytest.approx(y2, abs=1)


@pytest.mark.parametrize("zoom", [3, 8, 10, 11, 14])
def test_the_cells_of_a_day_equal_grouping_its_places(network, zoom):
    call_command("aggregate_map")
    for text in PROBES:
        day = D.fromisoformat(text)
        same(fast(day, zoom), straightforward(day, zoom))


@pytest.mark.parametrize("zoom", [9, 12])
def test_a_box_takes_the_cells_it_touches_on_every_day(network, zoom):
    call_command("aggregate_map")
    box = mapdata.parse_bbox("4.85,52.0,5.2,52.45")  # Amsterdam and Utrecht, not Maastricht
    west, south, east, north = changes.span_of(box, cell_size(zoom))
    for text in PROBES:
        day = D.fromisoformat(text)
        inside = [
            (n, x, y)
            for n, x, y in straightforward(day, zoom)
            if west <= round(x / cell_size(zoom)) <= east
            and south <= round(y / cell_size(zoom)) <= north
        ]
        assert inside and len(inside) < len(straightforward(day, zoom))
        same(fast(day, zoom, bbox=box), inside)


def test_type_and_management_form_choose_by_their_values_then(network):
    call_command("aggregate_map")
    buurthuis = PlaceType.objects.get(slug="buurthuis")
    for text in PROBES:
        day = D.fromisoformat(text)
        for chosen in (
            {"types": [buurthuis]},
            {"management": ["sociaal_beheer"]},
            {"types": [buurthuis], "management": ["zelfbeheer", "sociaal_beheer"]},
        ):
            same(fast(day, 9, **chosen), straightforward(day, 9, **chosen))
    # Before the takeover the place counted in sociaal beheer; after it, no longer.
    before = sum(n for n, *_ in fast(D(2019, 6, 14), 9, management=["sociaal_beheer"]))
    after = sum(n for n, *_ in fast(D(2019, 6, 15), 9, management=["sociaal_beheer"]))
    assert before == after + 1


def clusters(client, **params):
    data = json.loads(client.get(reverse("places:map-data"), params).content)
    assert data["clustered"] is True
    cells = sorted(
        (f["properties"]["count"], f["geometry"]["coordinates"][0]) for f in data["features"]
    )
    return data["count"], [n for n, _lng in cells]


def test_the_home_map_on_a_date_reads_the_cells_once_built(client, network):
    query = {"zoom": 8, "op": "2019-01-01", "beheer": "sociaal_beheer"}
    live = clusters(client, **query)
    call_command("aggregate_map")
    with CaptureQueriesContext(connection) as queries:
        built = clusters(client, **query, v="again")  # another cache key
    assert not any("places_place" in q["sql"] for q in queries.captured_queries)
    assert built == live and live[0] == 7  # six, and the place then still in sociaal beheer
    assert clusters(client, **{**query, "op": "2019-07-01"})[0] == 6  # taken over by then
    assert clusters(client, zoom=8, op="2022-01-01", v="2")[0] == 15  # closed: gone; new: there
    assert clusters(client, zoom=8, op="9999-12-31", v="3")[0] == 15  # the last day there is


def test_staff_see_concepts_on_a_date_grouped_live(admin_client, network):
    call_command("aggregate_map")
    with CaptureQueriesContext(connection) as queries:
        assert clusters(admin_client, zoom=8, op="2016-01-01")[0] == 15  # the concept too
    assert any("places_place" in q["sql"] for q in queries.captured_queries)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.integers(0, 2), place_steps), max_size=8))
def test_the_cells_of_every_day_equal_grouping_its_places(vocabularies, people, sequence):
    towns = [PlaceFactory(location=web_point(lng, lat)) for lng, lat in TOWNS]
    for which, step in sequence:
        run_step(Place.objects.get(pk=towns[which].pk), step, people["redactie"])
    state_updates.pending()
    call_command("aggregate_map")
    dates = set(PlaceEvent.objects.values_list("happened_on", flat=True))
    dates |= set(Place.objects.exclude(opened_on=None).values_list("opened_on", flat=True))
    shifts = (-1, 0, 1)
    for day in sorted({d + datetime.timedelta(days=s) for d in dates for s in shifts}):
        for zoom in (4, 12):
            same(fast(day, zoom), straightforward(day, zoom))
