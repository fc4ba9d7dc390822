"""Points and shapes for tests, and an independent distance to check the database with."""

import math

from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Point, Polygon


def web_point(lng, lat):
    return Point(lng, lat, srid=settings.WEB_SRID)


def haversine(lng1, lat1, lng2, lat2):
    """Great-circle distance in metres: an independent check of the database's answer."""
    radius = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


# A small city in RD New metres, for the policy figures.
RD = 28992
X0, Y0 = 120_000, 487_000  # Amsterdam, in RD New


def square(x, y, size=1000):
    return MultiPolygon(Polygon.from_bbox((X0 + x, Y0 + y, X0 + x + size, Y0 + y + size)), srid=RD)


def at(x, y):
    return Point(X0 + x, Y0 + y, srid=RD)
