"""Pre-aggregated map clusters, so that low zooms of a large register stay fast.

Below MAP_CLUSTER_BELOW_ZOOM a large set is drawn as one marker per grid cell (mapdata.py);
for the zooms below MAP_CELLS_BELOW_ZOOM (whole regions in view) the cells are kept here.
Grouping a million places on each request takes a second or more; MapCell rows hold those
groups for every zoom level, type and management form of the public map (active, published
places), so a request sums a few hundred rows instead; the map on a date subtracts the
steps since that day (changes.py). `manage.py aggregate_map` builds them
(from cron, and after large imports); they are used while they match the data version, or
for MAP_CELLS_MAX_AGE seconds after a change, after which live grouping takes over.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Sum
from django.utils import timezone

from places.geo import X, Y
from places.maps import changes
from places.models import DataVersion, MapCell, MapCellsBuilt, Place

METRES_PER_PIXEL_Z0 = 156_543.03 * math.cos(math.radians(52.2))
CELL_PIXELS = 60


def cell_size(zoom):
    """About CELL_PIXELS screen pixels at this zoom, in RD New metres."""
    return CELL_PIXELS * METRES_PER_PIXEL_Z0 / 2**zoom


def build(using="default"):
    """Rebuild every cell in one transaction (readers keep the old cells until it commits).
    Returns the number of cells."""
    version = DataVersion.current(using)
    public = Place.objects.using(using).published().filter(status=Place.Status.ACTIVE)
    columns = public.order_by().values(
        "place_type_id", "management_form", x=X("location"), y=Y("location")
    )
    sql, params = columns.query.sql_with_params()
    table = MapCell._meta.db_table
    with transaction.atomic(using), connections[using].cursor() as cursor:
        MapCell.objects.using(using).all().delete()
        for zoom in range(settings.MAP_CELLS_BELOW_ZOOM):
            size = cell_size(zoom)
            # The inner SQL is Django's own, with its values passed as parameters.
            cursor.execute(
                f"INSERT INTO {table} (zoom, x, y, place_type_id, management_form, count, "  # noqa: S608
                "sum_x, sum_y) SELECT %s, round(x / %s), round(y / %s), place_type_id, "
                f"management_form, count(*), sum(x), sum(y) FROM ({sql}) AS sub "
                "GROUP BY 2, 3, 4, 5",
                [zoom, size, size, *params],
            )
        changes.build(using, cell_size)  # the map on a date: the steps since
        MapCellsBuilt.objects.using(using).update_or_create(
            pk=1,
            defaults={
                "data_version": version,
                "built_at": timezone.now(),
                "zooms": settings.MAP_CELLS_BELOW_ZOOM,
            },
        )
    return MapCell.objects.using(using).count()


def is_current(built, using="default"):
    return (
        built is not None
        and built.zooms == settings.MAP_CELLS_BELOW_ZOOM
        and built.data_version == DataVersion.current(using)
    )


def is_usable(using="default"):
    """Current, or built recently enough that a few recent edits don't matter at low zoom."""
    built = MapCellsBuilt.objects.using(using).filter(pk=1).first()
    if built is None or built.zooms != settings.MAP_CELLS_BELOW_ZOOM:
        return False
    max_age = timedelta(seconds=settings.MAP_CELLS_MAX_AGE)
    return is_current(built, using) or timezone.now() - built.built_at < max_age


def grouped(using, zoom, bbox=None, types=(), management=(), day=None):
    """(count, mean x, mean y) per grid cell at this zoom, for the cells the box touches;
    with a day, the cells of that day: today's minus the steps after it (changes.py)."""
    size = cell_size(zoom)
    span = changes.span_of(bbox, size)
    cells = MapCell.objects.using(using).filter(zoom=zoom)
    if types:
        cells = cells.filter(place_type__in=types)
    if management:
        cells = cells.filter(management_form__in=management)
    if span is not None:
        west, south, east, north = span
        cells = cells.filter(x__gte=west, x__lte=east, y__gte=south, y__lte=north)
    rows = cells.values("x", "y").annotate(n=Sum("count"), sx=Sum("sum_x"), sy=Sum("sum_y"))
    sums = {(x, y): (n, sx, sy) for x, y, n, sx, sy in rows.values_list("x", "y", "n", "sx", "sy")}
    if day is not None:
        steps = changes.since(using, zoom, size, day, span, types, management)
        for key, (n, sx, sy) in steps.items():
            today = sums.get(key, (0, 0.0, 0.0))
            sums[key] = (today[0] - n, today[1] - sx, today[2] - sy)
    return [(n, sx / n, sy / n) for n, sx, sy in sums.values() if n > 0]
