"""Two-step verification in a real browser: the editor's first login sets up the app, later
logins ask for its code; every step passes axe, in its error state too."""

import base64
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP

from tests.helpers.accounts import authenticator
from tests.helpers.browser import WCAG_AA, problems

pytestmark = pytest.mark.django_db(transaction=True)


def password_step(page, live_server, username):
    page.goto(f"{live_server.url}/account/login/?next=/redactie/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_an_editor_sets_up_the_app_at_the_first_login(page, live_server, people):
    password_step(page, live_server, "redacteur")
    page.wait_for_url("**/account/tweestaps/instellen/**")
    qr = page.get_by_alt_text("QR-code met de sleutel voor uw authenticator-app")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert_accessible(page)

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Zet aan").click()
    assert page.get_by_text("Deze code klopt niet").is_visible()
    assert_accessible(page)

    # What a phone app does with the key typed over from the page.
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    time.sleep(1.1)  # a wrong code asks for a second's pause
    page.get_by_label("Code").fill(f"{TOTP(base64.b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Zet aan").click()
    assert page.locator("#recovery-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb ze bewaard: verder").click()
    page.wait_for_url(f"{live_server.url}/redactie/")
    assert problems(page) == []


def test_a_later_login_asks_for_the_code(page, live_server, people):
    device = authenticator(people["redactie"])
    password_step(page, live_server, "redacteur")
    page.wait_for_url("**/account/tweestaps/code/**")
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_text("Deze code klopt niet").is_visible()
    assert_accessible(page)
    time.sleep(1.1)
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("Code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{live_server.url}/redactie/")
    assert problems(page) == []
