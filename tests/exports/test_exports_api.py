import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from places.importers.amsterdam import import_places
from places.models import Place
from tests.api import hsds
from tests.helpers.accounts import log_in
from tests.helpers.paths import REAL_PLACES

pytestmark = pytest.mark.django_db
SECRET = {"contact_name": "Sentinel Persoon", "contact_email": "sentinel@example.org"}


def test_public_csv_has_public_fields_only(client, places):
    Place.objects.filter(pk=places["kamer"].pk).update(**SECRET)
    body = client.get(reverse("places:export", args=["csv"]) + "?prive=1").content.decode(
        "utf-8-sig"
    )
    assert "Buurtkamer Het Anker" in body and "Sentinel" not in body and "sentinel@" not in body


def test_staff_exports_add_private_fields_and_are_logged(client, places, people, caplog):
    Place.objects.filter(pk=places["kamer"].pk).update(**SECRET)
    log_in(client, people["beleid"])
    with caplog.at_level("INFO", logger="ontmoeting.audit"):
        body = client.get(reverse("places:export", args=["csv"]) + "?prive=1").content
    assert "Sentinel Persoon" in body.decode("utf-8-sig")
    (entry,) = [r.audit for r in caplog.records if r.name == "ontmoeting.audit"][-1:]
    assert entry["actor"] == f"auth.user:{people['beleid'].pk}"
    assert (entry["format"], entry["places"], entry["private"]) == ("csv", 2, True)


def test_exports_follow_the_filter(client, places):
    body = client.get(reverse("places:export", args=["csv"]), {"type": "huis-van-de-wijk"})
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Huis van de Wijk De Boeg"]


def test_xlsx_neutralises_formulas(client, places):
    Place.objects.filter(pk=places["kamer"].pk).update(name='=HYPERLINK("http://x")')
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("places:export", args=["xlsx"])).content)
    ).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://x")' in names


def test_geojson_export(client, places):
    data = json.loads(client.get(reverse("places:export", args=["geojson"])).content)
    feature = next(f for f in data["features"] if f["id"] == "buurtkamer-het-anker")
    assert feature["geometry"]["coordinates"] == pytest.approx([4.9005, 52.3702], abs=1e-6)
    assert "contact_name" not in feature["properties"]


def test_hsds_export_of_the_amsterdam_data_validates(client, real_areas):
    import_places(REAL_PLACES, commit=True)
    Place.objects.filter(name="De Boeg").update(
        opening_hours="Mo-Fr 09:00-17:00; PH off", phone="020 123 4567", visitor_cost="free"
    )
    document = json.loads(client.get(reverse("places:export", args=["hsds"])).content)
    validator = hsds.validator("service")
    errors = [e for service in document["services"] for e in validator.iter_errors(service)]
    assert errors == []
    assert len(document["services"]) == 308
    boeg = next(s for s in document["services"] if s["name"] == "De Boeg")
    assert boeg["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert boeg["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "1055SC"


def test_api_places_paginated_filtered_and_revalidated(client, places):
    url = reverse("places:api-places", args=["json"])
    first = client.get(url, {"page_size": 1})
    data = first.json()
    assert data["count"] == 2 and len(data["results"]) == 1 and data["next"]  # open places
    assert "contact_name" not in data["results"][0]
    filtered = client.get(url, {"type": "huis-van-de-wijk"}).json()
    assert [r["name"] for r in filtered["results"]] == ["Huis van de Wijk De Boeg"]
    again = client.get(url, {"page_size": 1}, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_api_geojson_and_areas(client, places):
    geo = client.get(reverse("places:api-places", args=["geojson"])).json()
    assert geo["type"] == "FeatureCollection" and geo["count"] == 2
    everything = client.get(reverse("places:api-places", args=["geojson"]), {"status": "all"})
    assert everything.json()["count"] == 3  # closed included; concepts never
    areas = client.get(reverse("places:api-areas", args=["json"]), {"kind": "buurt"}).json()
    assert {a["code"] for a in areas["results"]} == {"BU03630101", "BU03630102"}
    boundaries = client.get(reverse("places:api-areas", args=["geojson"]), {"kind": "wijk"})
    assert "max-age=86400" in boundaries["Cache-Control"]


def test_openapi_document_describes_the_api(client, db):
    document = client.get(reverse("places:openapi")).json()
    assert document["openapi"].startswith("3.")
    assert "/api/plekken.json" in document["paths"]
    names = {p["name"] for p in document["paths"]["/api/plekken.json"]["get"]["parameters"]}
    assert {"type", "beheer", "page"} <= names


HOSTILE_CELL = "x,=1+1"


def csv_rows(body):
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


def test_every_csv_cell_is_quoted_so_no_formula_hides_behind_a_comma(client, places, people):
    Place.objects.filter(pk=places["kamer"].pk).update(name=HOSTILE_CELL, street="=HYPERLINK()")
    body = client.get(reverse("places:export", args=["csv"])).content.decode()
    assert f'"{HOSTILE_CELL}"' in body  # quoted: a program splitting on ',' keeps it whole
    assert '"\'=HYPERLINK()"' in body
    for line in body.lstrip("\ufeff").splitlines():
        assert line.startswith('"') and line.endswith('"')
    assert HOSTILE_CELL in [row[0] for row in csv_rows(body)]


def test_the_dashboard_table_quotes_every_cell(client, places, people):
    places["kamer"].buurt.__class__.objects.filter(pk=places["kamer"].buurt_id).update(
        name="=cmd|' /C calc'!A0"
    )
    log_in(client, people["beleid"])
    body = client.get(reverse("places:dashboard-csv"), {"niveau": "buurt"}).content.decode()
    for line in body.lstrip("\ufeff").splitlines():
        assert line.startswith('"') and line.endswith('"')
    assert "\"'=cmd|' /C calc'!A0\"" in body
