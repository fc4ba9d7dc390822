import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from places.models import Wijkteam

pytestmark = pytest.mark.django_db


def login(client, password, **headers):
    return client.post(
        reverse("login"), {"username": "eigenaar", "password": password}, headers=headers
    )


def test_login_and_logout(client, people):
    assert login(client, "een-lang-wachtwoord").status_code == 302
    assert client.get(reverse("places:mine")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("places:mine")).status_code == 302


def test_login_is_throttled_after_five_failures(client, people):
    for _attempt in range(5):
        login(client, "fout")
    response = login(client, "een-lang-wachtwoord")
    assert response.status_code == 429
    assert client.get(reverse("places:mine")).status_code == 302


def test_a_spoofed_forwarded_for_does_not_reset_the_throttle(client, people):
    for attempt in range(5):
        login(client, "fout", x_forwarded_for=f"203.0.113.{attempt}")
    response = login(client, "een-lang-wachtwoord", x_forwarded_for="198.51.100.7")
    assert response.status_code == 429


def test_password_reset_by_email(client, people):
    client.post(reverse("password_reset"), {"email": "eigenaar@example.org"})
    assert len(mail.outbox) == 1
    assert "/account/reset/" in mail.outbox[0].body


def test_sessions_expire_after_idle_time():
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 60 * 60


def test_demo_accounts_cover_every_role(db, real_areas):
    call_command("create_demo_accounts")
    users = {user.username: user for user in get_user_model().objects.all()}
    assert set(users) == {"admin", "redacteur", "beleid", "wijkteam", "initiatiefnemer"}
    assert users["admin"].is_superuser
    assert users["redacteur"].groups.filter(name="redactie").exists()
    assert Wijkteam.objects.get().members.get() == users["wijkteam"]
