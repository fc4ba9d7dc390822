"""Sentry gets errors only when SENTRY_DSN is set, and never personal data: the scrubber
(ontmoeting/sentry.py) is run on events shaped as sentry-sdk's Django integration sends them."""

import copy
import json
import os
import subprocess
import sys

import pytest

from ontmoeting.sentry import scrub, scrub_breadcrumb
from tests.helpers.paths import ROOT

pytestmark = pytest.mark.db_agnostic

ADDRESS = "Hoofdweg 495A"

EVENT = {
    "level": "error",
    "exception": {"values": [{"type": "ValueError", "value": "kapot"}]},
    "user": {
        "id": "7",
        "username": "wijkteamlid",
        "email": "w@example.org",
        "ip_address": "1.2.3.4",
    },
    "request": {
        "url": "https://ontmoeting.example.nl/in-de-buurt/?adres=Hoofdweg+495A",
        "method": "POST",
        "query_string": "adres=Hoofdweg+495A",
        "data": {"adres": ADDRESS, "password": "geheim-wachtwoord"},
        "cookies": {"__Host-sessionid": "abc123"},
        "env": {"REMOTE_ADDR": "1.2.3.4", "SERVER_NAME": "web"},
        "headers": {
            "Cookie": "__Host-sessionid=abc123",
            "Authorization": "Bearer token123",
            "X-Forwarded-For": "1.2.3.4",
            "Referer": "https://ontmoeting.example.nl/in-de-buurt/?adres=Hoofdweg+495A",
            "User-Agent": "Firefox",
            "Accept-Language": "nl",
        },
    },
    "breadcrumbs": {
        "values": [
            {
                "type": "http",
                "category": "httplib",
                "data": {
                    "url": "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free?q=Hoofdweg+495A",
                    "http.query": "q=Hoofdweg+495A&rows=1",
                    "method": "GET",
                    "status_code": 200,
                },
            }
        ]
    },
}


def scrubbed():
    return scrub(copy.deepcopy(EVENT), {})


def test_no_user_cookie_body_query_or_address_is_left():
    text = json.dumps(scrubbed())
    for secret in (
        "Hoofdweg",
        "wijkteamlid",
        "w@example.org",
        "1.2.3.4",
        "abc123",
        "geheim",
        "token123",
    ):
        assert secret not in text, secret


def test_what_helps_to_fix_the_error_stays():
    event = scrubbed()
    assert event["exception"] == EVENT["exception"]
    assert event["request"]["url"] == "https://ontmoeting.example.nl/in-de-buurt/"
    assert event["request"]["method"] == "POST"
    assert event["request"]["headers"] == {"User-Agent": "Firefox", "Accept-Language": "nl"}
    (crumb,) = event["breadcrumbs"]["values"]
    assert crumb["data"]["url"] == "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
    assert crumb["data"]["status_code"] == 200


def test_a_breadcrumb_is_scrubbed_when_it_is_recorded_too():
    crumb = scrub_breadcrumb(copy.deepcopy(EVENT["breadcrumbs"]["values"][0]))
    assert ADDRESS.split()[0] not in json.dumps(crumb)


def test_an_event_without_request_or_breadcrumbs_passes():
    assert scrub({"message": "hallo"}, {}) == {"message": "hallo"}


CLIENT = (
    "import django; django.setup(); import sentry_sdk; from ontmoeting.sentry import scrub; "
    "client = sentry_sdk.get_client(); o = client.options; "
    "print(client.is_active(), o.get('send_default_pii'), o.get('before_send') is scrub, "
    "o.get('include_local_variables'), o.get('max_request_body_size'), o.get('release'))"
)


def django_process(**env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SENTRY_DSN"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="ontmoeting.settings", SECRET_KEY="x" * 50)
    result = subprocess.run(
        [sys.executable, "-c", CLIENT], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_a_dsn_nothing_is_sent():
    assert django_process()[0] == "False"


def test_with_a_dsn_sentry_starts_without_personal_data():
    # Port 9 on loopback: nothing listens there, and nothing is sent in this test anyway.
    from ontmoeting import __version__

    active, pii, our_scrubber, local_variables, bodies, release = django_process(
        SENTRY_DSN="http://public@127.0.0.1:9/1"
    )
    assert (active, pii, our_scrubber) == ("True", "False", "True")
    assert (local_variables, bodies) == ("False", "never")
    assert release == f"ontmoeting@{__version__}"


# A bug in a view, asked with an address in the query string, a cookie, a token and the
# client's address, through Django's WSGI handler and sentry-sdk's own Django integration;
# the transport keeps the events instead of sending them, so the test reads exactly what
# would have left the server.
REPORT = """
import io, json, django
django.setup()
import sentry_sdk
from sentry_sdk.transport import Transport
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from wsgiref.util import setup_testing_defaults

events = []

class Keep(Transport):
    def capture_envelope(self, envelope):
        events.extend(i.payload.json for i in envelope.items if i.type == "event")

client = sentry_sdk.get_client()
client.transport = Keep(client.options)
environ = {
    "REQUEST_METHOD": "GET", "PATH_INFO": "/api/stuk.json", "HTTP_HOST": "testserver",
    "QUERY_STRING": "adres=Hoofdweg+495A&naam=Olga", "HTTP_COOKIE": "voorkeur=abc123",
    "HTTP_AUTHORIZATION": "Bearer token123", "HTTP_X_FORWARDED_FOR": "203.0.113.9",
    "REMOTE_ADDR": "203.0.113.9", "HTTP_REFERER": "http://testserver/?adres=Hoofdweg+495A",
    "wsgi.input": io.BytesIO(b""),
}
setup_testing_defaults(environ)
with override_settings(ROOT_URLCONF="tests.core.test_error_pages"):
    b"".join(get_wsgi_application()(environ, lambda status, headers: None))
sentry_sdk.flush()
print(json.dumps(events))
"""


def test_a_real_error_reaches_sentry_without_personal_data(tmp_path):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SENTRY_DSN"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="ontmoeting.settings",
        SECRET_KEY="x" * 50,
        SENTRY_DSN="http://public@127.0.0.1:9/1",
        DATABASE_URL=f"spatialite:///{tmp_path / 'unused.sqlite3'}",
        ALLOWED_HOSTS="testserver",
    )
    result = subprocess.run(
        [sys.executable, "-c", REPORT], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    (event,) = json.loads(result.stdout.splitlines()[-1])
    assert event["exception"]["values"][-1]["value"] == "a bug"  # what helps to fix it
    assert event["request"]["url"].endswith("/api/stuk.json")
    text = json.dumps(event)
    for secret in ("Hoofdweg", "Olga", "abc123", "token123", "203.0.113.9"):
        assert secret not in text, secret
