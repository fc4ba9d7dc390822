"""A resident finds a place on a phone and calls it (issue 14): home → filter → place → call.

At 390 px the results come first (cards, filters folded), at 1366 px the filters are open
beside the map and the table is shown. Every step asserts what the person sees and runs axe.
With SCREENSHOTS_DIR set (`make screenshots`), each step is saved as a picture as well.
"""

from datetime import datetime

import pytest

from places import hours
from places.hours import AMSTERDAM
from tests.helpers.browser import seen
from tests.helpers.factories import PlaceFactory

pytestmark = pytest.mark.django_db(transaction=True)
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
PHONE, WIDE = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


@pytest.fixture
def street(amsterdam, monkeypatch):
    monkeypatch.setattr(hours, "now", lambda: MONDAY_NOON)
    PlaceFactory(
        name="De Open Deur",
        opening_hours="Mo-Fr 10:00-16:00",
        phone="020 - 123 45 67",
        visitor_cost="free",
        wheelchair="yes",
    )
    PlaceFactory(name="Bieb Dicht", opening_hours="Sa 10:00-12:00")
    PlaceFactory(name="Zonder Tijden", opening_hours="")


def in_view(page, locator):
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_a_resident_finds_an_open_place_and_calls_it(page, live_server, street, viewport):
    width = viewport["width"]
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#places-map[data-loaded]")
    count = page.locator("#list-count")
    assert count.inner_text() == "3 plekken gevonden"
    search = page.get_by_label("Zoeken")
    if width == 390:
        assert not search.is_visible()  # folded: "Filters"
        assert in_view(page, page.locator(".place-card").first)  # results first
        assert page.locator(".place-card h3").all_inner_texts() == [
            "Bieb Dicht",
            "De Open Deur",
            "Zonder Tijden",
        ]
        assert not page.locator(".place-table").is_visible()
    else:
        assert search.is_visible()
        assert page.locator(".place-table").is_visible()
        assert not page.locator(".place-cards").is_visible()
    seen(page, f"resident-{width}-1-home")

    if width == 390:
        page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Nu open").check()
    page.get_by_role("button", name="Toon plekken").click()
    page.wait_for_url("**/?*open_now=on*#resultaten")
    assert count.inner_text() == "1 plek gevonden"
    assert page.locator("#filter-heading").inner_text() == "Filters (1)"
    # The results stay in view after the filter: the list on a phone, the map beside it wide.
    assert in_view(page, count if width == 390 else page.locator("#places-map"))
    finding = page.locator(".findings li")
    assert finding.inner_text() == (
        "Van 1 plek is niet bekend of die nu open is (geen openingstijden, of op afspraak). "
        "Toon die ook"
    )
    seen(page, f"resident-{width}-2-open-now")

    page.get_by_role("link", name="De Open Deur").first.click()
    page.wait_for_selector("h1:text('De Open Deur')")
    assert page.locator(".hours-state").inner_text() == "Nu open · sluit 16:00"
    call = page.get_by_role("link", name="020 - 123 45 67")
    assert call.get_attribute("href") == "tel:0201234567" and call.is_visible()
    route = page.get_by_role("link", name="Route plannen (OpenStreetMap)")
    assert route.get_attribute("href").startswith("https://www.openstreetmap.org/directions?")
    seen(page, f"resident-{width}-3-place")
