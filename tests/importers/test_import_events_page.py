"""The redactie imports the places' past in the browser's steps (issue 19): upload a table
of events, read the dry run's report (nothing written), import, and import again (nothing
new). The same importer as `manage.py import_place_events` (test_import_past.py)."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from places.models import Place, PlaceEvent
from places.models.events import disagreements
from tests.helpers.accounts import log_in
from tests.importers.test_import_past import HEADER, event_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, people, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    log_in(client, people["redactie"])
    return client


def sheet(rows, header=HEADER):
    handle = io.StringIO()
    writer = csv.writer(handle, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("verleden.csv", handle.getvalue().encode("utf-8"))


def counts(page):
    return re.findall(r"<li>(\w+): (\d+)</li>", page)


def test_an_editor_checks_then_imports_the_past(editor, places):
    kamer = places["kamer"]
    Place.objects.filter(pk=kamer.pk).update(management_form="sociaal_beheer")
    desk = editor.get(reverse("places:moderation")).content.decode()
    assert 'href="/redactie/import/gebeurtenissen/"' in desk
    upload = editor.get(reverse("places:import-events")).content.decode()
    assert "tijdelijk gesloten, heropend, beheervorm gewijzigd" in upload

    response = editor.post(reverse("places:import-events"), {"table": sheet(event_rows(places))})
    assert response.status_code == 302
    dry = editor.get(response.url).content.decode()
    assert "Bestand: verleden.csv" in dry
    assert "Uitkomst van de proefimport: er is nog niets opgeslagen" in dry
    assert ("Nieuw", "3") in counts(dry) and ("Geweigerd", "4") in counts(dry)
    assert "“999999” (1×)" in dry and "“verbouwd” (1×)" in dry
    assert "datum “volgend jaar” is niet te lezen" in dry
    assert not PlaceEvent.objects.exists()

    done = editor.post(response.url, follow=True).content.decode()
    assert "De gebeurtenissen staan in de verhalen van de plekken." in done
    assert "Uitkomst van de import" in done and ("Nieuw", "3") in counts(done)
    kamer.refresh_from_db()
    assert kamer.management_form == "zelfbeheer" and disagreements(kamer) == []
    assert PlaceEvent.objects.count() == 3
    page = editor.get(kamer.get_absolute_url()).content.decode()
    assert "In maart 2021 overgenomen door bewoners (zelfbeheer)" in page

    again = editor.post(response.url).content.decode()
    assert ("Ongewijzigd", "3") in counts(again) and PlaceEvent.objects.count() == 3
    report = editor.get(reverse("places:import-report", args=[response.url.split("/")[-2]]))
    assert "deze gebeurtenis staat er al" in b"".join(report.streaming_content).decode("utf-8-sig")


def test_a_table_without_the_columns_says_so_and_writes_nothing(editor, places):
    bad = sheet([[places["kamer"].pk, "gesloten"]], header=["Plek", "Wat"])
    response = editor.post(reverse("places:import-events"), {"table": bad})
    page = editor.get(response.url)
    assert page.status_code == 400
    assert "Het bestand heeft geen kolom “gebeurtenis”, “datum”." in page.content.decode()
    assert not PlaceEvent.objects.exists()


def test_only_csv_and_xlsx_are_taken(editor):
    upload = SimpleUploadedFile("kaart.geojson", b"{}")
    page = editor.post(reverse("places:import-events"), {"table": upload}).content.decode()
    assert "Upload een CSV- of XLSX-bestand." in page


def test_only_editors_import(client, people, places, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    log_in(client, people["owner"])
    assert client.get(reverse("places:import-events")).status_code == 403
    response = client.post(reverse("places:import-events"), {"table": sheet(event_rows(places))})
    assert response.status_code == 403 and not PlaceEvent.objects.exists()
