"""GeoJSON written once: features and collections for every map and export.

Geometries go to the browser in WGS84 (EPSG:4326) with six decimals (about 10 cm). The map's
own point layer is written by the database instead (places/maps/points.py), for speed.
"""

import json

from places.geo import to_web


def point(geometry):
    """A stored point as a GeoJSON Point in WGS84."""
    web = to_web(geometry)
    return lnglat_point(web.x, web.y)


def lnglat_point(lng, lat):
    return {"type": "Point", "coordinates": [round(lng, 6), round(lat, 6)]}


def shape(geometry):
    """Any stored geometry as GeoJSON in WGS84."""
    return json.loads(to_web(geometry).json)


def feature(geometry, properties, id=None):
    """One Feature; `geometry` is GeoJSON already (see point and shape)."""
    body = {"type": "Feature", "geometry": geometry, "properties": properties}
    if id is not None:
        body["id"] = id
    return body


def collection(features, **members):
    """A FeatureCollection, with extra top-level members (count, links…) before the list."""
    return {"type": "FeatureCollection", **members, "features": list(features)}
