"""Production settings: `check --deploy` passes, and cookies are Secure, HttpOnly and __Host-.

The production environment is the documented one (README, "Production"): a long random
SECRET_KEY, DEBUG off, ALLOWED_HOSTS, HTTPS=1 behind a proxy (BEHIND_PROXY=1).
"""

import datetime
import json
import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from tests.helpers.paths import ROOT

HOST = "ontmoeting.example.nl"
COOKIE_SETTINGS = [
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "LANGUAGE_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
]


def production_env(tmp_path, **changes):
    """The environment of a production server; the database is the one the tests use."""
    # Nothing of the test run's own environment (DJANGO_ALLOW_ASYNC_UNSAFE, say) leaks in.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="ontmoeting.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        HTTPS="1",
        BEHIND_PROXY="1",
        # security.txt's contact, and an expiry half a year from the day the suite runs.
        SECURITY_TXT_CONTACT="mailto:security@example.nl",
        SECURITY_TXT_EXPIRES=(datetime.date.today() + datetime.timedelta(days=180)).isoformat(),
        DATABASE_URL=os.environ.get("DATABASE_URL")
        or f"spatialite:///{tmp_path / 'ontmoeting.sqlite3'}",
    )
    env.update(changes)
    return {key: value for key, value in env.items() if value is not None}


def deploy_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def settings_of(env):
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_deploy_check_passes_with_production_settings(tmp_path):
    result = deploy_check(production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_without_the_https_switch(tmp_path):
    result = deploy_check(production_env(tmp_path, HTTPS=None))
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


def test_deploy_check_fails_with_debug_on(tmp_path):
    result = deploy_check(production_env(tmp_path, DEBUG="1"))
    assert result.returncode != 0 and "security.W018" in result.stderr


def test_hsts_shorter_than_a_year_fails_the_deploy_check(tmp_path):
    result = deploy_check(production_env(tmp_path, SECURE_HSTS_SECONDS="3600"))
    assert result.returncode != 0 and "ontmoeting.W001" in result.stderr


def test_production_sends_hsts_for_a_year_with_subdomains(tmp_path):
    values = settings_of(production_env(tmp_path))
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False  # an opt-in: SECURE_HSTS_PRELOAD=1
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_development_keeps_plain_cookie_names_over_http(tmp_path):
    values = settings_of(production_env(tmp_path, HTTPS=None, DEBUG="1"))
    assert values["SESSION_COOKIE_NAME"] == "sessionid"
    assert values["CSRF_COOKIE_NAME"] == "csrftoken"
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


@pytest.fixture
def production(tmp_path):
    """The cookie and HTTPS settings of production, in this process."""
    values = settings_of(production_env(tmp_path))
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    with override_settings(**values, ALLOWED_HOSTS=[HOST]):
        yield values


def https_client():
    """A browser behind the TLS-terminating proxy, which says so in X-Forwarded-Proto."""
    return Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")


def assert_host_cookie(cookie):
    assert cookie.key.startswith("__Host-")
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["domain"] == ""


@pytest.mark.django_db
def test_login_sets_secure_httponly_samesite_host_cookies(production, django_user_model):
    django_user_model.objects.create_user("olga", "olga@example.org", "een-lang-wachtwoord")
    client = https_client()
    page = client.get("/account/login/")
    assert page.status_code == 200
    assert_host_cookie(page.cookies["__Host-csrftoken"])
    response = client.post(
        "/account/login/", {"username": "olga", "password": "een-lang-wachtwoord"}
    )
    assert response.status_code == 302
    assert {"__Host-sessionid", "__Host-csrftoken"} <= set(response.cookies)
    for cookie in response.cookies.values():
        assert_host_cookie(cookie)
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


@pytest.mark.django_db
def test_language_cookie_is_a_host_cookie_too(production):
    response = https_client().post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert_host_cookie(response.cookies["__Host-django_language"])


@pytest.mark.django_db
def test_https_responses_carry_hsts(production):
    response = https_client().get("/over/")
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production):
    response = Client(HTTP_HOST=HOST).get("/over/")
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/over/"


def test_health_check_answers_over_plain_http(production):
    assert Client(HTTP_HOST=HOST).get("/healthz").status_code == 200
