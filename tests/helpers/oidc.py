"""A real OpenID Connect provider (tests/oidc/provider.js, node's oidc-provider) on loopback,
and a browser that walks a person's redirects between the app and the provider."""

import json
import shutil
import socket
import subprocess
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
import requests

from tests.helpers.paths import ROOT

PROVIDER_DIR = ROOT / "tests" / "oidc"
CLIENT_ID = "ontmoeting"
CLIENT_SECRET = "test-only-client-secret"  # noqa: S105 (the test provider's)
APP = "http://testserver"
AFTER_LOGOUT = f"{APP}/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class IdentityProvider:
    """The node process; the test sets who signs in and how the provider behaves. ``app`` is
    where the app is served (Django's test client, or a live server for a real browser)."""

    def __init__(self, app=APP):
        if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir() or not shutil.which(
            "node"
        ):
            pytest.fail("oidc-provider is not installed: run `make oidc-provider` (in make test)")
        self.port = free_port()
        callback, after_logout = f"{app}/account/oidc/callback/", f"{app}/"
        arguments = [str(self.port), CLIENT_ID, CLIENT_SECRET, callback, after_logout]
        self.process = subprocess.Popen(
            ["node", str(PROVIDER_DIR / "provider.js"), *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline()
        if not line:
            self.process.kill()
            pytest.fail("the OpenID Connect provider (tests/oidc/provider.js) did not start")
        self.issuer = json.loads(line)["issuer"]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def admin(self, what, **data):
        requests.post(f"{self.issuer}/admin/{what}", json=data, timeout=5).raise_for_status()

    def person(self, sub, amr=("pwd", "mfa"), acr=None, **claims):
        """Who signs in next, with these claims and authentication methods (by default a
        password and a second factor)."""
        self.admin("account", sub=sub, claims=claims, amr=list(amr), acr=acr)

    def logins(self):
        """How often the provider had the person log in (it does not while its session lasts)."""
        return requests.get(f"{self.issuer}/admin/logins", timeout=5).json()["logins"]

    def misbehave(self, mode):
        self.admin("mode", mode=mode)


def is_app(url):
    return urlparse(url).netloc in ("", "testserver")


class Browser:
    """One person's browser: the app through Django's test client, the provider over HTTP,
    following the redirects between them as a browser does."""

    def __init__(self, client):
        self.client = client
        self.http = requests.Session()
        self.url = APP + "/"

    def open(self, url, data=None):
        """GET (or POST data to) a URL and follow the redirects; the last response. A path
        is the app's (typed into the address bar); a full URL may be the provider's."""
        self.url = urljoin(APP if url.startswith("/") else self.url, url)
        response = self.request(self.url, data)
        for _hop in range(15):
            if response.status_code not in (301, 302, 303, 307):
                return response
            self.url = urljoin(self.url, response.headers["Location"])
            response = self.request(self.url, None)
        raise AssertionError(f"too many redirects, at {self.url}")

    def request(self, url, data):
        if is_app(url):
            return self.client.post(url, data) if data is not None else self.client.get(url)
        if data is not None:
            return self.http.post(url, data=data, allow_redirects=False, timeout=10)
        return self.http.get(url, allow_redirects=False, timeout=10)


class Forms(HTMLParser):
    """The forms of a page: {id or action: {"action": …, "fields": {name: value}}}."""

    def __init__(self, html):
        super().__init__()
        self.forms, self.current = {}, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"action": attrs.get("action", ""), "fields": {}}
            self.forms[attrs.get("id") or attrs.get("action", "")] = self.current
        elif tag == "input" and self.current is not None and attrs.get("name"):
            self.current["fields"][attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
