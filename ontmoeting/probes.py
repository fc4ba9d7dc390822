"""Liveness and readiness probes for orchestrators and load balancers.

/_healthz/livez: the process answers; it touches nothing else.
/_healthz/readyz: the database answers with its spatial functions (PostGIS or SpatiaLite),
every migration is applied, and every shared cache answers. 503 names the check that failed.

They are answered by a middleware right after SecurityMiddleware (whose HTTPS redirect exempts
them: SECURE_REDIRECT_EXEMPT), before the host check, the session, the language, the login and
the two-step step: a kubelet probes with the pod's address as Host, and a probe must never be
redirected, given a cookie or write a session. The answer names checks only: no versions, no
host names, no error text (that goes to the log).
"""

import json
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

logger = logging.getLogger(__name__)

LIVEZ = "/_healthz/livez"
READYZ = "/_healthz/readyz"
OK, FAILED, SKIPPED = "ok", "failed", "skipped"
# Caches kept in the process itself have nothing to be unreachable.
LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
# One query that needs the spatial functions on both databases.
SPATIAL_QUERY = "SELECT ST_AsText(ST_GeomFromText('POINT(1 2)'))"


def probe_response(status, body):
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def livez():
    return probe_response(200, {"status": OK})


def check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(SPATIAL_QUERY)
        if cursor.fetchone()[0].replace(" ", "") != "POINT(12)":
            raise RuntimeError("the spatial functions gave an unexpected answer")


def check_migrations():
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} migrations not applied")


def check_caches():
    for alias, config in settings.CACHES.items():
        if config["BACKEND"] not in LOCAL_CACHES:
            cache = caches[alias]
            cache.set("readyz", "ok", 10)
            if cache.get("readyz") != "ok":
                raise RuntimeError(f"cache {alias} did not keep a value")


def run(name, check):
    try:
        check()
    except Exception:  # any failure means not ready; the reason goes to the log only
        logger.warning("Readiness check %s failed", name, exc_info=True)
        return FAILED
    return OK


def readyz():
    checks = {"database": run("database", check_database)}
    if checks["database"] == OK:
        checks["migrations"] = run("migrations", check_migrations)
    else:
        checks["migrations"] = SKIPPED
    checks["cache"] = run("cache", check_caches)
    ready = all(result == OK for result in checks.values())
    body = {"status": OK if ready else "unavailable", "checks": checks}
    return probe_response(200 if ready else 503, body)


PROBES = {LIVEZ: livez, READYZ: readyz}


class ProbeMiddleware:
    """Answers the two probe paths before the rest of the middleware sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        return probe()
