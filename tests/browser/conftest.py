"""Headless Chromium (Debian's) driven by Playwright against Django's live server.

Map tiles are answered with a blank PNG and every other outside request is aborted,
so no browser test needs the network.
"""

import base64
import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
TILE_HOSTS = ("service.pdok.nl", "tile.openstreetmap.org")

# Collected in the page: CSP violations and uncaught errors.
WATCH_SCRIPT = """
window.__csp = [];
window.__errors = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.addEventListener('error', e => window.__errors.push(String(e.message)));
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def route_outside(route, live_url):
    url = route.request.url
    if url.startswith(live_url):
        return route.continue_()
    if any(f"//{host}/" in url for host in TILE_HOSTS):
        return route.fulfill(body=BLANK_PNG, content_type="image/png")
    return route.abort()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route_outside(route, live_server.url))
    context.add_init_script(WATCH_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def problems(page):
    """CSP violations and uncaught script errors seen by the page so far."""
    return page.evaluate("[...window.__csp, ...window.__errors]")
