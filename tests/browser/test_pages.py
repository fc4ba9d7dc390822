import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.helpers.browser import problems
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db(transaction=True)


def open_map(page, url):
    page.goto(url)
    page.wait_for_selector("#places-map[data-loaded]")
    return page


def marker_names(page, expected_count):
    """The titles of the markers, once the map shows the expected number of them."""
    expect(page.locator(".place-marker")).to_have_count(expected_count)
    return sorted(page.locator(".place-marker").evaluate_all("els => els.map(e => e.title)"))


def list_names(page):
    return sorted(page.locator(".place-table tbody td:first-child a").all_inner_texts())


def test_home_shows_markers_and_the_same_places_in_the_list(page, live_server, places):
    open_map(page, live_server.url)
    expected = ["Buurtkamer Het Anker", "Huis van de Wijk De Boeg"]
    assert marker_names(page, 2) == expected
    assert list_names(page) == expected
    assert page.locator("#map-status").inner_text() == "2 plekken op de kaart"
    assert problems(page) == []


def test_a_filter_narrows_map_and_list(page, live_server, places):
    open_map(page, live_server.url)
    page.get_by_label("Huis van de Wijk").check()
    page.get_by_role("button", name="Toon plekken").click()
    page.wait_for_url("**/?*type=huis-van-de-wijk*")
    page.wait_for_selector("#places-map[data-loaded]")
    assert marker_names(page, 1) == ["Huis van de Wijk De Boeg"]
    assert list_names(page) == ["Huis van de Wijk De Boeg"]


def test_a_place_page_opens_from_the_list(page, live_server, places):
    open_map(page, live_server.url)
    page.locator(".place-table").get_by_role("link", name="Buurtkamer Het Anker").click()
    assert page.locator("h1").inner_text() == "Buurtkamer Het Anker"
    page.wait_for_selector("#place-map .leaflet-marker-icon")
    assert problems(page) == []


def test_a_marker_popup_links_to_the_place(page, live_server, places):
    open_map(page, live_server.url)
    page.locator(".place-marker[title='Buurtkamer Het Anker']").click()
    popup_link = page.locator(".leaflet-popup-content a")
    assert popup_link.inner_text() == "Buurtkamer Het Anker"
    popup_link.click()
    assert page.locator("h1").inner_text() == "Buurtkamer Het Anker"


def test_hostile_name_in_a_popup_is_text_and_runs_nothing(page, live_server, amsterdam):
    hostile = '<img src=x onerror="window.__xss=1">'
    PlaceFactory(name=hostile, location=web_point(4.9, 52.37))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_map(page, live_server.url)
    page.locator(".place-marker").first.click()
    assert page.locator(".leaflet-popup-content a").inner_text() == hostile
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert page.evaluate("window.__xss") is None and dialogs == []


def test_area_page_draws_boundary_and_places(page, live_server, places):
    page.goto(f"{live_server.url}/gebied/WK036301/")
    page.wait_for_selector("#area-map[data-loaded]")
    assert page.locator("#area-map path.leaflet-interactive, #area-map path").count() >= 1
    assert marker_names(page, 2) == ["Buurtkamer Het Anker", "Huis van de Wijk De Boeg"]
    assert problems(page) == []


@pytest.mark.parametrize(
    "path", ["/", "/plek/buurtkamer-het-anker/", "/gebied/WK036301/", "/over/"]
)
def test_pages_pass_axe(page, live_server, places, path):
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert problems(page) == []


def test_the_map_and_filter_work_with_the_keyboard(page, live_server, places):
    open_map(page, live_server.url)
    page.locator(".place-marker[title='Buurtkamer Het Anker']").focus()
    page.keyboard.press("Enter")
    assert page.locator(".leaflet-popup-content a").inner_text() == "Buurtkamer Het Anker"


def test_a_large_set_is_shown_as_clusters_that_open_into_markers(
    page, live_server, amsterdam, settings
):
    settings.MAP_POINT_LIMIT = 5
    for i in range(8):  # two groups far apart: Amsterdam and Maastricht
        PlaceFactory(name=f"Noord {i}", location=web_point(4.90 + i * 0.0002, 52.37))
    for i in range(4):
        PlaceFactory(name=f"Zuid {i}", location=web_point(5.69 + i * 0.001, 50.85))
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "kaart.geojson" in r.url else None)
    open_map(page, live_server.url)
    clusters = page.locator(".server-cluster")
    expect(clusters).to_have_count(2)
    assert sorted(clusters.all_inner_texts()) == ["4", "8"]
    assert page.locator("#places-map").get_attribute("data-clustered") == "true"
    # The first request asks coarsely where the places are; the second fits the view.
    assert "zoom=8" in requests[0] and "bbox=" in requests[1] and len(requests) == 2
    cluster = clusters.filter(has_text="8")  # Amsterdam; after one zoom only it is in view
    for _ in range(6):  # each click zooms in by two levels; points once few enough in view
        if page.locator("#places-map").get_attribute("data-clustered") == "false":
            break
        with page.expect_response(lambda r: "kaart.geojson" in r.url):
            cluster.click()
        page.wait_for_timeout(100)
        cluster = clusters.first
    # Few enough in view: the 8 places come as points, which Leaflet groups when close.
    assert page.locator("#places-map").get_attribute("data-clustered") == "false"
    assert page.locator("#places-map").get_attribute("data-loaded") == "8"
    grouped = sum(int(n) for n in page.locator(".marker-cluster").all_inner_texts())
    assert grouped + page.locator(".place-marker").count() == 8
    for _ in range(4):  # a click zooms in (or spreads the markers at the closest zoom)
        if not page.locator(".marker-cluster").count():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(400)
    names = page.locator(".place-marker").evaluate_all("els => els.map(e => e.title)")
    assert names and all(name.startswith("Noord ") for name in names)
    assert problems(page) == []
