"""One id per request, on every log line of it and in the response's X-Request-ID header.

A request id given by the proxy in front (X-Request-ID) is kept when it looks like an id, so
that its access log and ours can be joined; anything else (too long, spaces, quotes, control
characters) is replaced by a new one, as a header is the client's text. The id lives in a
context variable, so threads and async code each see their own request's.
"""

import contextvars
import re
import uuid

HEADER = "X-Request-ID"
SANE = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

current = contextvars.ContextVar("request_id", default=None)


def from_header(value):
    return value if value and SANE.match(value) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = from_header(request.headers.get(HEADER))
        token = current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = request_id
        return response
