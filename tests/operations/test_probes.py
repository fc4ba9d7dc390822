"""The probes (issue 18, item 2): /_healthz/livez answers while the process lives; readyz says
whether the database (with its spatial functions), the migrations and the shared cache are
ready, names the failed check with a 503, and gives away nothing else."""

import json
import shutil
import socket
import subprocess
import time

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, override_settings

from tests.helpers.accounts import log_in
from tests.operations.test_database_lost import database_unreachable
from tests.operations.test_deploy import HOST, production  # noqa: F401 (a fixture)

LIVEZ, READYZ = "/_healthz/livez", "/_healthz/readyz"
# What a probe's answer may never show: versions, hosts, ports, error texts.
LEAKS = ("PostGIS", "POSTGIS", "SpatiaLite", "version", "127.0.0.1", "5432", "Error", "refused")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_at(port):
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache"}
    location = {"LOCATION": f"redis://127.0.0.1:{port}/0"}
    return {"default": backend | location, "limits": backend | location}


def read(response):
    body = response.content.decode()
    for leak in LEAKS:
        assert leak not in body
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"
    return json.loads(body)


@pytest.fixture
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_livez_answers_without_touching_the_database(client):
    response = client.get(LIVEZ)  # without the db mark a query would fail the test
    assert response.status_code == 200
    assert read(response) == {"status": "ok"}


def test_livez_answers_a_kubelet_whose_host_is_not_an_allowed_host():
    """Kubernetes probes with the pod's address as Host; that is no reason to be 'dead'."""
    response = Client(HTTP_HOST="10.42.0.17:8000").get(LIVEZ)
    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_on_a_migrated_database_is_ready(client):
    response = client.get(READYZ)
    assert response.status_code == 200
    checks = {"database": "ok", "migrations": "ok", "cache": "ok"}
    assert read(response) == {"status": "ok", "checks": checks}
    assert not response.cookies  # no session, no CSRF or language cookie


@pytest.mark.django_db
def test_a_migration_not_applied_makes_readyz_fail_on_migrations(client):
    recorder = MigrationRecorder(connection)
    newest = recorder.migration_qs.filter(app="places").order_by("-applied", "-id").first()
    newest.delete()  # as after deploying code whose migration nobody ran yet
    response = client.get(READYZ)
    assert response.status_code == 503
    body = read(response)
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": "ok", "migrations": "failed", "cache": "ok"}
    assert newest.name not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_database_fails_readyz_but_not_livez(client):
    with database_unreachable():
        ready = client.get(READYZ)
        alive = client.get(LIVEZ)
    assert ready.status_code == 503
    # Without CACHE_URL the rate limits' cache is a table in that database: it fails as well.
    expected = {"database": "failed", "migrations": "skipped", "cache": "failed"}
    assert read(ready)["checks"] == expected
    assert "nonexistent" not in ready.content.decode()
    assert alive.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_logged_in_probe_never_touches_the_session(client, people):
    """/healthz goes through the session middleware (which then needs the database); the
    probes do not: a browser's cookie sent along changes nothing."""
    log_in(client, people["owner"])
    with database_unreachable():
        response = client.get(LIVEZ)
    assert response.status_code == 200 and not response.cookies


@pytest.mark.django_db
def test_a_cache_on_a_closed_port_fails_readyz_on_cache(client):
    with override_settings(CACHES=redis_at(free_port())):
        response = client.get(READYZ)
    assert response.status_code == 503
    assert read(response)["checks"] == {"database": "ok", "migrations": "ok", "cache": "failed"}


@pytest.mark.django_db
def test_a_running_redis_is_ready(client, redis_server):
    with override_settings(CACHES=redis_at(redis_server)):
        response = client.get(READYZ)
    assert response.status_code == 200
    assert read(response)["checks"]["cache"] == "ok"


@pytest.mark.django_db
def test_the_probes_are_not_redirected_to_https(production):  # noqa: F811
    plain_http = Client(HTTP_HOST=HOST)
    assert plain_http.get("/over/").status_code == 301
    for path in (LIVEZ, READYZ, "/healthz"):
        assert plain_http.get(path).status_code == 200, path


@pytest.mark.django_db
def test_a_post_is_no_probe(client):
    assert client.post(LIVEZ).status_code == 404
