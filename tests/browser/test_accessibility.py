"""Keyboard, focus, small screens and the map, for people who cannot use a mouse or see it.

The main journeys use page.keyboard only (Tab, Enter, Space, arrows, typing); page.goto
stands for typing an address in the browser's address bar.
"""

import json
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from places import roles
from places.accounts.landing import landing_url
from places.importers.amsterdam import import_places
from places.models import Place
from surveys.models import Response, SurveyRound
from surveys.seed import SLUG, seed
from tests.helpers.accounts import authenticator, code_for
from tests.helpers.browser import problems, route_outside
from tests.helpers.paths import REAL_PLACES as PLACES_FILE

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-lang-wachtwoord"
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    html: element.outerHTML.slice(0, 120),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    body: element === document.body,
  };
}"""


@pytest.fixture
def amsterdam_data(real_areas):
    import_places(PLACES_FILE, commit=True)


@pytest.fixture
def rondvraag(places):
    """The seeded 2015 round (transactional tests flush the migration's seed away)."""
    seed(django_apps)
    return SurveyRound.objects.get(slug=SLUG)


def is_focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit=300):
    """Tab until the element has the focus, as a keyboard user would."""
    locator.wait_for(state="attached")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {locator}")


def keyboard_log_in(page, live_server, username):
    user = get_user_model().objects.get(username=username)
    device = authenticator(user) if roles.needs_two_factor(user) else None
    page.goto(f"{live_server.url}/account/login/")
    tab_to(page, page.get_by_label("Gebruikersnaam"))
    page.keyboard.type(username)
    tab_to(page, page.get_by_label("Wachtwoord"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    if device:
        page.wait_for_url("**/account/tweestaps/code/**")
        tab_to(page, page.get_by_label("Code"))
        page.keyboard.type(code_for(device))
        page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + landing_url(user))


def follow_link(page, locator):
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press("Enter")


# --- The main journeys ----------------------------------------------------


def test_find_a_place_near_an_address(page, live_server, pdok, amsterdam_data):
    page.goto(f"{live_server.url}/in-de-buurt/")
    tab_to(page, page.get_by_label("Adres of postcode"))
    page.keyboard.type("Hoofdweg 495A Amsterdam")
    page.keyboard.press("Enter")
    page.wait_for_selector("#nearby-map[data-loaded]")
    first = page.locator(".result h3 a").first
    assert first.inner_text() == "De Boeg"  # the nearest, as in test_nearby
    follow_link(page, first)
    expect(page.locator("h1")).to_have_text("De Boeg")
    assert problems(page) == []


def test_an_owner_edits_their_place(page, live_server, places, people):
    keyboard_log_in(page, live_server, "eigenaar")
    follow_link(page, page.locator(".my-places").get_by_role("link", name="Bewerken"))
    tab_to(page, page.locator("#id_name"))
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Buurtkamer Het Anker aan de gracht")
    tab_to(page, page.locator("#id_description"))
    page.keyboard.type("Koffie op dinsdag.")
    follow_link(page, page.get_by_role("button", name="Opslaan"))
    expect(page.locator("h1")).to_have_text("Buurtkamer Het Anker aan de gracht")
    saved = Place.objects.get(pk=places["kamer"].pk)
    assert saved.name == "Buurtkamer Het Anker aan de gracht"
    assert saved.description.endswith("Koffie op dinsdag.")
    assert problems(page) == []


def answer_with_the_keyboard(page, text_field, submit, limit=400):
    """Tab through the form to the button: type in the text field, choose 4 on every scale."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(submit):
            break
        if is_focused(text_field):
            page.keyboard.type("Iedereen is welkom aan de lange tafel")
        elif page.evaluate("document.activeElement.type") == "radio":
            page.keyboard.press("Space")  # the first: 1
            for _ in range(3):
                page.keyboard.press("ArrowRight")  # moves and chooses: 4
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_owner_answers_the_survey(page, live_server, places, people, rondvraag):
    keyboard_log_in(page, live_server, "eigenaar")
    follow_link(page, page.get_by_role("navigation").get_by_role("link", name="Rondvragen"))
    follow_link(page, page.get_by_role("link", name="Invullen voor Buurtkamer Het Anker"))
    answer_with_the_keyboard(
        page,
        page.get_by_label("Wat is de kracht van uw plek?"),
        page.get_by_role("button", name="Antwoorden versturen"),
    )
    assert "Uw antwoorden zijn verstuurd" in page.locator(".messages").inner_text()
    response = Response.objects.get(place=places["kamer"], round=rondvraag)
    assert response.status == "submitted"
    scales = [q for q in rondvraag.questions() if q.kind == "scale"]
    assert len(scales) == 10
    assert [a.value for a in response.answers.filter(question__in=scales)] == [4] * 10


# --- What keyboard users need on every page -------------------------------


def focus_stops(page, limit=200):
    """Each element that Tab reaches, once round the page, with how its focus shows."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["body"] or (stops and stop["html"] == stops[0]["html"]):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize(
    "username, path", [(None, "/"), ("eigenaar", "/plek/buurtkamer-het-anker/")]
)
def test_focus_is_visible_on_every_link_button_and_field(
    page, live_server, places, people, username, path
):
    if username:
        keyboard_log_in(page, live_server, username)
    page.goto(live_server.url + path)
    page.wait_for_selector(".leaflet-marker-icon")
    stops = focus_stops(page)
    assert len(stops) > 15
    assert [s["html"] for s in stops if not (s["outline"] or s["shadow"])] == []


def test_the_skip_link_comes_first_and_moves_focus_to_main(page, live_server, places):
    page.goto(live_server.url + places["kamer"].get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert is_focused(skip)
    assert skip.inner_text() == "Naar de inhoud"
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0  # on screen once it has the focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is in the content, not the header
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


# --- Small screens: 320 CSS pixels wide (WCAG 1.4.10, reflow) -------------

NARROW_PAGES = [
    (None, "/"),
    (None, "/plek/buurtkamer-het-anker/"),
    (None, "/in-de-buurt/?lat=52.3702&lng=4.9005&straal=2000"),
    ("eigenaar", "/plek/buurtkamer-het-anker/"),
    ("eigenaar", "/plek/buurtkamer-het-anker/bewerken/"),
    ("eigenaar", "/rondvraag/kracht-van-de-plek-2015/plek/buurtkamer-het-anker/"),
]
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(e => !e.parentElement.closest('.leaflet-container, .table-scroll'))
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(e => e.outerHTML.slice(0, 80) + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 8)"""


@pytest.fixture
def narrow(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640})
    context.route("**/*", lambda route: route_outside(route, live_server.url))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("username, path", NARROW_PAGES)
def test_no_horizontal_scrolling_at_320_pixels(
    narrow,
    live_server,
    places,
    people,
    rondvraag,
    username,
    path,
):
    if username:
        keyboard_log_in(narrow, live_server, username)
    narrow.goto(live_server.url + path)
    narrow.wait_for_load_state("networkidle")
    width = narrow.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, narrow.evaluate(WIDER_THAN_THE_SCREEN)


# --- The map: named markers, and the list shows the same places -----------

BUTTON = re.compile(r'^\s*- button "((?:[^"\\]|\\.)*)"', re.MULTILINE)
CLUSTER = re.compile(r"^(\d+) plekken op de kaart$")


def marker_names(page, map_id):
    """The accessible names of the markers and clusters a keyboard user can reach, once the
    cluster animation has settled."""
    pane = page.locator(f"#{map_id} .leaflet-marker-pane")
    names, previous = None, []
    while names != previous:
        previous = names
        page.wait_for_timeout(300)
        snapshot = pane.aria_snapshot()
        names = sorted(json.loads(f'"{name}"') for name in BUTTON.findall(snapshot))
    assert len(names) == pane.locator(".leaflet-marker-icon[tabindex='0']").count()
    return names


@pytest.mark.parametrize(
    "path, map_id, expected",
    [
        ("/", "places-map", ["Buurtkamer Het Anker", "Huis van de Wijk De Boeg"]),
        ("/gebied/WK036301/", "area-map", ["Buurtkamer Het Anker", "Huis van de Wijk De Boeg"]),
        (
            "/in-de-buurt/?lat=52.3702&lng=4.9005&straal=1000",
            "nearby-map",
            ["1. Buurtkamer Het Anker", "2. Huis van de Wijk De Boeg"],
        ),
    ],
)
def test_every_marker_is_named_after_its_place(page, live_server, places, path, map_id, expected):
    page.goto(live_server.url + path)
    page.wait_for_selector(f"#{map_id}[data-loaded]")
    assert marker_names(page, map_id) == expected


def list_slugs(page):
    links = page.locator(".place-table tbody td:first-child a")
    return [
        href.rstrip("/").rsplit("/", 1)[1]
        for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    ]


def test_the_list_shows_the_places_of_the_map_and_clusters_are_named(
    page, live_server, amsterdam_data
):
    with page.expect_response(lambda r: "/kaart.geojson" in r.url) as map_data:
        page.goto(live_server.url + "/")
    page.wait_for_selector("#places-map[data-loaded]")
    features = json.loads(map_data.value.body())["features"]
    total = len(features)
    assert total > 300
    assert page.locator("#map-status").inner_text() == f"{total} plekken op de kaart"

    names = marker_names(page, "places-map")
    clusters = [int(CLUSTER.match(name)[1]) for name in names if CLUSTER.match(name)]
    singles = [name for name in names if not CLUSTER.match(name)]
    assert clusters and sum(clusters) + len(singles) == total
    assert set(singles) <= {feature["properties"]["name"] for feature in features}

    assert page.locator("#list-count").inner_text() == f"{total} plekken gevonden"
    slugs = list_slugs(page)
    for number in range(2, 5):
        page.goto(f"{live_server.url}/?page={number}")
        slugs += list_slugs(page)
    assert sorted(slugs) == sorted(feature["properties"]["slug"] for feature in features)
