"""Coverage per buurt kept in a table (BuurtCoverage), so that the dashboard of a whole country
does not compute thousands of buurten on every uncached request.

What the table holds: for every buurt and every distance N of settings.POLICY_COVERAGE_DISTANCES
(800 m by default), its area and the part farther than N metres from every active published
place (as area and as simplified GeoJSON): the dashboard's default places. The dashboard reads
it when its filter chooses nothing but the area (`serves`); for another distance, or a filter
on type, management form, target group, opening hours and so on, places.policy.figures computes
coverage as before. Within a chosen gemeente, wijk or buurt
the table counts the places across its border too, as the national view does.

How a buurt is computed: its boundary minus the circles of N metres around the counted places
within N metres of it, nearest to the buurt first, skipping a circle that misses what is left and
stopping when nothing is left (places_coverage_gap on PostGIS, made by migration 0019; the same
loop with GEOS on SpatiaLite). That is the same area as subtracting the union of all circles,
which figures does (tests compare both), but a dense city costs a few circles instead of the
union of thousands.

Kept up to date by places.policy.coverage_updates (only the buurten within N metres of a place's
old and new location), rebuilt by `manage.py rebuild_coverage`.
"""

import json

from django.conf import settings
from django.contrib.gis.geos import MultiPoint
from django.db import connection, transaction

from places.geo import to_web
from places.models import Area, BuurtCoverage, Place

SIMPLIFY_METRES = 10  # as places.policy.figures.COVERAGE_SIMPLIFY_METRES
AREA_FILTERS = ("gemeente", "wijk", "buurt")
CHUNK = 500  # buurten per statement in a rebuild


def distances():
    return list(settings.POLICY_COVERAGE_DISTANCES)


def counted_places():
    """The places the table counts: the dashboard's places without a filter."""
    return Place.objects.published().filter(status=Place.Status.ACTIVE)


# The same as counted_places(), for the SQL below.
COUNTED_SQL = "place.is_published AND place.status = 'active'"


def serves(place_filter):
    """Whether the table answers for a dashboard's filter (a PlaceFilter over counted_places):
    it chooses nothing but the area, which says which buurten are shown, not which places count."""
    data = place_filter.data
    chosen = (
        value
        for name in place_filter.filters
        if name not in AREA_FILTERS
        for value in (data.getlist(name) if hasattr(data, "getlist") else [data.get(name)])
    )
    return place_filter.is_valid() and not any(chosen)


def stored(metres, buurten, gaps=True):
    """{buurt code: (area m², uncovered m², uncovered part as GeoJSON or None)} from the table,
    as figures.buurt_coverage gives it (without gaps: None for every uncovered part), or None
    when N is not kept or a buurt in scope has no row (yet)."""
    if metres not in distances():
        return None
    rows = BuurtCoverage.objects.filter(metres=metres, buurt__in=buurten).values_list(
        "buurt__code", "area_m2", "uncovered_m2", "gap" if gaps else "metres"
    )
    found = {
        code: (area, uncovered, json.loads(gap) if gaps and gap else None)
        for code, area, uncovered, gap in rows
    }
    return found if len(found) == buurten.count() else None


def stored_gaps(metres, buurten):
    """{buurt code: its uncovered part as GeoJSON text} of the buurten with one, from the table;
    None when N is not kept or a buurt in scope has no row (yet)."""
    if metres not in distances():
        return None
    rows = BuurtCoverage.objects.filter(metres=metres, buurt__in=buurten)
    found = dict(rows.values_list("buurt__code", "gap"))
    if len(found) != buurten.count():
        return None
    return {code: gap for code, gap in found.items() if gap}


# A SELECT of (buurt id, metres, area, uncovered area, GeoJSON) for the buurten of
# {scope}. Parameters by name: metres, simplify, web, and those of the scope.
COMPUTE_SQL = f"""
SELECT buurt.id, %(metres)s, ST_Area(buurt.geometry), ST_Area(gap.geometry),
       CASE WHEN ST_IsEmpty(gap.geometry) THEN '' ELSE ST_AsGeoJSON(ST_Transform(
           ST_SimplifyPreserveTopology(gap.geometry, %(simplify)s), %(web)s), 6) END
FROM places_area buurt
CROSS JOIN LATERAL (
    SELECT places_coverage_gap(buurt.geometry, %(metres)s, array_agg(
               place.location ORDER BY place.location <-> ST_PointOnSurface(buurt.geometry)
           )) AS geometry
    FROM places_place place
    WHERE ST_DWithin(place.location, buurt.geometry, %(metres)s) AND {COUNTED_SQL}
) gap
WHERE buurt.kind = 'buurt' AND {{scope}}
"""  # noqa: S608 (constants only)

UPSERT_SQL = """
INSERT INTO places_buurtcoverage (buurt_id, metres, area_m2, uncovered_m2, gap)
{select}
ON CONFLICT (metres, buurt_id) DO UPDATE SET area_m2 = EXCLUDED.area_m2,
    uncovered_m2 = EXCLUDED.uncovered_m2, gap = EXCLUDED.gap
"""

NEAR = (
    "(ST_DWithin(buurt.geometry, %(points)s::geometry, %(metres)s)"
    " OR buurt.id = ANY(%(ids)s::bigint[]))"
)


def computed(metres, buurt_ids=None, points=()):
    """{buurt id: (area m², uncovered m², GeoJSON text)} computed now, not stored: for every
    buurt, or for the buurten given and those within N metres of the points."""
    if connection.vendor != "postgresql":
        return {row[0]: row[2:] for row in computed_geos(metres, buurt_ids, points)}
    sql, params = compute_sql(metres, buurt_ids, points)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: tuple(row[2:]) for row in cursor.fetchall()}


def compute_sql(metres, buurt_ids, points):
    params = {"metres": metres, "simplify": SIMPLIFY_METRES, "web": settings.WEB_SRID}
    if buurt_ids is None and not points:
        return COMPUTE_SQL.replace("{scope}", "true"), params
    multipoint = MultiPoint(list(points), srid=settings.STORAGE_SRID).ewkt if points else None
    params.update(points=multipoint, ids=list(buurt_ids or ()))
    return COMPUTE_SQL.replace("{scope}", NEAR), params


def refresh(points=(), buurt_ids=(), metres_list=None):
    """Compute again the buurten within N metres of the points, and the buurten given."""
    for metres in metres_list or distances():
        with transaction.atomic():
            lock()
            if connection.vendor == "postgresql":
                sql, params = compute_sql(metres, buurt_ids, points)
                with connection.cursor() as cursor:
                    cursor.execute(UPSERT_SQL.format(select=sql), params)
            else:
                write_rows(computed_geos(metres, buurt_ids, points))


def lock():
    """Updates one after another: each computes from what was committed before it started, so
    the last update of a buurt sees every change (two saves cannot leave an old figure)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('places_buurtcoverage'))")


def rebuild(progress=None):
    """Every buurt at every distance, in chunks; rows of other distances are removed."""
    BuurtCoverage.objects.exclude(metres__in=distances()).delete()
    ids = list(Area.objects.buurten().order_by("pk").values_list("pk", flat=True))
    fill(ids, distances(), progress)
    return len(ids)


def fill(ids, metres_list, progress=None):
    for metres in metres_list:
        for start in range(0, len(ids), CHUNK):
            refresh(buurt_ids=ids[start : start + CHUNK], metres_list=[metres])
            if progress:
                done = min(start + CHUNK, len(ids))
                progress(f"  {metres} m: {done:,} / {len(ids):,} buurten")


def ensure_filled(progress=None):
    """Add the rows that are missing (a new distance, new buurten); drop other distances."""
    BuurtCoverage.objects.exclude(metres__in=distances()).delete()
    buurten = Area.objects.buurten().order_by("pk")
    for metres in distances():
        have = BuurtCoverage.objects.filter(metres=metres).values("buurt")
        missing = list(buurten.exclude(pk__in=have).values_list("pk", flat=True))
        fill(missing, [metres], progress)


def write_rows(rows):
    BuurtCoverage.objects.bulk_create(
        [
            BuurtCoverage(buurt_id=buurt, metres=metres, area_m2=area, uncovered_m2=un, gap=gap)
            for buurt, metres, area, un, gap in rows
        ],
        update_conflicts=True,
        unique_fields=["metres", "buurt"],
        update_fields=["area_m2", "uncovered_m2", "gap"],
    )


def computed_geos(metres, buurt_ids=None, points=()):
    """The same computation with GEOS, for SpatiaLite (a register of one gemeente):
    [(buurt id, metres, area m², uncovered m², GeoJSON text)]."""
    locations = list(counted_places().values_list("location", flat=True))
    near = MultiPoint(list(points), srid=settings.STORAGE_SRID) if points else None
    everything, given = buurt_ids is None and near is None, set(buurt_ids or ())
    rows = []
    for buurt in Area.objects.buurten().only("pk", "geometry"):
        geometry = buurt.geometry
        if not (everything or buurt.pk in given or is_near(geometry, near, metres)):
            continue
        gap = gap_geos(geometry, locations, metres)
        rows.append((buurt.pk, metres, geometry.area, gap.area, geojson(gap)))
    return rows


def is_near(geometry, points, metres):
    return points is not None and geometry.distance(points) <= metres


def gap_geos(geometry, locations, metres):
    """The buurt minus the circles of N metres, nearest first, as places_coverage_gap does."""
    xmin, ymin, xmax, ymax = geometry.extent
    candidates = [
        p
        for p in locations
        if xmin - metres <= p.x <= xmax + metres
        and ymin - metres <= p.y <= ymax + metres
        and geometry.distance(p) <= metres
    ]
    centre = geometry.point_on_surface
    gap = geometry
    for point in sorted(candidates, key=centre.distance):
        if gap.distance(point) <= metres:
            gap = gap.difference(point.buffer(metres))
            if gap.empty:
                break
    return gap


def geojson(gap):
    if gap.empty:
        return ""
    simplified = gap.simplify(SIMPLIFY_METRES, preserve_topology=True)
    return to_web(simplified).json
