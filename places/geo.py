"""Coordinates in and out: storage SRID inside, WGS84 at the edges."""

from functools import lru_cache

from django.conf import settings
from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import Point, Polygon
from django.core.exceptions import ValidationError
from django.db.models import FloatField, Func
from django.utils.translation import gettext_lazy as _

# Bounding box of the European Netherlands (WGS84), with a small margin.
NETHERLANDS_BBOX = (3.2, 50.7, 7.3, 53.6)


class X(Func):
    """A point's x in SQL (ST_X, on PostGIS and SpatiaLite alike)."""

    function = "ST_X"
    output_field = FloatField()


class Y(Func):
    function = "ST_Y"
    output_field = FloatField()


def netherlands_polygon():
    return Polygon.from_bbox(NETHERLANDS_BBOX)


@lru_cache(maxsize=8)
def _transformation(source, target):
    # Building a transformation costs milliseconds; reuse it for every geometry.
    return CoordTransform(SpatialReference(source), SpatialReference(target))


def transformed(geometry, srid):
    """A copy of a geometry in another SRID (WGS84 assumed when it has none)."""
    geometry = geometry.clone()
    if geometry.srid is None:
        geometry.srid = settings.WEB_SRID
    if geometry.srid != srid:
        geometry.transform(_transformation(geometry.srid, srid))
        geometry.srid = srid
    return geometry


def to_storage(geometry):
    return transformed(geometry, settings.STORAGE_SRID)


def to_web(geometry):
    return transformed(geometry, settings.WEB_SRID)


def web_point(lng, lat):
    return Point(float(lng), float(lat), srid=settings.WEB_SRID)


def netherlands_validator(point):
    """Refuse a location outside the Netherlands: almost always swapped lat/lng."""
    if point is None:
        return
    if not netherlands_polygon().contains(to_web(point)):
        raise ValidationError(
            _("This location lies outside the Netherlands. Check the pin on the map."),
            code="outside_netherlands",
        )
