"""The dashboard's map reads every buurt's simplified boundary (api/gebieden.geojson): the text
is simplified once per data version, and a changed area is shown at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def names(response):
    return {feature["properties"]["name"] for feature in response.json()["features"]}


def test_boundaries_are_simplified_once_and_follow_a_change(client, amsterdam):
    url = reverse("places:api-areas", args=["geojson"]) + "?kind=buurt"
    first = client.get(url)
    assert names(first) == {"Westbuurt", "Oostbuurt"}
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert not any("places_area" in query["sql"] for query in queries.captured_queries)
    west = amsterdam["west"]
    west.name = "Westerbuurt"
    west.save()
    assert names(client.get(url)) == {"Westerbuurt", "Oostbuurt"}
    wijken = client.get(reverse("places:api-areas", args=["geojson"]) + "?kind=wijk")
    assert names(wijken) == {"Centrum-West"}  # another question, another text
