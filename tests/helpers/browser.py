"""Browser-test helpers: stubbed map tiles, page problems, logging in through the form."""

import base64
import os
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from places import roles
from places.accounts.landing import landing_url
from tests.helpers.accounts import authenticator, code_for

BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
TILE_HOSTS = ("service.pdok.nl", "tile.openstreetmap.org")

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def route_outside(route, live_url):
    url = route.request.url
    if url.startswith(live_url):
        return route.continue_()
    if any(f"//{host}/" in url for host in TILE_HOSTS):
        return route.fulfill(body=BLANK_PNG, content_type="image/png")
    return route.abort()


def problems(page):
    """CSP violations and uncaught script errors seen by the page so far."""
    return page.evaluate("[...window.__csp, ...window.__errors]")


def log_in(page, live_server, username):
    """Log in through the form; editors and admins type the code from their app as well."""
    user = get_user_model().objects.get(username=username)
    device = authenticator(user) if roles.needs_two_factor(user) else None
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    if device:
        page.wait_for_url("**/account/tweestaps/code/**")
        page.get_by_label("Code").fill(code_for(device))
        page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(live_server.url + landing_url(user))


def page_width(page):
    """How wide the page lays out, once its stylesheet has loaded: after a click the new page
    may have its heading but not yet its CSS, and a table then overflows the screen."""
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")


def seen(page, picture):
    """A journey step as the person sees it: axe (WCAG 2.1 AA) passes, no CSP violation or
    script error; with SCREENSHOTS_DIR set (`make screenshots`) the page is saved as
    `picture`.png there."""
    result = Axe().run(page, options=WCAG_AA)
    assert result.violations_count == 0, (picture, result.generate_report())
    assert problems(page) == [], picture
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{picture}.png", full_page=True)
