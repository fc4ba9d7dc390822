"""SUBPATH (issue 18, item 3): the app served by gunicorn under /ontmoeting/, as behind a
municipality's proxy that passes that path on. Every link, form, static file and map data URL
of the home page stays under the prefix; gunicorn takes its bind from GUNICORN_BIND."""

import http.client
import json
import os
import secrets
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse

from tests.helpers.paths import ROOT
from tests.operations.test_probes import free_port

PREFIX = "/ontmoeting/"
pytestmark = pytest.mark.django_db(transaction=True)  # the server reads what the test wrote


def database_url():
    """The test database, for the server's process."""
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        return f"spatialite:///{settings['NAME']}"
    login = quote(settings["USER"])
    if settings["PASSWORD"]:
        login += ":" + quote(settings["PASSWORD"])
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgis://{login}@{host}:{port}/{settings['NAME']}"


def server_env(tmp_path, **extra):
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="ontmoeting.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        SUBPATH=PREFIX,
        VAR_DIR=str(tmp_path),
        **extra,
    )
    return env


class Links(HTMLParser):
    """Every URL the page gives the browser: links, forms, scripts, styles and the data-*
    URLs the scripts fetch."""

    def __init__(self):
        super().__init__()
        self.urls, self.stylesheets, self.maps = [], [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            is_url = name in ("href", "src", "action") or name.startswith("data-")
            if is_url and value and value.startswith("/"):
                self.urls.append(value)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        if attrs.get("class", "").startswith("map") and "id" in attrs:
            self.maps[attrs["id"]] = attrs


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Collected as the image does: hashed names and the manifest, as in production."""
    root = tmp_path_factory.mktemp("static")
    env = server_env(root, STATIC_ROOT=str(root))
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True, timeout=300)
    return root


@pytest.fixture
def server(places, static_root, tmp_path):
    port = free_port()
    env = server_env(tmp_path, DATABASE_URL=database_url(), GUNICORN_BIND=f"127.0.0.1:{port}")
    env["STATIC_ROOT"] = str(static_root)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [gunicorn, "ontmoeting.wsgi", "-c", "gunicorn.conf.py", "--no-control-socket"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(300):
            try:
                if get(port, "/_healthz/livez").status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.communicate(timeout=30)


class Answer:
    def __init__(self, response):
        self.status, self.headers = response.status, response.headers
        self.body = response.read()
        self.text = self.body.decode("utf-8", "replace")


def get(port, path):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path)
        return Answer(client.getresponse())
    finally:
        client.close()


def test_the_home_page_links_only_under_the_prefix(server):
    page = get(server, PREFIX)
    assert page.status == 200, page.text
    assert "Huis van de Wijk De Boeg" in page.text
    links = Links()
    links.feed(page.text)
    assert len(links.urls) > 20
    assert [url for url in links.urls if not url.startswith(PREFIX)] == []
    for name in ("places:nearby", "places:about", "login"):
        prefixed = PREFIX.rstrip("/") + reverse(name)
        assert any(url.split("?")[0] == prefixed for url in links.urls), prefixed


def test_a_static_file_from_the_home_page_is_served_under_the_prefix(server):
    links = Links()
    links.feed(get(server, PREFIX).text)
    stylesheet = next(url for url in links.stylesheets if "/css/site." in url)
    assert stylesheet.startswith(PREFIX + "static/css/site.")
    answer = get(server, stylesheet)
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("text/css")
    assert b".site-header" in answer.body


def test_the_map_data_and_the_place_pages_it_links_are_under_the_prefix(server):
    links = Links()
    links.feed(get(server, PREFIX).text)
    the_map = links.maps["places-map"]
    assert the_map["data-url"].startswith(PREFIX + "kaart.geojson")
    data = get(server, the_map["data-url"])
    assert data.status == 200
    assert data.headers["Content-Type"] == "application/geo+json"
    features = json.loads(data.body)["features"]
    by_name = {feature["properties"]["name"]: feature for feature in features}
    assert {"Huis van de Wijk De Boeg", "Buurtkamer Het Anker"} <= set(by_name)
    assert "Nieuwe Huiskamer" not in by_name  # a concept is not public
    # The popup's link: the pattern from data-place-url with the feature's slug (static/js/maps.js).
    slug = by_name["Buurtkamer Het Anker"]["properties"]["slug"]
    place_url = the_map["data-place-url"].replace("/-/", f"/{slug}/")
    assert place_url.startswith(PREFIX + "plek/")
    place = get(server, place_url)
    assert place.status == 200 and "Buurtkamer Het Anker" in place.text


def test_redirects_and_cookies_stay_under_the_prefix(server):
    mine = get(server, PREFIX.rstrip("/") + reverse("places:mine"))
    assert mine.status == 302
    assert mine.headers["Location"].startswith(PREFIX + "account/login/?next=/ontmoeting/")
    login = get(server, mine.headers["Location"])
    assert login.status == 200
    cookie = login.headers["Set-Cookie"]
    assert cookie.startswith("csrftoken=") and "Path=/ontmoeting/" in cookie


def test_the_probes_answer_with_and_without_the_prefix(server):
    """Through the proxy under the prefix; the image's HEALTHCHECK asks without it."""
    ready = get(server, PREFIX + "_healthz/readyz")
    assert ready.status == 200 and json.loads(ready.body)["status"] == "ok"
    assert get(server, "/_healthz/livez").status == 200
