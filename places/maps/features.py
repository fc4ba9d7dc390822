"""GeoJSON written once: features and collections for every map and export.

Geometries go to the browser in WGS84 (EPSG:4326) with six decimals (about 10 cm). The map's
own point layer is written by the database instead (places/maps/points.py), for speed.
"""

import json

from django.contrib.gis.geos import LinearRing, MultiPolygon, Polygon

from places.geo import to_web


def point(geometry):
    """A stored point as a GeoJSON Point in WGS84."""
    web = to_web(geometry)
    return lnglat_point(web.x, web.y)


def lnglat_point(lng, lat):
    return {"type": "Point", "coordinates": [round(lng, 6), round(lat, 6)]}


def shape(geometry):
    """Any stored geometry as GeoJSON in WGS84, polygons counter-clockwise (RFC 7946 §3.1.6)."""
    return json.loads(counterclockwise(to_web(geometry)).json)


def counterclockwise(geometry):
    """Outer rings counter-clockwise, holes clockwise. Done here rather than in the database
    (PostGIS' ST_ForcePolygonCCW) because boundaries are simplified by GEOS after the query."""
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([counterclockwise(part) for part in geometry], srid=geometry.srid)
    if not isinstance(geometry, Polygon):
        return geometry
    rings = [
        ring if ring.is_counterclockwise == (number == 0) else LinearRing(ring.coords[::-1])
        for number, ring in enumerate(geometry)
    ]
    return Polygon(*rings, srid=geometry.srid)


def feature(geometry, properties, id=None):
    """One Feature; `geometry` is GeoJSON already (see point and shape)."""
    body = {"type": "Feature", "geometry": geometry, "properties": properties}
    if id is not None:
        body["id"] = id
    return body


def collection(features, **members):
    """A FeatureCollection, with extra top-level members (count, links…) before the list."""
    return {"type": "FeatureCollection", **members, "features": list(features)}
