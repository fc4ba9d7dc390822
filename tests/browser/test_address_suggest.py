"""The nearby search in Chromium: PDOK's suggestions (replayed) while typing, as text; an
address typed after a click on the map is searched; without JavaScript the form still works."""

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import problems, route_outside
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import haversine, web_point

pytestmark = pytest.mark.django_db(transaction=True)
CHOSEN = "Hoofdweg 495A, 1055SC Amsterdam"


@pytest.fixture
def hoofdweg(amsterdam):
    """Two places a few hundred metres from the recorded Hoofdweg 495A (4.846776, 52.375917)."""
    PlaceFactory(name="Huiskamer Hoofdweg", location=web_point(4.8480, 52.3760))
    PlaceFactory(name="Buurtkamer Postjesweg", location=web_point(4.8440, 52.3745))


def suggested(page):
    return page.locator("#id_adres-suggestions option").evaluate_all(
        "options => options.map(o => o.value)"
    )


def test_addresses_are_suggested_while_typing(page, live_server, pdok, hoofdweg):
    page.goto(f"{live_server.url}/in-de-buurt/")
    field = page.get_by_label("Adres of postcode")
    field.press_sequentially("Hoofdweg 4", delay=40)
    expect(page.locator("#id_adres-suggestions option")).to_have_count(4)
    assert suggested(page) == [
        CHOSEN,
        "Hoofdweg 495B, 1055SC Amsterdam",
        "Hoofdweg, Amsterdam",
        "Hoofdweg <script>alert(1)</script> 1, 1055SC Amsterdam",
    ]
    assert "suggest" in pdok.endpoints
    field.fill(CHOSEN)  # what picking the first suggestion does
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_selector("#nearby-map[data-loaded]")
    assert CHOSEN in page.locator("#result-count").inner_text()
    assert page.locator(".result h3").all_inner_texts() == [
        "Huiskamer Hoofdweg",
        "Buurtkamer Postjesweg",
    ]
    assert problems(page) == []


def test_an_address_typed_after_a_map_click_is_searched(page, live_server, pdok, hoofdweg):
    page.goto(f"{live_server.url}/in-de-buurt/")
    page.locator("#nearby-map").click(position={"x": 300, "y": 250})
    page.wait_for_selector("#nearby-map[data-loaded]")
    assert "gekozen punt op de kaart" in page.locator("#result-count").inner_text()
    page.get_by_label("Adres of postcode").fill(CHOSEN)
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_selector("#nearby-map[data-loaded]")
    assert CHOSEN in page.locator("#result-count").inner_text()
    assert page.locator(".result h3").first.inner_text() == "Huiskamer Hoofdweg"
    # Measured from the address, not from the point clicked before.
    metres = round(haversine(4.846776, 52.375917, 4.8480, 52.3760))
    assert page.locator(".distance").first.inner_text() == f"{metres} m"


def test_without_javascript_the_plain_form_searches(browser, live_server, pdok, hoofdweg):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    context.route("**/*", lambda route: route_outside(route, live_server.url))
    page = context.new_page()
    page.goto(f"{live_server.url}/in-de-buurt/")
    assert page.locator("#id_adres").get_attribute("list") is None
    page.get_by_label("Adres of postcode").fill("Hoofdweg 495A Amsterdam")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    assert "2 plekken binnen 1000 m van Hoofdweg 495A" in page.locator("#result-count").inner_text()
    assert pdok.endpoints == ["free"]
    context.close()


def test_an_unknown_postcode_is_said_next_to_the_field(page, live_server, pdok, hoofdweg):
    page.goto(f"{live_server.url}/in-de-buurt/")
    page.get_by_label("Adres of postcode").fill("9999ZZ")
    page.get_by_role("button", name="Zoeken").click()
    assert page.get_by_role("alert").inner_text() == (
        "Postcode 9999ZZ is niet bekend. Controleer de postcode, of klik op de kaart."
    )
    assert page.get_by_label("Adres of postcode").input_value() == "9999ZZ"
