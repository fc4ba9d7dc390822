import csv

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers.browser import log_in, problems

pytestmark = pytest.mark.django_db(transaction=True)


def table_rows(page):
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in page.locator("#area-table tbody tr").all()
    ]


def test_dashboard_levels_coverage_and_csv(page, live_server, city, people):
    log_in(page, live_server, "beleid")
    page.goto(f"{live_server.url}/beleid/")
    page.wait_for_selector("#dashboard-map[data-loaded]")
    assert [row[0] for row in table_rows(page)] == ["Centrum-West", "Wijk W"]

    page.get_by_label("Niveau").select_option("buurt")
    page.get_by_label("Kaart kleuren naar").select_option("dekking")
    page.get_by_label("Afstand N (meter)").fill("200")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_selector("#dashboard-map[data-loaded]")
    shown = table_rows(page)
    assert [row[0] for row in shown] == ["Buurt B1", "Buurt B2", "Oostbuurt", "Westbuurt"]
    assert page.locator("#dashboard-map path").count() >= 2  # buurten and white spots
    assert problems(page) == []
    assert Axe().run(page).violations_count == 0

    with page.expect_download() as download_info:
        page.locator("#table-csv").click()
    with open(download_info.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    on_screen = [
        [r[0], r[1], r[2].replace(",", "."), r[3].rstrip("%").replace(",", ".")] for r in shown
    ]
    # Decimal comma or point: the CSV's number format is the exports' concern.
    in_csv = [
        [r[1], r[2], (r[3] or "inwonertal onbekend").replace(",", "."), r[4].replace(",", ".")]
        for r in rows
    ]
    assert in_csv == on_screen


def test_the_top_gap_where_people_live(page, live_server, city, people):
    log_in(page, live_server, "beleid")
    page.goto(f"{live_server.url}/beleid/")
    page.wait_for_selector("#dashboard-map[data-loaded]")
    heading = page.locator("#gaps-heading")
    assert heading.inner_text() == "Inwoners verder dan 800 m van een ontmoetingsplek"

    page.get_by_label("Niveau").select_option("buurt")
    page.get_by_label("Kaart kleuren naar").select_option("inwoners")
    page.get_by_label("Afstand N (meter)").fill("200")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_selector("#dashboard-map[data-loaded]")
    assert heading.inner_text() == "Inwoners verder dan 200 m van een ontmoetingsplek"
    top = page.locator("#gap-ranking li").first
    assert top.locator(".gap-name").inner_text() == "Buurt B1"
    # 4,000 inhabitants times the share outside two 200 m circles (32-gons): 3,001.
    assert top.locator(".gap-people").inner_text() == (
        "ongeveer 3.001 van 4.000 inwoners verder dan 200 m"
    )
    legend = page.locator("#legend-choropleth").inner_text()
    assert legend == "Legenda: Inwoners verder dan 200 m van een ontmoetingsplek (schatting)"
    # West- and Oostbuurt have no figure: per 10,000 and beyond 200 m say so, twice each.
    assert page.locator("#area-table").get_by_text("inwonertal onbekend").count() == 4
    assert problems(page) == []
    assert Axe().run(page).violations_count == 0
