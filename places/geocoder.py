"""Addresses and postcodes to coordinates, with PDOK's Locatieserver.

The free endpoint of the Locatieserver (the Dutch government's geocoder) is called for
real, once, with a short timeout; answers are cached. When it cannot be reached, a postcode
still resolves to the middle of the places known for it; a postcode PDOK does not know is said
to be unknown. Its suggest endpoint offers addresses as a person types (`suggest`).
"""

import hashlib
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.db.models import Collect
from django.contrib.gis.geos import GEOSGeometry, Point
from django.core.cache import cache
from django.utils.translation import gettext as _

from places.geo import to_web

logger = logging.getLogger(__name__)

POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")
CACHE_SECONDS = 24 * 60 * 60
SUGGESTIONS = 6
TYPES = "type:(adres OR postcode OR weg OR woonplaats)"
SUGGEST_TIMEOUT = 1.5  # seconds: a suggestion that comes later is of no use to the typist


class GeocodeError(Exception):
    """A message for the user, in their language."""


class NotFound(GeocodeError):
    """PDOK answered and knows no such address or postcode: no guess from local places."""


@dataclass(frozen=True)
class Location:
    label: str
    point: Point  # WGS84
    source: str  # "pdok" or "postcode"


def search_filters(gemeente=""):
    """PDOK's filters: the kinds of answer and, when given, the gemeente ("0599")."""
    return [TYPES, f"gemeentecode:{gemeente}"] if gemeente else [TYPES]


def geocode(query, gemeente=""):
    """The best Location for an address or postcode; GeocodeError with a message if none.
    With a gemeente (the digits of its CBS code), only answers in that gemeente."""
    query = " ".join((query or "").split())[:200]
    if not query:
        raise GeocodeError(_("Type an address or postcode."))
    filters = search_filters(gemeente)
    key = "geocode:" + hashlib.sha256(f"{query.lower()}|{filters}".encode()).hexdigest()
    cached = cache.get(key)
    if cached:
        return cached
    try:
        location = pdok_lookup(query, filters)
    except NotFound:
        raise
    except GeocodeError as error:
        location = postcode_fallback(query)
        if location is None:
            raise error
    cache.set(key, location, CACHE_SECONDS)
    return location


def full_postcode(query):
    """'1094 pw' as '1094PW'; None when the query is not a whole postcode."""
    match = POSTCODE.match(query)
    return match[1] + match[2].upper() if match and match[2] else None


def pdok_get(endpoint, params, timeout):
    """The JSON answer of one Locatieserver endpoint ("free" or "suggest")."""
    base = settings.PDOK_LOCATIESERVER_URL.rsplit("/", 1)[0]
    url = f"{base}/{endpoint}?{urllib.parse.urlencode(params, doseq=True)}"
    # The URL comes from settings (http(s) only, checked in places.checks), never from users.
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    started, status = time.monotonic(), None
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status = response.status
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        status = error.code
        raise
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        status = outcome(error)
        raise
    finally:
        log_call(endpoint, status, started)


def outcome(error):
    """What a call that got no HTTP answer ended in, for the log: timeout or unreachable."""
    reason = getattr(error, "reason", error)
    return "timeout" if isinstance(reason, TimeoutError) else "unreachable"


def log_call(endpoint, status, started):
    """One line per call to PDOK: the endpoint, the status and the time it took. Never the
    URL or the query: it holds the address searched, a client's perhaps (personal data)."""
    duration_ms = round((time.monotonic() - started) * 1000)
    level = logging.INFO if status == 200 else logging.WARNING
    logger.log(
        level,
        "PDOK %s: %s in %d ms",
        endpoint,
        status,
        duration_ms,
        extra={
            "service": "pdok",
            "endpoint": endpoint,
            "status": status,
            "duration_ms": duration_ms,
        },
    )


def pdok_lookup(query, filters=(TYPES,)):
    params = {
        "q": query,
        "fq": list(filters),
        "fl": "id,type,weergavenaam,postcode,centroide_ll,score",
        "rows": "1",
    }
    try:
        data = pdok_get("free", params, settings.GEOCODER_TIMEOUT)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        logger.warning("PDOK Locatieserver unreachable: %s", error)
        raise GeocodeError(unreachable_message(query)) from error
    return first_location(data, query)


def unreachable_message(query):
    if postcode := full_postcode(query):
        # Not known here, and the service that knows every postcode cannot be asked.
        return _(
            "Postcode %(postcode)s is not known in this register, and the address service "
            "(PDOK) cannot be reached right now to look it up. Click on the map where the "
            "address is."
        ) % {"postcode": postcode}
    return _(
        "The address service (PDOK) cannot be reached right now. Type a postcode, "
        "or click on the map where the address is."
    )


def suggest(query, gemeente=""):
    """Up to SUGGESTIONS addresses, streets and places that start like the query, from PDOK's
    suggest endpoint; an empty list when it cannot be reached (the plain search still works)."""
    query = " ".join((query or "").split())[:100]
    if len(query) < 3:
        return []
    filters = search_filters(gemeente)
    key = "suggest:" + hashlib.sha256(f"{query.lower()}|{filters}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    params = {
        "q": query,
        "fq": filters,
        "fl": "id,type,weergavenaam",
        "rows": str(SUGGESTIONS),
    }
    try:
        data = pdok_get("suggest", params, min(SUGGEST_TIMEOUT, settings.GEOCODER_TIMEOUT))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        logger.warning("PDOK suggest unreachable: %s", error)
        return []
    names = list(dict.fromkeys(doc.get("weergavenaam") for doc in docs_of(data)))
    names = [name for name in names if isinstance(name, str) and name][:SUGGESTIONS]
    cache.set(key, names, CACHE_SECONDS)
    return names


def docs_of(data):
    return (data.get("response") or {}).get("docs") or [] if isinstance(data, dict) else []


def first_location(data, query):
    postcode = full_postcode(query)
    for doc in docs_of(data):
        # PDOK searches loosely: for a postcode, only that very postcode is an answer.
        if postcode and postcode not in f"{doc.get('postcode')} {doc.get('weergavenaam')}".replace(
            " ", ""
        ):
            continue
        try:
            point = GEOSGeometry(doc["centroide_ll"], srid=settings.WEB_SRID)
        except (KeyError, ValueError, TypeError):
            continue
        return Location(label=doc.get("weergavenaam") or query, point=point, source="pdok")
    if postcode:
        raise NotFound(
            _("Postcode %(postcode)s is not known. Check the postcode, or click on the map.")
            % {"postcode": postcode}
        )
    raise NotFound(
        _("No address was found for “%(query)s”. Check the spelling, or click on the map.")
        % {"query": query}
    )


def postcode_fallback(query):
    """The middle of the places with this postcode (or, failing that, its four digits)."""
    from places.models import Place

    match = POSTCODE.match(query)
    if not match:
        return None
    digits, letters = match[1], (match[2] or "").upper()
    for prefix in filter(None, (digits + letters if letters else None, digits)):
        points = Place.objects.filter(postcode__startswith=prefix).aggregate(c=Collect("location"))
        if points["c"]:
            label = _("postcode area %(postcode)s (approximate)") % {"postcode": prefix}
            return Location(label=label, point=to_web(points["c"].centroid), source="postcode")
    return None
