"""Where a row of a table lies: its coordinates, or its address through PDOK's Locatieserver.

Addresses are looked up only as BAG addresses (type adres) in the mapping's gemeente, at most
PER_SECOND a second (PDOK's fair use), and every answer (found or not found) is kept in a JSON
file: an import that is interrupted, or run again after the rows were fixed, asks PDOK only
for what it has not asked before. An unreachable PDOK is not an answer and is not kept.
"""

import json
import os
import time
import urllib.error
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import GEOSException, GEOSGeometry, Point
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from places import geocoder
from places.geo import netherlands_validator, to_web, web_point
from places.importers.mapping import number_of, text_of
from places.importers.tables import GEOMETRY

RD = 28992
PER_SECOND = 5


class Locator:
    def __init__(self, mapping, cache_path=None):
        self.mapping = mapping
        self.path = Path(cache_path or Path(settings.VAR_DIR) / "import-geocode-cache.json")
        self.answers = self.load()
        self.asked = 0
        self.last_call = 0.0

    def load(self):
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def save(self):
        if not self.asked:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.answers, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.path)

    def locate(self, row, fields):
        """(WGS84 point, how) for a row; ValidationError with the reason when it has none."""
        point = self.coordinates(row)
        how = "coordinates"
        if point is None and self.mapping.location.get("address"):
            point, how = self.address(fields), "address"
        if point is None:
            raise ValidationError(_("no coordinates"))
        netherlands_validator(point)
        return point, how

    def coordinates(self, row):
        location = self.mapping.location
        if location.get("lat") and location.get("lon"):
            lat, lon = number_of(row.get(location["lat"])), number_of(row.get(location["lon"]))
            if lat is not None and lon is not None:
                return web_point(lon, lat)
        if location.get("x") and location.get("y"):
            x, y = number_of(row.get(location["x"])), number_of(row.get(location["y"]))
            if x is not None and y is not None:
                return to_web(Point(x, y, srid=RD))
        if location.get("wkt") and text_of(row.get(location["wkt"])):
            return wkt_point(text_of(row.get(location["wkt"])))
        if location.get("geometry"):
            return row.get(GEOMETRY)
        return None

    def address(self, fields):
        if not fields.get("street"):
            raise ValidationError(_("no coordinates and no street"))
        if not fields.get("house_number"):
            raise ValidationError(
                _("no house number: the address cannot be placed; add it, or coordinates")
            )
        query = f"{fields['street']} {fields['house_number']}, {fields.get('postcode', '')} "
        query = " ".join(f"{query}{fields.get('city', '')}".split())
        key = f"{self.mapping.gemeente}|{query.lower()}"
        if key not in self.answers:
            self.answers[key] = self.ask(query)
        answer = self.answers[key]
        if answer is None:
            raise ValidationError(
                _("PDOK does not know the address “%(query)s”") % {"query": query}
            )
        return web_point(*answer)

    def ask(self, query):
        wait = self.last_call + 1 / PER_SECOND - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.last_call = time.monotonic()
        filters = ["type:adres"]
        if self.mapping.gemeente:
            filters.append(f"gemeentecode:{self.mapping.gemeente}")
        params = {"q": query, "fq": filters, "fl": "id,type,weergavenaam,centroide_ll", "rows": "1"}
        try:
            data = geocoder.pdok_get("free", params, settings.GEOCODER_TIMEOUT)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            raise ValidationError(
                _("PDOK cannot be reached (%(error)s): import again later") % {"error": error}
            ) from error
        self.asked += 1
        try:
            point = geocoder.first_location(data, query).point
        except geocoder.GeocodeError:
            return None
        return [point.x, point.y]


def wkt_point(text):
    try:
        geometry = GEOSGeometry(text)
    except (GEOSException, ValueError) as error:
        raise ValidationError(_("the WKT cannot be read")) from error
    if geometry.srid is None:  # metres are RD New, degrees WGS84
        geometry.srid = RD if abs(geometry.centroid.x) > 1000 else settings.WEB_SRID
    point = geometry if geometry.geom_type == "Point" else geometry.point_on_surface
    return to_web(point)
