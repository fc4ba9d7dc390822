"""Map data that scales: points when few, server-side clusters when many.

A request may carry `bbox=minLng,minLat,maxLng,maxLat` and `zoom`. Up to MAP_POINT_LIMIT
places come back as points (GeoJSON written by the database: on PostGIS every feature, on
SpatiaLite the geometries, spliced with the properties);
beyond that, at zooms below MAP_CLUSTER_BELOW_ZOOM, as one feature per grid cell with its
count. The grid cell is about 60 screen pixels at that zoom, computed in RD New metres. The
public map's plain views (no filter, or type and management form only) read their cells at
low zooms (below MAP_CELLS_BELOW_ZOOM) from the pre-aggregated MapCell rows when those are
usable (mapcells.py).
"""

import json

from django.conf import settings
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.geos import GEOSGeometry, Polygon
from django.core.exceptions import EmptyResultSet
from django.db import connections

from places.geo import NETHERLANDS_BBOX, to_storage, to_web
from places.maps import cells as mapcells
from places.maps import features
from places.maps.cells import cell_size


def parse_bbox(text):
    """A WGS84 bounding box polygon from 'minLng,minLat,maxLng,maxLat', or None."""
    try:
        west, south, east, north = (float(part) for part in (text or "").split(","))
    except ValueError:
        return None
    if not (west < east and south < north):
        return None
    west, south = max(west, NETHERLANDS_BBOX[0] - 1), max(south, NETHERLANDS_BBOX[1] - 1)
    east, north = min(east, NETHERLANDS_BBOX[2] + 1), min(north, NETHERLANDS_BBOX[3] + 1)
    polygon = Polygon.from_bbox((west, south, east, north))
    polygon.srid = settings.WEB_SRID
    return polygon


def parse_zoom(text):
    try:
        return max(0, min(22, int(text)))
    except (TypeError, ValueError):
        return None


def in_bbox(places, bbox):
    return places.filter(location__bboverlaps=to_storage(bbox)) if bbox else places


def payload(places, bbox=None, zoom=None, cells=None, type_field="place_type__slug"):
    """The map's GeoJSON as bytes. `cells` ({"types": …, "management": …}) says that these
    places are a plain public view, which the pre-aggregated cells can answer."""
    in_view = in_bbox(places, bbox)
    if zoom is not None and zoom < settings.MAP_CLUSTER_BELOW_ZOOM:
        if (
            cells is not None
            and zoom < settings.MAP_CELLS_BELOW_ZOOM
            and mapcells.is_usable(places.db)
        ):
            grouped = mapcells.grouped(places.db, zoom, bbox, **cells)
            count = sum(n for n, _x, _y in grouped)
        else:
            # One query too many is cheaper than sending 100,000 points: count first.
            grouped, count = None, in_view.count()
        if count > settings.MAP_POINT_LIMIT:
            return clusters(cells_of(in_view, zoom) if grouped is None else grouped, count)
    return points(in_view, type_field)


# On PostGIS the features come back as one string: no row reaches Python.
FEATURES_SQL = """
SELECT count(*), coalesce(string_agg(
    '{"type":"Feature","geometry":' || feature.geojson || ',"properties":'
    || json_build_object('slug', feature.slug, 'name', feature.name, 'type', feature.kind)::text
    || '}', ','), '')
FROM ({rows}) AS feature (slug, name, kind, geojson)
"""


def points(places, type_field="place_type__slug"):
    rows = places.annotate(
        geojson=AsGeoJSON(Transform("location", settings.WEB_SRID), precision=6)
    ).values_list("slug", "name", type_field, "geojson")
    if connections[places.db].vendor == "postgresql":
        try:
            sql, params = rows.order_by().query.sql_with_params()
        except EmptyResultSet:  # a filter that matches nothing
            return feature_collection(0, "")
        with connections[places.db].cursor() as cursor:
            cursor.execute(FEATURES_SQL.replace("{rows}", sql), params)
            count, features = cursor.fetchone()
        return feature_collection(count, features)
    # The database writes each geometry; only the small properties go through json.dumps.
    features = [
        '{"type":"Feature","geometry":'
        + geometry
        + ',"properties":'
        + json.dumps({"slug": slug, "name": name, "type": kind}, ensure_ascii=False)
        + "}"
        for slug, name, kind, geometry in rows
    ]
    return feature_collection(len(features), ",".join(features))


def feature_collection(count, features):
    head = f'{{"type":"FeatureCollection","clustered":false,"count":{count},"features":['
    return (head + features + "]}").encode()


def cells_of(places, zoom):
    size = cell_size(zoom)
    if connections[places.db].vendor == "postgresql":
        return postgis_cells(places, size)
    return python_cells(places, size)


def clusters(cells, count):
    cells = list(cells)
    body = features.collection(
        (
            features.feature(features.lnglat_point(lng, lat), {"cluster": True, "count": n})
            for (n, _x, _y), (lng, lat) in zip(cells, web_positions(cells), strict=True)
        ),
        clustered=True,
        count=count,
    )
    return json.dumps(body).encode()


def web_positions(cells):
    """The cells' mean positions in WGS84, transformed in one go (one call, not one a cell)."""
    if not cells:
        return []
    wkt = "MULTIPOINT(" + ",".join(f"({float(x)} {float(y)})" for _n, x, y in cells) + ")"
    # Read back as GeoJSON text: asking GEOS for 10,000 points one by one takes longer.
    return json.loads(to_web(GEOSGeometry(wkt, srid=settings.STORAGE_SRID)).json)["coordinates"]


def postgis_cells(places, size):
    """Count and mean position per grid cell, grouped by the database."""
    sql, params = places.order_by().values("location").query.sql_with_params()
    # The inner SQL is Django's own, with its values passed as parameters.
    query = (
        "SELECT count(*), avg(ST_X(sub.location)), avg(ST_Y(sub.location)) "  # noqa: S608
        f"FROM ({sql}) AS sub "
        "GROUP BY round(ST_X(sub.location) / %s), round(ST_Y(sub.location) / %s)"
    )
    with connections[places.db].cursor() as cursor:
        cursor.execute(query, [*params, size, size])
        return cursor.fetchall()


def python_cells(places, size):
    """The same grouping in Python: SpatiaLite deployments are small."""
    cells = {}
    for (location,) in places.values_list("location"):
        key = (round(location.x / size), round(location.y / size))
        n, sx, sy = cells.get(key, (0, 0.0, 0.0))
        cells[key] = (n + 1, sx + location.x, sy + location.y)
    return [(n, sx / n, sy / n) for n, sx, sy in cells.values()]
