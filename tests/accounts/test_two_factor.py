"""Two-step verification (TOTP) for editors and admins, and the absolute session limit."""

import re
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from places.accounts.twofactor import LOGIN_AT
from tests.helpers.accounts import authenticator, code_for, log_in

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord"


def password_login(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def give_code(client, code, next_url="/redactie/"):
    return client.post(reverse("two-factor-verify"), {"code": code, "next": next_url})


def test_an_editor_without_an_app_must_set_one_up_before_anything_else(client, people):
    password_login(client, "redacteur")
    response = client.get(reverse("places:moderation"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two-factor-setup") + "?next=")
    # Not even the public pages while half logged in: the session is not a full login yet.
    assert client.get(reverse("places:list")).status_code == 302


def test_setting_up_shows_the_key_and_takes_one_code_from_the_app(client, people):
    password_login(client, "redacteur")
    page = client.get(reverse("two-factor-setup"), {"next": "/redactie/"})
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=people["redactie"])
    assert not device.confirmed
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    assert secret.replace(" ", "") in device.config_url

    wrong = client.post(reverse("two-factor-setup"), {"code": "000000", "next": "/redactie/"})
    assert wrong.status_code == 400
    assert "Deze code klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()  # the wrong code asks for a second's pause
    done = client.post(reverse("two-factor-setup"), {"code": code_for(device), "next": "/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=people["redactie"]).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("places:moderation")).status_code == 200


def test_an_editor_with_an_app_gives_a_code_after_the_password(client, people):
    device = authenticator(people["redactie"])
    password_login(client, "redacteur")
    response = client.get(reverse("places:moderation"))
    assert response.url.startswith(reverse("two-factor-verify") + "?next=")
    assert give_code(client, "123456").status_code == 400
    assert client.get(reverse("places:moderation")).status_code == 302
    device.throttle_reset()
    response = give_code(client, code_for(device))
    assert response.status_code == 302 and response.url == "/redactie/"
    assert client.get(reverse("places:moderation")).status_code == 200


def test_a_code_works_once(client, people):
    device = authenticator(people["redactie"])
    code = code_for(device)
    password_login(client, "redacteur")
    assert give_code(client, code).status_code == 302
    client.post(reverse("logout"))
    password_login(client, "redacteur")
    assert give_code(client, code).status_code == 400


def test_wrong_codes_slow_down_further_tries(client, people):
    device = authenticator(people["redactie"])
    password_login(client, "redacteur")
    give_code(client, "000000")
    response = give_code(client, code_for(device))  # right, but too soon after a wrong one
    assert response.status_code == 429
    assert "Te veel onjuiste codes" in response.content.decode()
    assert client.get(reverse("places:moderation")).status_code == 302


def test_a_recovery_code_works_once_instead_of_the_app(client, people):
    authenticator(people["redactie"])
    log_in(client, people["redactie"])
    page = client.post(reverse("two-factor-manage"), {"action": "codes"})
    first, *others = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page.content.decode())
    client.post(reverse("logout"))

    password_login(client, "redacteur")
    response = give_code(client, first.upper())  # typed in capitals: still the code
    assert response.status_code == 302
    assert client.get(reverse("places:moderation")).status_code == 200
    assert len(others) == StaticToken.objects.filter(device__user=people["redactie"]).count()
    client.post(reverse("logout"))
    password_login(client, "redacteur")
    assert give_code(client, first).status_code == 400


def test_unsafe_next_addresses_are_not_followed(client, people):
    device = authenticator(people["redactie"])
    password_login(client, "redacteur")
    response = give_code(client, code_for(device), next_url="https://evil.example/")
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)


def test_admins_give_a_code_before_the_admin(client, admin_user):
    authenticator(admin_user)
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two-factor-verify"))


def test_other_roles_are_not_asked_but_may_turn_it_on_and_off(client, people):
    owner = people["owner"]
    password_login(client, "eigenaar")
    assert client.get(reverse("places:mine")).status_code == 200
    client.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get(user=owner)
    client.post(reverse("two-factor-setup"), {"code": code_for(device)})
    client.post(reverse("logout"))

    password_login(client, "eigenaar")  # now asked, like an editor
    assert client.get(reverse("places:mine")).url.startswith(reverse("two-factor-verify"))
    give_code(client, code_for(device))
    client.post(reverse("two-factor-manage"), {"action": "off"})
    assert not TOTPDevice.objects.filter(user=owner).exists()
    client.post(reverse("logout"))
    password_login(client, "eigenaar")
    assert client.get(reverse("places:mine")).status_code == 200


def test_editors_cannot_turn_it_off(client, people):
    authenticator(people["redactie"])
    log_in(client, people["redactie"])
    client.post(reverse("two-factor-manage"), {"action": "off"})
    assert TOTPDevice.objects.filter(user=people["redactie"], confirmed=True).exists()


def test_a_session_ends_at_its_absolute_limit_however_active(client, people):
    log_in(client, people["owner"])
    assert client.get(reverse("places:mine")).status_code == 200
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.SESSION_MAX_SECONDS - 1
    session.save()
    response = client.get(reverse("places:mine"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("places:mine")).status_code == 302


def test_session_limits_are_set():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60  # idle
    assert settings.SESSION_COOKIE_AGE < settings.SESSION_MAX_SECONDS <= 12 * 60 * 60


def test_setting_up_slows_down_after_a_wrong_code_too(client, people):
    password_login(client, "redacteur")
    client.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get(user=people["redactie"])
    client.post(reverse("two-factor-setup"), {"code": "000000"})
    response = client.post(reverse("two-factor-setup"), {"code": code_for(device)})
    assert response.status_code == 429
    assert "Te veel onjuiste codes" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
