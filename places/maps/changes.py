"""The public map on a date from today's cells (places.maps.cells) and the steps since.

Place.objects.on(day) shows a place as it is today unless one of its states on a date
(places.models.states) ends or starts after the day. So the cells of a day are today's cells
minus the steps after it: a step is +1 where a state counted on the public map (active, the
place published) starts and -1 where it ends, in the group (type, management form) of that
state and the cell of the place. Summed over the steps after the day this is, per place,
what it counts today minus what it counted then (MapChange; places.models.map_changes).

A whole country of steps can be in view: the steps come added up per cell and year as well
(MapChangeCell), and only the steps of the day's own year up to or after the day, whichever
are fewer, are added up on the request.
"""

import datetime
import math

from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.db import connections
from django.db.models import Sum
from django.db.models.functions import ExtractYear

from places.geo import to_storage
from places.models import MapChange, MapChangeCell, Place, PlaceState

STEPS = (("s.valid_from", 1), ("s.valid_to", -1))

# The state of a closed interval, else (and for the open-ended one) today's (states.py). In
# the order of the days, so that the steps of a year lie together on disk.
STEPS_SQL = """
INSERT INTO {changes} (day, count, place_type, management_form, location, x, y)
SELECT day, step, place_type, management_form, location, ST_X(location), ST_Y(location)
FROM ({starts} UNION ALL {ends}) AS step ORDER BY day
"""
STEP_SQL = """
SELECT {day} AS day, {step} AS step, {place_type} AS place_type,
    {management_form} AS management_form, p.location AS location
FROM {states} s JOIN {places} p ON p.id = s.place_id
WHERE {day} IS NOT NULL AND p.is_published = %s AND {status} = %s
"""


def then(column, today):
    return f"CASE WHEN s.valid_to IS NULL THEN {today} ELSE COALESCE(s.{column}, {today}) END"


def build(using, cell_size):
    """Work out the steps and the steps per year again (inside aggregate_map's transaction)."""
    getattr(Place, "flush_pending_states", lambda: None)()  # this transaction's own changes
    MapChangeCell.objects.using(using).all().delete()
    MapChange.objects.using(using).all().delete()
    values = {
        "states": PlaceState._meta.db_table,
        "places": Place._meta.db_table,
        "place_type": then("place_type", "p.place_type_id"),
        "management_form": then("management_form", "p.management_form"),
        "status": then("status", "p.status"),
    }
    starts, ends = (STEP_SQL.format(day=day, step=step, **values) for day, step in STEPS)
    with connections[using].cursor() as cursor:
        # Table and column names of the models only; the values are parameters.
        sql = STEPS_SQL.format(changes=MapChange._meta.db_table, starts=starts, ends=ends)
        cursor.execute(sql, [True, Place.Status.ACTIVE] * 2)
        if connections[using].vendor == "postgresql":
            cursor.execute(f"ANALYZE {MapChange._meta.db_table}")  # the planner reads the days
        years = MapChange.objects.using(using).values(
            "place_type", "management_form", "count", "x", "y", year=ExtractYear("day")
        )
        sql, params = years.query.sql_with_params()
        for zoom in range(settings.MAP_CELLS_BELOW_ZOOM):
            size = cell_size(zoom)
            cursor.execute(
                f"INSERT INTO {MapChangeCell._meta.db_table} (zoom, x, y, year, place_type, "  # noqa: S608
                "management_form, count, sum_x, sum_y) SELECT %s, round(x / %s), "
                "round(y / %s), year, place_type, management_form, sum(count), "
                f"sum(count * x), sum(count * y) FROM ({sql}) AS sub GROUP BY 2, 3, 4, 5, 6 "
                "ORDER BY 2, 3",  # the cells of a box together on disk
                [zoom, size, size, *params],
            )


def since(using, zoom, size, day, span, types=(), management=()):
    """{(x, y): (count, sum x, sum y)} of the steps after the day in the cells of the span
    ((west, south, east, north) cell numbers, or None: all): the years from the day's own
    less its steps up to the day, in the first half of a year; else the years after it and
    its own year's steps after the day (at most half a year's steps added up here)."""
    first = datetime.date(day.year, 1, 1)
    early = (day - first).days < 183
    sums = per_year(using, zoom, day.year - 1 if early else day.year, span, types, management)
    steps = MapChange.objects.using(using).filter(day__year=day.year)  # a range of dates
    if early:
        steps, sign = steps.filter(day__lte=day), -1
    else:
        steps, sign = steps.filter(day__gt=day), 1
    for key, (n, sx, sy) in added_up(chosen(steps, types, management), size, span).items():
        before = sums.get(key, (0, 0.0, 0.0))
        sums[key] = (before[0] + sign * n, before[1] + sign * sx, before[2] + sign * sy)
    return sums


def per_year(using, zoom, year, span, types, management):
    rows = MapChangeCell.objects.using(using).filter(zoom=zoom, year__gt=year)
    if span is not None:
        west, south, east, north = span
        rows = rows.filter(x__gte=west, x__lte=east, y__gte=south, y__lte=north)
    rows = chosen(rows, types, management).values("x", "y").order_by()
    rows = rows.annotate(n=Sum("count"), sx=Sum("sum_x"), sy=Sum("sum_y"))
    return {(x, y): (n, sx, sy) for x, y, n, sx, sy in rows.values_list("x", "y", "n", "sx", "sy")}


def chosen(rows, types, management):
    if types:
        rows = rows.filter(place_type__in=[kind.pk for kind in types])
    if management:
        rows = rows.filter(management_form__in=management)
    return rows


def added_up(steps, size, span):
    """The steps per cell, added up by the database as the cells were (cells.build)."""
    if span is not None:  # first the box of the cells (by the spatial index), then the cells
        west, south, east, north = span
        box = ((west - 0.5) * size, (south - 0.5) * size, (east + 0.5) * size, (north + 0.5) * size)
        steps = steps.filter(location__bboverlaps=box_polygon(box))
    columns = steps.order_by().values("count", "x", "y")
    sql, params = columns.query.sql_with_params()
    query = (
        "SELECT round(x / %s), round(y / %s), sum(count), sum(count * x), "  # noqa: S608
        f"sum(count * y) FROM ({sql}) AS sub GROUP BY 1, 2"
    )
    with connections[steps.db].cursor() as cursor:
        cursor.execute(query, [size, size, *params])
        rows = cursor.fetchall()
    return {
        (int(x), int(y)): (n, sx, sy)
        for x, y, n, sx, sy in rows
        if span is None or (span[0] <= x <= span[2] and span[1] <= y <= span[3])
    }


def box_polygon(box):
    polygon = Polygon.from_bbox(box)
    polygon.srid = settings.STORAGE_SRID
    return polygon


def span_of(bbox, size):
    """The cell numbers (west, south, east, north) a WGS84 box touches, as cells.grouped."""
    if bbox is None:
        return None
    west, south, east, north = to_storage(bbox).extent
    return (
        math.floor(west / size),
        math.floor(south / size),
        math.ceil(east / size),
        math.ceil(north / size),
    )
