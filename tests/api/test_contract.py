"""Schemathesis against both documents (ours and the HSDS API), every check on, bounded: few
examples per operation, a fixed seed, no database of examples, a deadline per request."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.django_db

CONFIG = {
    "seed": 20,
    "generation": {
        "mode": "all",  # valid data must be accepted, invalid data refused
        "max-examples": 12,
        "database": "none",
        "deterministic": True,
    },
    "checks": {"enabled": True},
    "phases": {"stateful": {"enabled": False}},
}
BOUNDS = settings(
    deadline=2000,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def load(path, app):
    config = schemathesis.config.SchemathesisConfig.from_dict(CONFIG)
    return schemathesis.openapi.from_wsgi(path, app, config=config)


@pytest.fixture
def wsgi(places, request):
    """The app as a server runs it, on the test's database: as Django's test client does,
    requests must not close the connection (it holds the test's transaction)."""
    request.node._nodeid = request.node.nodeid  # Schemathesis reads pytest < 9's attribute
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def ours(wsgi):
    return load("/api/openapi.json", wsgi)


@pytest.fixture
def theirs(wsgi):
    return load("/api/hsds/openapi.json", wsgi)


@schemathesis.pytest.from_fixture("ours").parametrize()
@BOUNDS
def test_our_api_keeps_its_document(case):
    case.call_and_validate()


@schemathesis.pytest.from_fixture("theirs").parametrize()
@BOUNDS
def test_the_hsds_api_keeps_its_document(case):
    case.call_and_validate()
