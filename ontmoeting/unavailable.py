"""When the database cannot be reached: a friendly 503 page instead of a server error.

A request that loses the database (it restarts, the network drops, a connection is killed)
gets a short Dutch page with Retry-After, never a traceback. Every write runs in a
transaction, so a save cut off halfway is rolled back: nothing is half-written. The next
request reconnects: CONN_HEALTH_CHECKS (settings) tests a reused connection before use.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from ontmoeting import errors

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable_response():
    # Rendered without the request: its context processors (user, roles) would query the
    # database that just failed.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database in a view or template into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        reason = (str(exception).strip().splitlines() or [""])[0]
        logger.warning(
            "Database unavailable (%s): %s %s", request.path, type(exception).__name__, reason
        )
        return unavailable_response()


def server_error(request):
    """handler500: a database lost in a middleware (session, login) is a 503 as well."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable_response()
    return errors.server_error(request)
