import math
import re
from datetime import datetime

import pytest
from django.urls import reverse

from places import hours
from places.hours import AMSTERDAM
from places.models import Place
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import haversine, web_point

pytestmark = pytest.mark.django_db
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(hours, "now", lambda: MONDAY_NOON)


@pytest.fixture
def street(amsterdam):
    """Five places east of (4.89, 52.37), at known distances, with different hours."""
    made = {}
    for metres, name, opening in [
        (120, "Dichtbij", "Mo-Fr 10:00-16:00"),
        (450, "Halverwege", "Sa 10:00-12:00"),
        (800, "Verder", "Mo-Fr 09:00-17:00; PH off"),
        (1400, "Ver weg", "Mo-Su 00:00-24:00"),
        (300, "Op afspraak", 'Mo-Fr 10:00-16:00 unknown "op afspraak"'),
    ]:
        lng = 4.89 + metres / (111_320 * math.cos(math.radians(52.37)))
        made[name] = PlaceFactory(name=name, location=web_point(lng, 52.37), opening_hours=opening)
    return made


def nearby(client, **params):
    return client.get(reverse("places:nearby"), {"lat": "52.37", "lng": "4.89", **params})


def result_names(response):
    return [row.place.name for row in response.context["rows"]]


def test_results_are_ordered_by_true_distance_within_the_radius(client, street):
    response = nearby(client)
    assert result_names(response) == ["Dichtbij", "Op afspraak", "Halverwege", "Verder"]


def test_distances_agree_with_an_independent_haversine(client, street):
    for row in nearby(client, straal=2000).context["rows"]:
        location = row.place.location.transform(4326, clone=True)
        expected = haversine(4.89, 52.37, location.x, location.y)
        assert row.distance == pytest.approx(expected, rel=0.005, abs=2)


def test_a_larger_radius_takes_more_places(client, street):
    assert "Ver weg" in result_names(nearby(client, straal=2000))


def test_open_now_at_a_frozen_time(client, street, frozen):
    response = nearby(client, open_now="on")
    assert result_names(response) == ["Dichtbij", "Verder"]


def test_open_at_a_chosen_day_and_time(client, street):
    response = nearby(client, open_at="2026-11-28T11:00", straal=2000)  # a Saturday
    assert result_names(response) == ["Halverwege", "Ver weg"]


def test_type_and_wheelchair_filters_apply(client, street):
    Place.objects.filter(name="Verder").update(wheelchair="yes")
    assert result_names(nearby(client, rolstoel="on")) == ["Verder"]


def test_closed_places_are_left_out_unless_asked_for(client, street):
    Place.objects.filter(name="Dichtbij").update(status="temporarily_closed")
    assert "Dichtbij" not in result_names(nearby(client))
    assert "Dichtbij" in result_names(nearby(client, status="all"))


def test_an_address_is_geocoded(client, pdok, street):
    response = client.get(reverse("places:nearby"), {"adres": "Hoofdweg 495A Amsterdam"})
    assert response.context["origin_label"] == "Hoofdweg 495A, 1055SC Amsterdam"
    assert response.context["searched"]


def test_geocoder_failure_is_shown_and_nothing_breaks(client, pdok, street):
    pdok.mode = "down"
    response = client.get(reverse("places:nearby"), {"adres": "Hoofdweg 495A Amsterdam"})
    assert response.status_code == 200
    assert not response.context["searched"]
    assert "PDOK" in response.content.decode()
    assert 'value="Hoofdweg 495A Amsterdam"' in response.content.decode()  # nothing typed is lost


def test_a_point_outside_the_netherlands_is_refused(client, street):
    response = client.get(reverse("places:nearby"), {"lat": "48.85", "lng": "2.35"})
    assert response.status_code == 200 and not response.context["searched"]


def test_the_map_shows_the_same_places_as_the_list(client, street):
    response = nearby(client)
    names = [f["properties"]["name"] for f in response.context["features"]["features"]]
    assert names == result_names(response)


def test_handout_lists_the_chosen_places_in_order(client, street):
    response = client.get(
        reverse("places:handout"),
        {"plek": ["verder", "dichtbij"], "vanaf": "Hoofdweg 1", "lat": "52.37", "lng": "4.89"},
    )
    body = response.content.decode()
    assert body.index("Verder") < body.index("Dichtbij")
    assert "ma–vr 09:00–17:00" in body and "Halverwege" not in body
    assert re.search(r"\b80\d m\b", body)  # 800 m east, as the sphere approximates it


def test_handout_shows_no_concepts(client, street):
    Place.objects.filter(name="Dichtbij").update(is_published=False)
    body = client.get(reverse("places:handout"), {"plek": ["dichtbij"]}).content.decode()
    assert "Dichtbij" not in body


def test_knn_ordering_is_exact_on_both_databases(street):
    origin = web_point(4.89, 52.37)
    names = [p.name for p in Place.objects.within(origin, 1000).nearest(origin, 10)]
    assert names == ["Dichtbij", "Op afspraak", "Halverwege", "Verder"]


def test_nearby_api_gives_the_k_nearest_with_distances(client, street):
    data = client.get(
        reverse("places:api-nearby"), {"lat": "52.37", "lng": "4.89", "k": "3"}
    ).json()
    assert [r["name"] for r in data["results"]] == ["Dichtbij", "Op afspraak", "Halverwege"]
    assert 115 < data["results"][0]["distance_m"] < 125


def test_nearby_api_refuses_bad_input(client, street):
    assert client.get(reverse("places:api-nearby"), {"lat": "x"}).status_code == 400
    assert (
        client.get(reverse("places:api-nearby"), {"lat": "48.8", "lng": "2.3"}).status_code == 400
    )


def test_places_at_the_same_spot_are_listed_in_name_order(client, amsterdam):
    for name in ("Zwaluw", "Anker", "Merel"):
        PlaceFactory(name=name, location=web_point(4.8915, 52.3701))
    response = client.get(reverse("places:nearby"), {"lat": "52.37", "lng": "4.89"})
    names = [row.place.name for row in response.context["rows"]]
    assert names == ["Anker", "Merel", "Zwaluw"]
