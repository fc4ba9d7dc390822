"""Pre-aggregated map clusters: the same answer as grouping live, without reading places."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from places.models import MapCell, MapCellsBuilt, Place, PlaceType
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(amsterdam, settings):
    """Places in three towns and of two types, more than the map shows as points."""
    settings.MAP_POINT_LIMIT = 5
    huis = PlaceType.objects.get(slug="huis-van-de-wijk")
    for i, (lng, lat) in enumerate([(4.90, 52.37), (5.12, 52.09), (5.69, 50.85)] * 4):
        PlaceFactory(
            location=web_point(lng + i * 0.002, lat),
            place_type=huis if i % 3 == 0 else PlaceType.objects.get(slug="buurtkamer"),
            management_form="zelfbeheer" if i % 2 else "sociaal_beheer",
        )
    PlaceFactory(location=web_point(4.9, 52.37), is_published=False)  # a concept
    PlaceFactory(location=web_point(4.9, 52.37), status=Place.Status.CLOSED)


def clusters(client, **params):
    data = json.loads(client.get(reverse("places:map-data"), params).content)
    assert data["clustered"] is True
    cells = sorted(
        (f["properties"]["count"], *f["geometry"]["coordinates"]) for f in data["features"]
    )
    return data["count"], cells


def live_and_aggregated(client, **params):
    live = clusters(client, **params)
    call_command("aggregate_map")
    with CaptureQueriesContext(connection) as queries:
        aggregated = clusters(client, **params, v="again")  # another cache key
    assert not any('FROM "places_place"' in q["sql"] for q in queries.captured_queries)
    return live, aggregated


@pytest.mark.parametrize("zoom", [5, 8, 11, 13, 14])
def test_aggregated_clusters_equal_live_grouping(client, spread, zoom):
    live, aggregated = live_and_aggregated(client, zoom=zoom)
    assert live[0] == aggregated[0] == 12
    assert [c[0] for c in live[1]] == [c[0] for c in aggregated[1]]
    for (_n, lng, lat), (_m, lng2, lat2) in zip(live[1], aggregated[1], strict=True):
        assert lng == pytest.approx(lng2, abs=1e-5) and lat == pytest.approx(lat2, abs=1e-5)


def test_aggregated_clusters_follow_type_and_management_filters(client, spread, settings):
    settings.MAP_POINT_LIMIT = 2
    live, aggregated = live_and_aggregated(client, zoom=7, type="buurtkamer", beheer="zelfbeheer")
    assert live == aggregated and live[0] == 4


def test_a_box_takes_the_cells_it_touches(client, spread):
    live, aggregated = live_and_aggregated(client, zoom=9, bbox="4.5,52.0,5.5,52.6")
    assert live == aggregated and live[0] == 8  # Amsterdam and Utrecht, not Maastricht


def test_other_filters_and_staff_are_grouped_live(client, admin_client, spread):
    call_command("aggregate_map")
    assert clusters(admin_client, zoom=8)[0] == 13  # the concept too
    PlaceFactory.create_batch(3, location=web_point(4.9, 52.37), name="Zoekwoord")
    assert (
        json.loads(client.get(reverse("places:map-data"), {"q": "Zoekwoord"}).content)["count"] == 3
    )


def test_cells_serve_a_while_after_a_change_then_live_grouping_takes_over(client, spread, settings):
    call_command("aggregate_map")
    PlaceFactory(location=web_point(5.12, 52.09))
    assert clusters(client, zoom=8)[0] == 12  # recent cells, one edit behind
    MapCellsBuilt.objects.update(built_at=MapCellsBuilt.objects.get().built_at - timedelta(hours=1))
    assert clusters(client, zoom=8, v="2")[0] == 13
    call_command("aggregate_map", if_stale=True)
    assert clusters(client, zoom=8, v="3")[0] == 13


def test_aggregate_map_does_nothing_while_current(spread, capsys):
    call_command("aggregate_map")
    assert MapCell.objects.exists()
    capsys.readouterr()
    built = MapCellsBuilt.objects.get().built_at
    call_command("aggregate_map", if_stale=True)
    assert MapCellsBuilt.objects.get().built_at == built
    assert capsys.readouterr().out.strip() in (
        "Map clusters are up to date.",
        "De kaartclusters zijn bijgewerkt.",
    )


def test_cells_built_for_other_zooms_are_stale(spread, settings, client):
    call_command("aggregate_map")
    settings.MAP_CELLS_BELOW_ZOOM -= 1  # as after an upgrade that changes the zooms
    with CaptureQueriesContext(connection) as queries:
        clusters(client, zoom=8)
    assert any('FROM "places_place"' in q["sql"] for q in queries.captured_queries)
    built_before = MapCellsBuilt.objects.get().built_at
    call_command("aggregate_map", if_stale=True)
    assert MapCellsBuilt.objects.get().built_at > built_before
    assert MapCellsBuilt.objects.get().zooms == settings.MAP_CELLS_BELOW_ZOOM
