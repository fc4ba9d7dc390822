"""The history and the redactie's recent changes in Chromium at 390 and 1366 px (issue 15,
items 4 and 6): sentences as seen, the filter, undo; axe on every page; pictures with
`make screenshots`."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from places.models import Place
from tests.core.test_history_words import change_every_field, change_what_belongs_to_it
from tests.helpers.browser import WCAG_AA, log_in, page_width, problems

pytestmark = pytest.mark.django_db(transaction=True)


def seen(page, step, width):
    result = Axe().run(page, options=WCAG_AA)
    assert result.violations_count == 0, (step, result.generate_report())
    assert problems(page) == [], step
    assert page_width(page) <= width, step
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/history-{width}-{step}.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_an_editor_reads_filters_and_undoes_changes(page, live_server, places, people, width):
    page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
    kamer = change_every_field(places["kamer"], people["redactie"], places)
    change_what_belongs_to_it(kamer, people["redactie"])
    log_in(page, live_server, "redacteur")

    page.goto(f"{live_server.url}/plek/{kamer.slug}/geschiedenis/")
    changes = page.locator("ol.changes")
    assert changes.get_by_text("Toegang met rolstoel: onbekend → toegankelijk met rolstoel").count()
    assert changes.get_by_text("Samengevoegd met Huis van de Wijk De Boeg").count() == 1
    assert changes.get_by_text("Huur: € 12.000,00").count() == 1
    seen(page, "1-history", width)

    page.goto(f"{live_server.url}/redactie/wijzigingen/")
    page.get_by_label("Soort wijziging").select_option(label="gepubliceerd of teruggetrokken")
    page.get_by_role("button", name="Toon wijzigingen").click()
    entries = page.locator("ol.changes > li")
    assert entries.count() == 1
    assert "Gepubliceerd: ja → nee" in entries.first.inner_text()
    seen(page, "2-recent-publish", width)

    entries.first.get_by_role("button", name="Ongedaan maken").click()
    assert "De wijziging is ongedaan gemaakt" in page.inner_text("main")
    assert Place.objects.get(pk=kamer.pk).is_published
