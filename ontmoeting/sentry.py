"""Error reports to Sentry when SENTRY_DSN is set, without personal data.

Addresses are personal data here: a wijkteam member types a client's address into the nearby
search, and it travels in the query string (`?adres=…`), in the form body and in the calls to
PDOK. So besides send_default_pii=False (no user, no cookies, no client address) every event
loses, in `scrub`: the user, the request's body, cookies, query string and the headers that
identify someone, the query strings of the URLs in its breadcrumbs (the calls to PDOK), and
local variables in stack frames are never collected at all.
"""

from urllib.parse import urlsplit, urlunsplit

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

import ontmoeting

KEEP_HEADERS = {"accept", "accept-language", "content-type", "host", "user-agent"}


def without_query(url):
    if not isinstance(url, str):
        return url
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def scrub_request(request):
    for key in ("data", "cookies", "query_string", "env"):
        request.pop(key, None)
    if "url" in request:
        request["url"] = without_query(request["url"])
    headers = request.get("headers")
    if isinstance(headers, dict):
        request["headers"] = {k: v for k, v in headers.items() if k.lower() in KEEP_HEADERS}


def scrub_breadcrumb(crumb):
    data = crumb.get("data")
    if isinstance(data, dict):
        for key in ("http.query", "http.fragment"):
            data.pop(key, None)
        if "url" in data:
            data["url"] = without_query(data["url"])
    return crumb


def scrub(event, hint=None):
    """before_send: the event without personal data (see the module note)."""
    event.pop("user", None)
    if isinstance(event.get("request"), dict):
        scrub_request(event["request"])
    crumbs = event.get("breadcrumbs")
    values = crumbs.get("values") if isinstance(crumbs, dict) else crumbs
    for crumb in values or []:
        scrub_breadcrumb(crumb)
    return event


def init_sentry(dsn, environment):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=f"ontmoeting@{ontmoeting.__version__}",
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub,
        before_breadcrumb=lambda crumb, hint: scrub_breadcrumb(crumb),
        traces_sample_rate=0,
    )
