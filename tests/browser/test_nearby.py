import json
import re
from datetime import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from places import hours
from places.hours import AMSTERDAM
from places.importers.amsterdam import CATEGORY_TYPES, import_places
from places.models import Place
from tests.helpers.browser import problems
from tests.helpers.geo import haversine
from tests.helpers.paths import REAL_PLACES

pytestmark = pytest.mark.django_db(transaction=True)
PLACES_FILE = REAL_PLACES
ORIGIN = (4.846776, 52.375917)  # the recorded PDOK answer for Hoofdweg 495A
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)


def expected_nearby(radius=1000):
    """(name, metres) of the imported places within the radius, by haversine."""
    features = json.loads(PLACES_FILE.read_text())["features"]
    rows = [
        (f["properties"]["Naam"], haversine(*ORIGIN, *f["geometry"]["coordinates"]))
        for f in features
        if f["properties"]["Categorie"] in CATEGORY_TYPES
    ]
    # Places at the same spot come in name order, as the page lists them.
    return sorted((row for row in rows if row[1] <= radius), key=lambda row: (row[1], row[0]))


@pytest.fixture
def amsterdam_data(real_areas):
    import_places(PLACES_FILE, commit=True)


def search(page, live_server, address="Hoofdweg 495A Amsterdam", radius=None):
    page.goto(f"{live_server.url}/in-de-buurt/")
    page.get_by_label("Adres of postcode").fill(address)
    if radius:
        page.get_by_label("Binnen").select_option(str(radius))
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_selector("#nearby-map[data-loaded]")


def shown(page):
    names = page.locator(".result h3").all_inner_texts()
    metres = [int(re.match(r"(\d+) m", t)[1]) for t in page.locator(".distance").all_inner_texts()]
    return list(zip(names, metres, strict=True))


def test_nearest_places_to_an_address_in_order_with_true_distances(
    page, live_server, pdok, amsterdam_data
):
    search(page, live_server)
    expected = expected_nearby()
    results = shown(page)
    assert [name for name, _m in results] == [name for name, _m in expected]
    for (_name, metres), (_same, true_metres) in zip(results, expected, strict=True):
        assert metres == pytest.approx(true_metres, rel=0.005, abs=2)
    assert page.locator("#nearby-map .place-marker:not(.type-here)").count() == len(results)
    assert problems(page) == []


def test_twenty_first_and_more_on_request_without_javascript(
    browser, live_server, pdok, amsterdam_data
):
    """55 places within 2 km: 20 are shown, "Toon meer plekken" shows 20 more each time and
    lands on the first new one; it is a plain link, so it works without JavaScript."""
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/in-de-buurt/")
    page.get_by_label("Adres of postcode").fill("Hoofdweg 495A Amsterdam")
    page.get_by_label("Binnen").select_option("2000")
    page.get_by_role("button", name="Zoeken").click()
    expected = [name for name, _m in expected_nearby(2000)]
    assert len(expected) == 55
    count = page.locator("#result-count")
    assert count.inner_text() == (
        "De 20 dichtstbijzijnde van 55 plekken binnen 2000 m van Hoofdweg 495A, 1055SC Amsterdam"
    )
    assert page.locator(".result h3").all_inner_texts() == expected[:20]

    page.get_by_role("link", name="Toon meer plekken").click()
    assert page.url.endswith("#resultaat-21")
    assert count.inner_text().startswith("De 40 dichtstbijzijnde van 55 plekken")
    assert page.locator(".result h3").all_inner_texts() == expected[:40]
    assert page.locator("#resultaat-21").is_visible()

    page.get_by_role("link", name="Toon meer plekken").click()
    assert count.inner_text().startswith("55 plekken binnen 2000 m")
    shown_names = page.locator(".result h3").all_inner_texts()
    # Near 2 km the sphere and the Dutch grid can order two places a metre apart differently.
    assert shown_names[:40] == expected[:40] and sorted(shown_names) == sorted(expected)
    assert page.get_by_role("link", name="Toon meer plekken").count() == 0
    context.close()


def test_the_map_shows_the_places_the_list_shows(page, live_server, pdok, amsterdam_data):
    search(page, live_server, radius=2000)
    assert page.locator(".result").count() == 20
    assert page.locator("#nearby-map .place-marker:not(.type-here)").count() == 20
    page.get_by_role("link", name="Toon meer plekken").click()
    page.wait_for_selector("#nearby-map[data-loaded]")
    assert page.locator("#nearby-map .place-marker:not(.type-here)").count() == 40
    assert Axe().run(page).violations_count == 0
    assert problems(page) == []


def test_open_now_at_a_frozen_time_and_the_handout_prints(
    page, live_server, pdok, amsterdam_data, monkeypatch
):
    monkeypatch.setattr(hours, "now", lambda: MONDAY_NOON)
    Place.objects.filter(name="De Boeg").update(opening_hours="Mo-Fr 09:00-17:00; PH off")
    Place.objects.filter(name__in=[n for n, _m in expected_nearby()[1:3]]).update(
        opening_hours="Sa 10:00-14:00"
    )
    search(page, live_server)
    page.get_by_text("Filter de resultaten").click()
    page.get_by_label("Nu open").check()
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_selector("#nearby-map[data-loaded]")
    assert [name for name, _m in shown(page)] == ["De Boeg"]
    assert "Nu open" in page.locator(".result").first.inner_text()

    page.get_by_label("Voeg De Boeg toe aan de handout").check()
    with page.expect_popup() as popup_info:
        page.get_by_role("button", name="Handout van de gekozen plekken").click()
    handout = popup_info.value
    handout.wait_for_load_state()
    assert handout.locator("h2").all_inner_texts() == ["De Boeg"]
    assert "ma–vr 09:00–17:00" in handout.inner_text("main")
    handout.emulate_media(media="print")
    assert handout.locator(".no-print").is_hidden()
    pdf = handout.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page") >= 1
    assert Axe().run(handout).violations_count == 0


def test_geocoder_down_shows_a_message_and_keeps_the_address(
    page, live_server, pdok, amsterdam_data
):
    pdok.mode = "down"
    page.goto(f"{live_server.url}/in-de-buurt/")
    page.get_by_label("Adres of postcode").fill("Hoofdweg 495A Amsterdam")
    page.get_by_role("button", name="Zoeken").click()
    assert "PDOK" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Adres of postcode").input_value() == "Hoofdweg 495A Amsterdam"


def test_a_click_on_the_map_searches_from_there(page, live_server, amsterdam_data):
    page.goto(f"{live_server.url}/in-de-buurt/")
    page.locator("#nearby-map").click(position={"x": 300, "y": 250})
    page.wait_for_selector("#nearby-map[data-loaded]")
    assert "gekozen punt op de kaart" in page.locator("#result-count").inner_text()


def test_nearby_page_passes_axe(page, live_server, pdok, amsterdam_data):
    search(page, live_server)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_use_my_location(browser, live_server, amsterdam_data):
    context = browser.new_context(
        locale="nl-NL",
        geolocation={"latitude": ORIGIN[1], "longitude": ORIGIN[0]},
        permissions=["geolocation"],
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/in-de-buurt/")
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    page.wait_for_selector("#nearby-map[data-loaded]")
    assert page.locator(".result h3").first.inner_text() == "De Boeg"
    context.close()
