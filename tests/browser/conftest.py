"""Headless Chromium (Debian's) driven by Playwright against Django's live server.

Map tiles are answered with a blank PNG and every other outside request is aborted,
so no browser test needs the network.
"""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.helpers.browser import route_outside

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


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route_outside(route, live_server.url))
    context.add_init_script(WATCH_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
