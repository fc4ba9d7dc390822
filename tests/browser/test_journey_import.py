"""A redacteur imports Beekdal's spreadsheet through the staff page (issue 17): upload, see the
first rows, map the columns, read the dry run's report, import, and find the places on the
map. axe on every step; pictures with `make screenshots`."""

import pytest

from places.models import Place, PlaceEvent
from tests.helpers.browser import log_in, page_width, seen
from tests.importers.conftest import BEEKDAL, beekdal_areas, beekdal_pdok  # noqa: F401 (fixtures)
from tests.importers.test_import_past import HEADER, event_rows, write_csv

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.usefixtures("beekdal_areas", "beekdal_pdok")
def test_a_redacteur_imports_a_spreadsheet(page, live_server, people, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    log_in(page, live_server, "redacteur")
    page.get_by_role("link", name="Plekken importeren uit een tabel", exact=True).click()
    seen(page, "import-1-upload")
    page.get_by_label("Tabel met plekken").set_input_files(str(BEEKDAL / "huizen-van-de-wijk.csv"))
    page.get_by_role("button", name="Uploaden en bekijken").click()

    assert page.locator("h1").inner_text() == "huizen-van-de-wijk.csv importeren"
    assert page.locator("#table-facts").inner_text().startswith("8 rijen (Windows-1252).")
    assert "Huis van de Wijk De Reünie" in page.locator("#preview").inner_text()
    assert page.get_by_label("Naam", exact=True).input_value() == "Naam locatie"  # guessed
    page.get_by_label("Naam van deze lijst").fill("beekdal")
    page.get_by_label("Kolom met een id").select_option("Nr.")
    page.get_by_label("Adressen opzoeken in gemeente").fill("GM1999")
    page.get_by_label("Waarden in het bestand voor soort").fill(
        "Huiskamer van de buurt = huiskamer"
    )
    page.get_by_label("Waarden in het bestand voor beheervorm").fill(
        "Sociaal beheer (welzijn) = sociaal_beheer\nBewonersvereniging = particulier_initiatief"
    )
    seen(page, "import-2-mapping")
    page.get_by_role("button", name="Proefimport").click()

    report = page.locator("#import-report")
    assert "Uitkomst van de proefimport: er is nog niets opgeslagen" in report.inner_text()
    assert page.locator("#report-counts").inner_text().split("\n")[:2] == [
        "Nieuw: 3",
        "Bijgewerkt: 0",
    ]
    assert "Beheervorm: “Bewonersinitiatief” (1×)" in page.locator("#unknown-values").inner_text()
    row = page.locator("#report-rows tbody tr").filter(has_text="Buurtcentrum Marktplein")
    assert "geen huisnummer: het adres is niet te plaatsen" in row.inner_text()
    assert not Place.objects.filter(source="beekdal").exists()
    seen(page, "import-3-dry-run")
    page.get_by_role("button", name="Importeren").click()

    assert "Uitkomst van de import" in page.locator("#import-report").inner_text()
    assert "De import is opgeslagen: de plekken staan op de kaart." in page.inner_text("main")
    assert Place.objects.filter(source="beekdal").count() == 3
    seen(page, "import-4-imported")
    page.get_by_role("link", name="Bekijk de plekken op de kaart").click()
    page.wait_for_selector("#places-map[data-loaded]")
    text = page.inner_text("main")
    for name in ("Huis van de Wijk De Reünie", "Huiskamer Oosterlaan", "Speeltuin De Vlinder"):
        assert name in text
    assert int(page.locator("#places-map").get_attribute("data-loaded")) >= 3
    seen(page, "import-5-map")


@pytest.mark.parametrize("width", [390, 1366])
def test_a_redacteur_imports_the_places_past(
    page, live_server, places, people, settings, tmp_path, width
):
    settings.VAR_DIR = tmp_path
    Place.objects.filter(pk=places["kamer"].pk).update(management_form="sociaal_beheer")
    path = write_csv(tmp_path / "verleden.csv", HEADER, event_rows(places))
    page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
    log_in(page, live_server, "redacteur")
    page.get_by_role("link", name="Het verleden van plekken importeren uit een tabel").click()
    assert "gebeurtenis" in page.locator("#event-columns").inner_text()
    assert page_width(page) <= width
    seen(page, f"import-past-{width}-1-upload")
    page.get_by_label("Tabel met gebeurtenissen").set_input_files(str(path))
    page.get_by_role("button", name="Uploaden en controleren").click()

    report = page.locator("#import-report")
    assert "Uitkomst van de proefimport: er is nog niets opgeslagen" in report.inner_text()
    assert page.locator("#report-counts").inner_text().split("\n")[0] == "Nieuw: 3"
    row = page.locator("#report-rows tbody tr").filter(has_text="volgend jaar")
    assert row.locator("td").all_inner_texts()[1:3] == [places["huis"].name, "geweigerd"]
    assert not PlaceEvent.objects.exists()
    assert page_width(page) <= width
    seen(page, f"import-past-{width}-2-dry-run")
    page.get_by_role("button", name="Importeren").click()

    assert "Uitkomst van de import" in page.locator("#import-report").inner_text()
    assert "De gebeurtenissen staan in de verhalen van de plekken." in page.inner_text("main")
    assert PlaceEvent.objects.count() == 3
    seen(page, f"import-past-{width}-3-imported")
    page.goto(live_server.url + places["kamer"].get_absolute_url())
    assert "In maart 2021 overgenomen door bewoners (zelfbeheer)" in page.inner_text("main")
