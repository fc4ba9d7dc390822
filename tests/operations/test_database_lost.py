"""Database lost mid-request: a Dutch 503 page, nothing half-written, and the next request
reconnects (issue 8, item 10)."""

import socket
from contextlib import contextmanager

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.db.models.signals import post_save
from django.test import RequestFactory
from django.urls import reverse

from places.models import Activity, Place
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data

postgis_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostGIS: pg_terminate_backend"
)
DUTCH_TEXT = "Tijdelijk niet beschikbaar"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def database_unreachable():
    """The app's connection settings pointed at a database that is not there."""
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    if connection.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        settings_dict["NAME"] = "/nonexistent-folder/ontmoeting.sqlite3"
    connection.close()
    try:
        yield
    finally:
        settings_dict.update(saved)
        connection.close()


def assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert DUTCH_TEXT in body and 'lang="nl"' in body
    for leak in ("Traceback", "Error", "psycopg", "sqlite", "5432", "nonexistent"):
        assert leak not in body


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_database_gets_the_dutch_503_page(client):
    with database_unreachable():
        assert_friendly_503(client.get(reverse("places:list")))
        assert_friendly_503(client.get(reverse("places:map-data")))
        assert_friendly_503(client.get(reverse("places:nearby"), {"lat": 52.37, "lng": 4.9}))


@pytest.mark.django_db(transaction=True)
def test_a_logged_in_page_and_a_save_get_it_too(client, places, people):
    """With a session the 503 may come from the session middleware, after the view, through
    handler500: the test client must hand back the response instead of raising."""
    log_in(client, people["owner"])  # the session is stored while the database is up
    client.raise_request_exception = False
    kamer = places["kamer"]
    data = form_data(kamer, name="Nieuwe naam")
    with database_unreachable():
        assert_friendly_503(client.get(reverse("places:mine")))
        assert_friendly_503(client.post(reverse("places:edit", args=[kamer.slug]), data))
    assert Place.objects.get(pk=kamer.pk).name == "Buurtkamer Het Anker"


@pytest.mark.django_db(transaction=True)
def test_the_database_lost_in_a_middleware_is_a_503_too(client, places, people):
    """/healthz reads nothing, but the session is saved after it (SESSION_SAVE_EVERY_REQUEST):
    the error comes from the session middleware and handler500 turns it into the 503 page."""
    log_in(client, people["owner"])
    client.raise_request_exception = False
    with database_unreachable():
        assert_friendly_503(client.get("/healthz"))


def test_other_server_errors_stay_500(rf):
    from ontmoeting.unavailable import server_error

    try:
        raise ValueError("not the database")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


# --- A killed connection (PostGIS) -------------------------------------------------------


def other_connection():
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


def terminate_other_backends():
    """What an operator or a failover does to the app's connections."""
    with other_connection() as killer:
        return killer.execute(
            "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def wsgi_get(path):
    """One request through Django's WSGI handler as gunicorn makes it: request_started and
    request_finished fire, so a kept connection is checked as in production (the test client
    leaves that out)."""
    environ = RequestFactory().get(path).environ
    statuses = []
    result = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    body = b"".join(result)
    result.close()
    return int(statuses[0].split()[0]), body


@postgis_only
@pytest.mark.django_db(transaction=True)
def test_after_pg_terminate_backend_the_next_request_succeeds(places):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert wsgi_get(reverse("places:map-data"))[0] == 200
    kept = backend_pid()  # CONN_MAX_AGE keeps this connection for the next request
    assert terminate_other_backends() >= 1
    status, body = wsgi_get(reverse("places:map-data"))
    assert status == 200 and b"Buurtkamer Het Anker" in body
    assert backend_pid() != kept


@postgis_only
@pytest.mark.django_db(transaction=True)
def test_without_health_checks_that_request_would_have_failed(places):
    """The control: the same kill with CONN_HEALTH_CHECKS off costs one request (503)."""
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    connection.close()
    try:
        assert wsgi_get(reverse("places:map-data"))[0] == 200
        terminate_other_backends()
        status, body = wsgi_get(reverse("places:map-data"))
        assert status == 503 and DUTCH_TEXT.encode() in body
        assert wsgi_get(reverse("places:map-data"))[0] == 200  # the dead connection was dropped
    finally:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
        connection.close()


@postgis_only
@pytest.mark.django_db(transaction=True)
def test_a_connection_killed_during_a_save_writes_nothing(client, places, people):
    """The connection dies after the place row was updated, before its history and the new
    activity were written: the whole save is rolled back."""
    kamer = places["kamer"]
    history_before = kamer.history.count()
    log_in(client, people["owner"])
    data = form_data(kamer, name="Half geschreven", phone="020 999 9999")
    data.update(
        {
            "activities-TOTAL_FORMS": "1",
            "activities-0-name": "Koffieochtend",
            "activities-0-mode": "on_site",
        }
    )
    pid = backend_pid()
    killed = []

    def kill_own_connection(sender, instance, **kwargs):
        if instance.pk == kamer.pk and not killed:
            with other_connection() as killer:
                killed.append(
                    killer.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0]
                )

    post_save.connect(kill_own_connection, sender=Place)
    try:
        response = client.post(reverse("places:edit", args=[kamer.slug]), data)
    finally:
        post_save.disconnect(kill_own_connection, sender=Place)
    assert killed == [True]
    assert_friendly_503(response)
    saved = Place.objects.get(pk=kamer.pk)
    assert (saved.name, saved.phone, saved.version) == (kamer.name, kamer.phone, kamer.version)
    assert saved.history.count() == history_before
    assert not Activity.objects.filter(name="Koffieochtend").exists()
    # And the same save, now with the database there, goes through.
    assert client.post(reverse("places:edit", args=[kamer.slug]), data).status_code == 302
    assert Place.objects.get(pk=kamer.pk).name == "Half geschreven"
