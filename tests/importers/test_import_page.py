"""The redactie's import page with the test client: upload, preview, map, dry run, import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from places.models import Place
from tests.helpers.accounts import log_in
from tests.importers.conftest import BEEKDAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, people, settings, tmp_path, beekdal_areas, beekdal_pdok):
    settings.VAR_DIR = tmp_path
    log_in(client, people["redactie"])
    return client


def upload(client, name="huizen-van-de-wijk.csv"):
    data = (BEEKDAL / "huizen-van-de-wijk.csv").read_bytes()
    response = client.post(reverse("places:import"), {"table": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return response.url


MAPPING = {
    "source": "beekdal",
    "id_column": "Nr.",
    "gemeente": "GM1999",
    "column_name": "Naam locatie",
    "column_place_type": "Soort voorziening",
    "values_place_type": "Huiskamer van de buurt = huiskamer",
    "column_management_form": "Beheervorm",
    "values_management_form": "Sociaal beheer (welzijn) = sociaal_beheer\n"
    "Sociaal beheer = sociaal_beheer\nBewonersvereniging = particulier_initiatief",
    "column_street": "Straat",
    "column_house_number": "Huisnr",
    "column_postcode": "Postcode",
    "column_city": "Plaats",
    "location_lat": "Breedtegraad",
    "location_lon": "Lengtegraad",
    "location_x": "X (RD)",
    "location_y": "Y (RD)",
    "address": "on",
}


def test_the_preview_shows_the_first_rows_and_guesses_columns(editor):
    page = editor.get(upload(editor)).content.decode()
    assert "Huis van de Wijk De Reünie" in page  # Windows-1252, read as such
    assert "8 rijen (Windows-1252)" in page and "Kolommen gescheiden door “;”" in page
    assert '<option value="Naam locatie" selected>' in page
    assert '<option value="Huisnr" selected>' in page


def test_a_dry_run_then_the_import(editor):
    url = upload(editor)
    page = editor.post(url, {**MAPPING, "action": "dry"}).content.decode()
    assert "Uitkomst van de proefimport: er is nog niets opgeslagen" in page
    assert "<li>Nieuw: 3</li>" in page and "<li>Geweigerd: 4</li>" in page
    assert "Beheervorm: “Bewonersinitiatief” (1×)" in page
    assert not Place.objects.filter(source="beekdal").exists()
    page = editor.post(url, {**MAPPING, "action": "commit"}).content.decode()
    assert "Uitkomst van de import" in page
    assert Place.objects.filter(source="beekdal").count() == 3
    report = editor.get(reverse("places:import-report", args=[url.rstrip("/").split("/")[-1]]))
    assert "Huis van de Wijk De Reünie;nieuw" in b"".join(report.streaming_content).decode(
        "utf-8-sig"
    )


def test_a_mapping_without_a_name_column_says_so(editor):
    url = upload(editor)
    page = editor.post(url, {**MAPPING, "column_name": "", "action": "dry"}).content.decode()
    assert "De koppeling moet zeggen waar naam vandaan komt." in page
    assert not Place.objects.filter(source="beekdal").exists()


def test_a_file_of_another_kind_is_refused(editor):
    response = editor.post(
        reverse("places:import"), {"table": SimpleUploadedFile("plekken.pdf", b"%PDF-1.4")}
    )
    assert "Upload een CSV-, XLSX-, GeoJSON- of GeoPackage-bestand." in response.content.decode()


def test_the_progress_line_reads_how_far_the_import_is(editor):
    url = upload(editor)
    token = url.rstrip("/").split("/")[-1]
    progress = reverse("places:import-progress", args=[token])
    assert editor.get(progress).json() == {"done": 0, "total": 0}
    editor.post(url, {**MAPPING, "action": "dry"})
    assert editor.get(progress).json() == {"done": 8, "total": 8}
