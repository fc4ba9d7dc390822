"""What a client of the API sees: bad values refused by name, in its language; only reading
methods; one description of a place; counter-clockwise polygons; CORS on open data."""

import json

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from places.importers.amsterdam import import_places
from tests.api.hsds import validator
from tests.helpers.paths import REAL_PLACES

pytestmark = pytest.mark.django_db
PLACES = "/api/plekken.json"


@pytest.mark.parametrize(
    "query, bad",
    [
        ({"type": "nonexist"}, {"type"}),
        ({"wijk": "XX", "status": "bogus", "open_at": "garbage"}, {"wijk", "status", "open_at"}),
        ({"rolstoel": "bogus"}, {"rolstoel"}),
        ({"page": "0", "page_size": "1001"}, {"page", "page_size"}),
        ({"page_size": "AAA"}, {"page_size"}),
    ],
)
def test_bad_values_are_refused_by_name(client, places, query, bad):
    answer = client.get(PLACES, query)
    assert answer.status_code == 400 and answer["Content-Type"] == "application/json"
    assert set(answer.json()["parameters"]) == bad


def test_the_refusal_speaks_dutch_and_english_on_request(client, places):
    dutch = client.get(PLACES, {"page": "x"}).json()
    english = client.get(PLACES, {"page": "x"}, headers={"accept-language": "en"}).json()
    assert dutch["parameters"]["page"] == "Geef een geheel getal."
    assert english["parameters"]["page"] == "Give a whole number."


def test_areas_refuse_an_unknown_kind_and_unknown_parameters_are_ignored(client, places):
    assert client.get("/api/gebieden.json", {"kind": "AAA"}).status_code == 400
    assert client.get("/api/gebieden.json", {"kind": "wijk", "foo": "1"}).json()["count"] == 1


def test_a_page_past_the_last_is_not_found(client, places):
    assert client.get(PLACES, {"page": 2}).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_get_405_with_allow_and_json(client, places, method):
    answer = getattr(client, method)(PLACES)
    assert answer.status_code == 405 and answer["Allow"] == "GET, HEAD, OPTIONS"
    assert answer.json()["allowed"] == ["GET", "HEAD", "OPTIONS"]


def test_the_query_method_gets_405_too(client, places):
    answer = client.generic("QUERY", "/api/hsds/services")
    assert answer.status_code == 405 and answer["Allow"] == "GET, HEAD, OPTIONS"


def test_open_data_is_open_to_other_sites_and_private_pages_are_not(client, places):
    for url in (PLACES, "/api/gebieden.geojson", "/api/hsds/services", "/api/openapi.json"):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(PLACES)
    assert (
        preflight.status_code == 204
        and "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    )
    for url in (reverse("places:export", args=["csv"]), reverse("places:my-data")):
        assert "Access-Control-Allow-Origin" not in client.get(url)


def test_nearby_describes_a_place_as_the_places_api_does(client, places):
    near = client.get("/api/in-de-buurt.json", {"lat": 52.37, "lng": 4.9}).json()["results"]
    listed = {p["slug"]: p for p in client.get(PLACES).json()["results"]}
    anker = next(p for p in near if p["slug"] == "buurtkamer-het-anker")
    assert anker["type"] == "buurtkamer" and anker["type_name"] == "Buurtkamer"
    assert {k: v for k, v in anker.items() if k != "distance_m"} == listed[anker["slug"]]
    assert isinstance(anker["distance_m"], int)


def test_the_known_values_are_read_only_for_the_parameters_given(client, places):
    """Checking a request reads no list of area codes, types or target groups it does not
    use (every request read all buurt codes: 20 ms at 1M places)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tables(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/in-de-buurt.json", query).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    def lists(queries, table):
        return [sql for sql in queries if f'FROM "{table}"' in sql]

    plain = tables({"lat": 52.37, "lng": 4.9})
    for table in ("places_area", "places_placetype", "places_targetgroup"):
        assert not lists(plain, table), table
    with_buurt = tables({"lat": 52.37, "lng": 4.9, "buurt": places["kamer"].buurt.code})
    codes = [sql for sql in with_buurt if sql.startswith('SELECT "places_area"."code"')]
    assert len(codes) == 1  # the buurt codes, to check the one given


def test_nearby_refuses_a_point_outside_the_netherlands(client, places):
    answer = client.get("/api/in-de-buurt.json", {"lat": 53.7, "lng": 3.1})  # North Sea
    assert answer.status_code == 400 and set(answer.json()["parameters"]) == {"lat", "lng"}
    assert client.get("/api/in-de-buurt.json", {"lat": 50.7, "lng": 7.3}).status_code == 200


def signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def test_area_boundaries_run_counter_clockwise_in_lng_lat(client, real_areas):
    features = client.get("/api/gebieden.geojson").json()["features"]
    assert len(features) > 600
    for feature in features:
        for rings in polygons(feature["geometry"]):
            assert signed_area(rings[0]) > 0, feature["id"]  # outer ring: counter-clockwise
            assert all(signed_area(hole) < 0 for hole in rings[1:]), feature["id"]
            for lng, lat in rings[0]:
                assert 4.7 < lng < 5.2 and 52.2 < lat < 52.5  # Amsterdam, longitude first


def test_both_documents_are_valid_openapi_3_1(client, places):
    for url in ("/api/openapi.json", "/api/hsds/openapi.json"):
        document = client.get(url).json()
        assert document["openapi"] == "3.1.0"
        validate(document)
    ours = client.get("/api/openapi.json").json()["paths"]
    assert "/api/in-de-buurt.json" in ours
    ok = ours["/api/plekken.json"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/PlaceList"}


def test_hsds_services_page_through_every_published_place(client, real_areas):
    import_places(REAL_PLACES, commit=True)
    check = validator("service")
    seen, url = [], "/api/hsds/services?per_page=50&full=true"
    page = 1
    while True:
        body = client.get(f"{url}&page={page}").json()
        assert body["page_number"] == page and body["size"] == len(body["contents"])
        for service in body["contents"]:
            assert list(check.iter_errors(service)) == []
        seen += [service["id"] for service in body["contents"]]
        if body["last_page"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == body["total_items"] == 308
    assert page == body["total_pages"] == 7


def test_hsds_records_are_found_by_id_and_validate(client, places):
    services = client.get("/api/hsds/services").json()["contents"]
    for summary in services:
        service = client.get(f"/api/hsds/services/{summary['id']}").json()
        assert service["name"] == summary["name"]
        assert list(validator("service").iter_errors(service)) == []
        link = service["service_at_locations"][0]
        found = client.get(f"/api/hsds/service_at_locations/{link['id']}").json()
        assert found["location"]["name"] == summary["name"]
        assert list(validator("service_at_location").iter_errors(found)) == []
        organization = client.get(f"/api/hsds/organizations/{service['organization_id']}").json()
        assert summary["id"] in [s["id"] for s in organization["services"]]
        assert list(validator("organization").iter_errors(organization)) == []
    assert client.get("/api/hsds/services/6f0a9b3e-0001-8000-8000-0000000fffff").status_code == 404


def test_the_hsds_root_points_at_its_document(client, db):
    root = client.get("/api/hsds/").json()
    assert root["version"] == "3.0"
    assert json.loads(client.get(root["openapi_url"]).content)["info"]["title"]


def test_place_types_are_the_hsds_taxonomy_and_select_services(client, places):
    (taxonomy,) = client.get("/api/hsds/taxonomies").json()["contents"]
    assert list(validator("taxonomy").iter_errors(taxonomy)) == []
    assert client.get(f"/api/hsds/taxonomies/{taxonomy['id']}").json() == taxonomy
    terms = client.get("/api/hsds/taxonomy_terms", {"search": "buurtkamer"}).json()["contents"]
    (kamer,) = [t for t in terms if t["code"] == "buurtkamer"]
    assert list(validator("taxonomy_term").iter_errors(kamer)) == []
    assert client.get(f"/api/hsds/taxonomy_terms/{kamer['id']}").json()["name"] == kamer["name"]
    services = client.get("/api/hsds/services", {"taxonomy_term_id": kamer["id"]}).json()
    names = [s["name"] for s in services["contents"]]
    assert names == ["Buurtkamer Het Anker", "Oude Buurtkamer"]  # closed ones too, as defunct
    full = client.get(f"/api/hsds/services/{services['contents'][0]['id']}").json()
    assert full["attributes"][0]["taxonomy_term"]["code"] == "buurtkamer"
    other = client.get("/api/hsds/services", {"taxonomy_id": kamer["id"]}).json()
    assert other["empty"] is True


@pytest.mark.parametrize("offset", ["+19:37", "-23:59", "+00:00"])
def test_a_moment_with_any_iso_offset_is_read_in_utc(client, places, offset):
    """ISO 8601 allows offsets up to 23:59, PostgreSQL up to 15:59: found by Schemathesis."""
    answer = client.get(
        "/api/hsds/service_at_locations", {"modified_after": f"0203-11-17T12:43:21{offset}"}
    )
    assert answer.status_code == 200 and answer.json()["total_items"] == 3


def test_a_moment_before_the_first_year_is_refused_by_name(client, places):
    answer = client.get("/api/hsds/services", {"modified_after": "0001-01-01T00:00:00+01:00"})
    assert answer.status_code == 400 and set(answer.json()["parameters"]) == {"modified_after"}
