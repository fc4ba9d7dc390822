import gzip
import json

import pytest
from django.urls import reverse

from places.models import DataVersion, Place
from tests.helpers.accounts import log_in
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db


def get_map(client, **params):
    response = client.get(reverse("places:map-data"), params)
    return json.loads(response.content)


def test_few_places_come_as_points(client, places):
    data = get_map(client, zoom=8)
    assert data["clustered"] is False and data["count"] == 2


def test_many_places_come_as_clusters_at_low_zoom(client, places, settings):
    settings.MAP_POINT_LIMIT = 1
    data = get_map(client, zoom=8)
    assert data["clustered"] is True
    assert sum(f["properties"]["count"] for f in data["features"]) == data["count"] == 2
    lng, lat = data["features"][0]["geometry"]["coordinates"]
    assert 4.8 < lng < 5.0 and 52.3 < lat < 52.4


def test_clusters_split_up_when_zooming_in(client, amsterdam, settings):
    settings.MAP_POINT_LIMIT = 1
    PlaceFactory(location=web_point(4.89, 52.37))
    PlaceFactory(location=web_point(4.91, 52.37))  # 1.4 km east
    assert len(get_map(client, zoom=8)["features"]) == 1  # cells of ~45 km
    assert len(get_map(client, zoom=13)["features"]) == 2  # cells of ~700 m


def test_points_at_high_zoom_whatever_the_number(client, places, settings):
    settings.MAP_POINT_LIMIT = 1
    assert get_map(client, zoom=17)["clustered"] is False


def test_bbox_limits_the_places(client, places):
    west = get_map(client, bbox="4.885,52.365,4.895,52.375", zoom=15)
    assert [f["properties"]["name"] for f in west["features"]] == ["Huis van de Wijk De Boeg"]


def test_a_nonsense_bbox_is_ignored(client, places):
    assert get_map(client, bbox="oost,west", zoom="x")["count"] == 2


def test_map_data_is_gzipped_for_browsers_that_ask(client, places):
    response = client.get(reverse("places:map-data"), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["count"] == 2


def test_every_change_moves_the_data_version_on(places):
    before = DataVersion.current()
    places["kamer"].name = "Nieuw"
    places["kamer"].save()
    assert DataVersion.current() > before
    middle = DataVersion.current()
    Place.objects.get(pk=places["closed"].pk).delete()
    assert DataVersion.current() > middle


def test_pages_use_a_constant_number_of_queries(
    client, amsterdam, people, django_assert_max_num_queries
):
    PlaceFactory.create_batch(25, location=web_point(4.9, 52.37))
    place = Place.objects.first()
    with django_assert_max_num_queries(12):
        client.get(place.get_absolute_url())
    with django_assert_max_num_queries(8):
        client.get(reverse("places:area", args=["WK036301"]))
    log_in(client, people["beleid"])
    with django_assert_max_num_queries(30):
        client.get(reverse("places:dashboard"))
