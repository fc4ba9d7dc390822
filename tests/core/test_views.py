import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from places import hours
from places.models import Area, Place
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db
HOSTILE = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'


def names_in_list(response):
    return {place.name for place in response.context["object_list"]}


def map_names(client, query=""):
    data = client.get(reverse("places:map-data") + query).json()
    return {feature["properties"]["name"] for feature in data["features"]}


def test_home_lists_published_places_that_are_not_closed(client, places):
    response = client.get(reverse("places:list"))
    assert names_in_list(response) == {"Huis van de Wijk De Boeg", "Buurtkamer Het Anker"}
    assert map_names(client) == names_in_list(response)


def test_type_filter_narrows_list_and_map(client, places):
    response = client.get(reverse("places:list"), {"type": "huis-van-de-wijk"})
    assert names_in_list(response) == {"Huis van de Wijk De Boeg"}
    assert map_names(client, "?type=huis-van-de-wijk") == {"Huis van de Wijk De Boeg"}


def test_area_filter_takes_a_buurt_code(client, places):
    response = client.get(reverse("places:list"), {"buurt": "BU03630102"})
    assert names_in_list(response) == {"Buurtkamer Het Anker"}


def test_status_filter_can_show_closed_places(client, places):
    response = client.get(reverse("places:list"), {"status": "all"})
    assert "Oude Buurtkamer" in names_in_list(response)
    response = client.get(reverse("places:list"), {"status": "closed"})
    assert names_in_list(response) == {"Oude Buurtkamer"}


def test_text_search(client, places):
    response = client.get(reverse("places:list"), {"q": "anker"})
    assert names_in_list(response) == {"Buurtkamer Het Anker"}


def test_management_form_filter(client, places):
    Place.objects.filter(pk=places["kamer"].pk).update(management_form="zelfbeheer")
    response = client.get(reverse("places:list"), {"beheer": "zelfbeheer"})
    assert names_in_list(response) == {"Buurtkamer Het Anker"}


def test_target_group_filter(client, places):
    places["huis"].target_groups.add(
        *places["huis"].target_groups.model.objects.filter(slug="ouderen")
    )
    response = client.get(reverse("places:list"), {"doelgroep": "ouderen"})
    assert names_in_list(response) == {"Huis van de Wijk De Boeg"}


def test_unknown_filter_value_is_reported_not_crashing(client, places):
    response = client.get(reverse("places:list"), {"wijk": "WK9999"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_the_filter_lives_in_the_url_of_the_map_data(client, places):
    response = client.get(reverse("places:list"), {"type": "buurtkamer", "page": "1"})
    assert 'data-url="/kaart.geojson?type=buurtkamer"' in response.content.decode()


def test_map_data_is_lean_and_in_wgs84(client, places):
    Place.objects.filter(pk=places["kamer"].pk).update(
        contact_name="Jan Geheim", contact_email="jan@example.org", contact_phone="0612345678"
    )
    feature = next(
        f
        for f in client.get(reverse("places:map-data")).json()["features"]
        if f["properties"]["name"] == "Buurtkamer Het Anker"
    )
    assert set(feature["properties"]) == {"slug", "name", "type"}
    lng, lat = feature["geometry"]["coordinates"]
    assert lng == pytest.approx(4.9005, abs=1e-6) and lat == pytest.approx(52.3702, abs=1e-6)


def test_contact_person_never_reaches_public_pages(client, places):
    Place.objects.filter(pk=places["kamer"].pk).update(
        contact_name="Jan Geheim", contact_email="jan@example.org", contact_phone="0612345678"
    )
    pages = [
        reverse("places:list"),
        reverse("places:map-data"),
        places["kamer"].get_absolute_url(),
        reverse("places:area", args=["BU03630102"]),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        for secret in ("Jan Geheim", "jan@example.org", "0612345678"):
            assert secret not in body, (url, secret)


def test_concepts_are_not_public(client, places):
    assert client.get(places["concept"].get_absolute_url()).status_code == 404
    assert "Nieuwe Huiskamer" not in map_names(client)


def test_staff_see_concepts(admin_client, places):
    response = admin_client.get(places["concept"].get_absolute_url())
    assert response.status_code == 200
    assert "concept" in response.content.decode()


def test_place_page_shows_hours_buurt_and_nearby(client, places):
    response = client.get(places["huis"].get_absolute_url())
    body = response.content.decode()
    assert response.context["hours_lines"] == ["ma–vr 09:00–17:00", "feestdagen gesloten"]
    assert "Westbuurt" in body and "Centrum-West" in body
    nearby = [p.name for p in response.context["nearby"]]
    assert nearby[0] == "Buurtkamer Het Anker" and "Nieuwe Huiskamer" not in nearby


def test_hostile_names_are_shown_as_text(client, amsterdam):
    place = PlaceFactory(name=HOSTILE, location=web_point(4.9, 52.37))
    for url in (reverse("places:list"), place.get_absolute_url()):
        body = client.get(url).content.decode()
        assert "<script>alert(2)" not in body and "<img src=x" not in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body
    data = client.get(reverse("places:map-data")).content.decode()
    assert json.loads(data)["features"][0]["properties"]["name"] == HOSTILE


def test_wijk_page_shows_its_buurten_and_places(client, places):
    response = client.get(reverse("places:area", args=["WK036301"]))
    body = response.content.decode()
    assert "Westbuurt" in body and "Oostbuurt" in body
    assert {p.name for p in response.context["places"]} == {
        "Huis van de Wijk De Boeg",
        "Buurtkamer Het Anker",
    }
    assert response.context["boundary"]["type"] in {"Polygon", "MultiPolygon"}


def test_area_boundary_is_sent_in_wgs84(client, places):
    boundary = client.get(reverse("places:area", args=["BU03630101"])).context["boundary"]
    rings = boundary["coordinates"] if boundary["type"] == "Polygon" else boundary["coordinates"][0]
    lng, lat = rings[0][0]
    assert 4.8 < lng < 5.0 and 52.3 < lat < 52.4


def test_unknown_area_is_404(client, db):
    assert client.get(reverse("places:area", args=["BU0000"])).status_code == 404


def test_about_page_credits_the_sources(client, db):
    body = client.get(reverse("places:about")).content.decode()
    assert "Kadaster / Centraal Bureau voor de Statistiek, 2024" in body
    assert "Gemeente Amsterdam" in body and "PDOK" in body


def test_pages_are_dutch_by_default_and_english_on_request(client, places):
    assert "Ontmoetingsplekken" in client.get(reverse("places:list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Meeting places" in client.get(reverse("places:list")).content.decode()


def test_admin_pages_load(admin_client, places):
    for name in ("place", "area"):
        assert admin_client.get(reverse(f"admin:places_{name}_changelist")).status_code == 200
    url = reverse("admin:places_place_change", args=[places["huis"].pk])
    assert admin_client.get(url).status_code == 200


def test_map_data_revalidates_with_an_etag(client, places):
    url = reverse("places:map-data") + "?type=buurtkamer"
    first = client.get(url)
    assert "no-cache" in first["Cache-Control"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    other_filter = client.get(reverse("places:map-data"), headers={"if-none-match": first["ETag"]})
    assert other_filter.status_code == 200


def test_map_data_etag_changes_when_a_place_changes(client, places):
    url = reverse("places:map-data")
    etag = client.get(url)["ETag"]
    places["kamer"].name = "Buurtkamer De Nieuwe Naam"
    places["kamer"].save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Buurtkamer De Nieuwe Naam" in response.content.decode()


def test_the_list_is_paginated_and_keeps_the_filter(client, amsterdam):
    PlaceFactory.create_batch(101, location=web_point(4.9, 52.37))
    response = client.get(reverse("places:list"), {"type": "buurtkamer"})
    assert len(response.context["object_list"]) == 100
    assert 'href="?type=buurtkamer&amp;page=2"' in response.content.decode()
    second = client.get(reverse("places:list"), {"type": "buurtkamer", "page": 2})
    assert len(second.context["object_list"]) == 1


def test_list_and_map_data_queries_do_not_grow_with_the_places(
    client, amsterdam, django_assert_max_num_queries
):
    PlaceFactory.create_batch(30, location=web_point(4.9, 52.37))
    with django_assert_max_num_queries(10):  # 8, and the municipality's row read and seeded
        client.get(reverse("places:list"))
    with django_assert_max_num_queries(3):
        client.get(reverse("places:map-data"))


def test_the_list_is_served_from_the_cache_until_a_place_changes(
    client, places, django_assert_max_num_queries, monkeypatch
):
    # The list's key holds the minute (the cards say "open now"): hold the clock, or a minute
    # that ends between the two requests makes the second a miss.
    moment = hours.now()
    monkeypatch.setattr(hours, "now", lambda: moment)
    first = client.get(reverse("places:list")).content.decode()
    with django_assert_max_num_queries(5):  # data version, filter choices: no count, no rows
        again = client.get(reverse("places:list")).content.decode()
    assert again.count("<tr>") == first.count("<tr>") > 1
    places["huis"].name = "Huis van de Wijk Nieuwe Naam"
    places["huis"].save()
    assert "Huis van de Wijk Nieuwe Naam" in client.get(reverse("places:list")).content.decode()


def test_the_cached_list_is_per_language_and_role(client, admin_client, places):
    assert "Naam" in client.get(reverse("places:list")).content.decode()
    english = client.get(reverse("places:list"), headers={"accept-language": "en"})
    assert ">Name</th>" in english.content.decode()
    places["huis"].is_published = False
    places["huis"].save()
    assert places["huis"].name not in client.get(reverse("places:list")).content.decode()
    assert places["huis"].name in admin_client.get(reverse("places:list")).content.decode()


def test_admin_edits_opening_hours_in_a_week_grid(admin_client, places):
    url = reverse("admin:places_place_change", args=[places["huis"].pk])
    body = admin_client.get(url).content.decode()
    assert 'class="hours-grid"' in body
    assert 'name="opening_hours_0" value="09:00"' in body
    assert 'name="opening_hours_29" id="id_opening_hours_29" checked' in body


def test_buurt_choices_follow_the_chosen_wijk(client, places):
    form = client.get(reverse("places:list")).context["filter"].form
    assert list(form.fields["buurt"].queryset) == []  # thousands nationally: not on every page
    form = client.get(reverse("places:list"), {"wijk": "WK036301"}).context["filter"].form
    assert {b.code for b in form.fields["buurt"].queryset} == {"BU03630101", "BU03630102"}


def test_wijk_choices_wait_for_a_gemeente_when_there_are_several(client, places):
    form = client.get(reverse("places:list")).context["filter"].form
    assert [w.code for w in form.fields["wijk"].queryset] == ["WK036301"]  # one gemeente
    Area.objects.create(
        code="GM0384", name="Diemen", kind="gemeente", geometry=places["huis"].buurt.geometry
    )
    form = client.get(reverse("places:list")).context["filter"].form
    assert list(form.fields["wijk"].queryset) == []
    form = client.get(reverse("places:list"), {"gemeente": "GM0363"}).context["filter"].form
    assert [w.code for w in form.fields["wijk"].queryset] == ["WK036301"]


def test_open_now_is_not_served_from_an_earlier_minute(client, places, monkeypatch):
    """The list and the map data are cached per data version; "open now" also per minute."""
    places["huis"].opening_hours = "Mo 10:00-12:00"
    places["huis"].save()
    amsterdam_time = ZoneInfo("Europe/Amsterdam")
    monday = datetime(2025, 3, 3, 11, 59, tzinfo=amsterdam_time)  # no public holiday
    monkeypatch.setattr(hours, "now", lambda: monday)
    url = reverse("places:map-data")
    open_names = {
        f["properties"]["name"]
        for f in json.loads(client.get(url, {"open_now": "on"}).content)["features"]
    }
    assert places["huis"].name in open_names
    assert (
        places["huis"].name
        in client.get(reverse("places:list"), {"open_now": "on"}).content.decode()
    )
    monkeypatch.setattr(hours, "now", lambda: monday.replace(hour=12, minute=1))
    later = {
        f["properties"]["name"]
        for f in json.loads(client.get(url, {"open_now": "on"}).content)["features"]
    }
    assert places["huis"].name not in later
    assert (
        places["huis"].name
        not in client.get(reverse("places:list"), {"open_now": "on"}).content.decode()
    )
