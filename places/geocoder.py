"""Addresses and postcodes to coordinates, with PDOK's Locatieserver.

The free endpoint of the Locatieserver (the Dutch government's geocoder) is called for
real, once, with a short timeout; answers are cached. When it cannot be reached or finds
nothing, a postcode still resolves to the middle of the places known for it.
"""

import hashlib
import json
import logging
import re
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


class GeocodeError(Exception):
    """A message for the user, in their language."""


@dataclass(frozen=True)
class Location:
    label: str
    point: Point  # WGS84
    source: str  # "pdok" or "postcode"


def geocode(query):
    """The best Location for an address or postcode; GeocodeError with a message if none."""
    query = " ".join((query or "").split())[:200]
    if not query:
        raise GeocodeError(_("Type an address or postcode."))
    key = "geocode:" + hashlib.sha256(query.lower().encode()).hexdigest()
    cached = cache.get(key)
    if cached:
        return cached
    try:
        location = pdok_lookup(query)
    except GeocodeError as error:
        location = postcode_fallback(query)
        if location is None:
            raise error
    cache.set(key, location, CACHE_SECONDS)
    return location


def pdok_lookup(query):
    params = {
        "q": query,
        "fq": "type:(adres OR postcode OR weg OR woonplaats)",
        "fl": "id,type,weergavenaam,centroide_ll,score",
        "rows": "1",
    }
    url = f"{settings.PDOK_LOCATIESERVER_URL}?{urllib.parse.urlencode(params)}"
    # The URL comes from settings (http(s) only, checked in places.checks), never from users.
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.GEOCODER_TIMEOUT) as response:  # noqa: S310
            data = json.loads(response.read())
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        logger.warning("PDOK Locatieserver unreachable: %s", error)
        raise GeocodeError(
            _(
                "The address service (PDOK) cannot be reached right now. Type a postcode, "
                "or click on the map where the address is."
            )
        ) from error
    return first_location(data, query)


def first_location(data, query):
    docs = (data.get("response") or {}).get("docs") or [] if isinstance(data, dict) else []
    for doc in docs:
        try:
            point = GEOSGeometry(doc["centroide_ll"], srid=settings.WEB_SRID)
        except (KeyError, ValueError, TypeError):
            continue
        return Location(label=doc.get("weergavenaam") or query, point=point, source="pdok")
    raise GeocodeError(
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
