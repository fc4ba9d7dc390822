"""Readable everywhere and fully Dutch (issue 14, items 4 and 5): at 320 px no heading word
is broken across lines and nothing pushes the page sideways; the map controls and the pin
editor speak Dutch; the buurt choices follow the wijk without a submit."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.helpers.browser import WCAG_AA, log_in, problems

pytestmark = pytest.mark.django_db(transaction=True)

# The words of headings (and the site name) whose letters fall on more than one line.
SPLIT_WORDS = """() => {
  const split = [];
  for (const heading of document.querySelectorAll("h1, h2, h3, .site-name")) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize(
    "path", ["/", "/gebied/GM0363/", "/gebied/WK036301/", "/in-de-buurt/", "/over/", "/weg/"]
)
def test_no_heading_word_breaks_at_320_px(page, live_server, places, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert page.evaluate(SPLIT_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_map_controls_speak_dutch(page, live_server, places):
    page.goto(live_server.url)
    page.wait_for_selector("#places-map[data-loaded]")
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Inzoomen"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Uitzoomen"
    assert page.locator(".leaflet-control-layers-toggle").get_attribute("title") == "Kaartlagen"
    page.locator(".place-marker").first.click()
    expect(page.locator(".leaflet-popup-close-button")).to_have_attribute("aria-label", "Sluiten")
    assert problems(page) == []


def test_the_pin_editor_speaks_dutch(page, live_server, places, people):
    log_in(page, live_server, "eigenaar")
    page.goto(f"{live_server.url}/plek/{places['kamer'].slug}/bewerken/")
    page.wait_for_selector(".leaflet-draw-toolbar a")
    titles = page.locator(".leaflet-draw-toolbar a").evaluate_all(
        "links => links.map(link => link.title)"
    )
    assert "Speld plaatsen" in titles
    assert not any("marker" in title or "layers" in title for title in titles)
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Inzoomen"
    assert problems(page) == []


def buurt_options(page):
    return page.locator("#id_buurt option").all_inner_texts()


def test_buurt_choices_follow_the_wijk_without_a_submit(page, live_server, places):
    page.goto(live_server.url)  # at 1280 px the filter panel is open
    assert buurt_options(page) == ["alle"]
    page.select_option("#id_wijk", label="Centrum-West")
    expect(page.locator("#id_buurt option")).to_have_count(3)
    assert buurt_options(page) == ["alle", "Oostbuurt", "Westbuurt"]
    assert page.url.rstrip("/") == live_server.url  # nothing was sent
    page.select_option("#id_buurt", label="Westbuurt")
    page.get_by_role("button", name="Toon plekken").click()
    expect(page.locator("#id_buurt")).to_have_value("BU03630101")
    assert problems(page) == []


def test_error_page_passes_axe(page, live_server, places):
    page.goto(f"{live_server.url}/weg/")
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    assert Axe().run(page, options=WCAG_AA).violations_count == 0
