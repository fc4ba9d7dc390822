"""The figures of the policy dashboard: places per area, per 10,000 inhabitants, coverage.

Coverage is computed in the metric storage SRID: each buurt's uncovered part is its boundary
minus the buffers of N metres around the matching places. On PostGIS one query does it per
buurt with the spatial index (only the places within N metres of that buurt are united);
on SpatiaLite GEOS unites all buffers once and clips per buurt. Both buffer circles with 8
segments per quarter, so they give the same answer (tests on both databases). A wijk's figure
is the sum over its buurten (the CBS wijk polygons are too coarse; see data/PROVENANCE.md).

Where people live: a buurt's inhabitants farther than N metres are estimated as its uncovered
share times its inhabitants (people are assumed spread evenly over the buurt); a wijk's estimate
is the sum over its buurten with a known figure.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.contrib.gis.geos import MultiPoint
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.urls import reverse

from places.geo import to_web
from places.maps import features
from places.models import Area, DataVersion
from places.policy import counts
from places.policy import coverage as kept

COVERAGE_SIMPLIFY_METRES = 10


class AreaRef(NamedTuple):
    """What a row shows of a buurt: 9,000 model instances cost more than their figures."""

    pk: int
    code: str
    name: str
    parent_id: int | None
    population: int | None
    water: bool

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:area", kwargs={"code": self.code})


@dataclass
class AreaFigures:
    area: Area
    places: int = 0
    population: int | None = None
    area_m2: float = 0.0
    uncovered_m2: float = 0.0
    people_beyond: int | None = None  # an estimate: inhabitants farther than N metres
    unknown_parts: int = 0  # a wijk's buurten without a population figure

    @property
    def few_inhabitants(self):
        """No or few inhabitants (harbours, parks) or mainly water (the CBS flag): never a gap
        where people live."""
        if self.area.water:
            return True
        return self.population is not None and self.population < few_inhabitants()

    @property
    def per_10000(self):
        if not self.population:
            return None
        return round(self.places * 10_000 / self.population, 2)

    @property
    def uncovered_share(self):
        if not self.area_m2:
            return None
        return round(100 * self.uncovered_m2 / self.area_m2, 1)


def few_inhabitants():
    return settings.POLICY_FEW_INHABITANTS


def estimate_beyond(population, area_m2, uncovered_m2):
    """Inhabitants farther than N metres: the uncovered share of the area times its people."""
    if population is None or not area_m2:
        return None
    return round(population * uncovered_m2 / area_m2)


def buurten_in_scope(data):
    """The buurten a dashboard is about: those of the chosen gemeente, wijk or buurt, or all
    (a national register shows one municipality's areas, not 13,000 buurten)."""
    buurten = Area.objects.buurten()
    if data.get("buurt"):
        return buurten.filter(code=data["buurt"])
    if data.get("wijk"):
        return buurten.filter(parent__code=data["wijk"])
    if data.get("gemeente"):
        return buurten.filter(parent__parent__code=data["gemeente"])
    return buurten


def buurt_coverage(places, metres, buurten=None):
    """{buurt code: (area m², uncovered m², uncovered part as WGS84 GeoJSON or None)}."""
    buurten = Area.objects.buurten() if buurten is None else buurten
    if connection.vendor == "postgresql":
        return buurt_coverage_sql(places, metres, buurten)
    geos = buurt_coverage_geos(places, metres, buurten)
    return {
        code: (area, uncovered, simplified_geojson(geometry))
        for code, (area, uncovered, geometry) in geos.items()
    }


# Placeholders in order: simplify, web SRID, metres, metres, the places' filter's, the buurten's.
COVERAGE_SQL = """
SELECT buurt.code, ST_Area(buurt.geometry), ST_Area(gap.geometry),
       CASE WHEN ST_IsEmpty(gap.geometry) THEN NULL ELSE ST_AsGeoJSON(ST_Transform(
           ST_SimplifyPreserveTopology(gap.geometry, %s), %s), 6) END
FROM places_area buurt
LEFT JOIN LATERAL (
    SELECT ST_Union(ST_Buffer(place.location, %s)) AS geometry
    FROM places_place place
    WHERE ST_DWithin(place.location, buurt.geometry, %s) AND place.id IN ({matching})
) covered ON true
CROSS JOIN LATERAL (
    SELECT CASE WHEN covered.geometry IS NULL THEN buurt.geometry
                ELSE ST_Difference(buurt.geometry, covered.geometry) END AS geometry
) gap
WHERE buurt.id IN ({buurten})
"""


def subquery(queryset):
    """(SQL, params) of a queryset's primary keys, for `id IN (…)`."""
    try:
        return queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing, such as an unknown wijk
        return "SELECT 0 WHERE false", ()


def buurt_coverage_sql(places, metres, buurten):
    matching, params = subquery(places)
    in_scope, scope_params = subquery(buurten)
    sql = COVERAGE_SQL.replace("{matching}", matching).replace("{buurten}", in_scope)
    values = [COVERAGE_SIMPLIFY_METRES, settings.WEB_SRID, metres, metres, *params, *scope_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return {
            code: (area, uncovered, json.loads(gap) if gap else None)
            for code, area, uncovered, gap in cursor.fetchall()
        }


def buurt_coverage_geos(places, metres, buurten):
    """{buurt code: (area m², uncovered m², uncovered geometry)} for every buurt."""
    points = [place.location for place in places.only("location")]
    covered = MultiPoint(points, srid=settings.STORAGE_SRID).buffer(metres) if points else None
    prepared = covered.prepared if covered is not None else None
    result = {}
    for buurt in buurten.only("code", "geometry"):
        geometry = buurt.geometry
        if prepared is None or not prepared.intersects(geometry):
            uncovered = geometry
        elif prepared.contains(geometry):
            uncovered = geometry.difference(geometry)  # empty, of the right type
        else:
            # Clip the large union to the buurt first: the difference is then cheap.
            uncovered = geometry.difference(covered.intersection(geometry.envelope))
        result[buurt.code] = (geometry.area, uncovered.area, uncovered)
    return result


def cached_coverage(places, metres, key, buurten, stored=False, gaps=True):
    """Coverage per buurt: from the coverage table when the places are its own (stored) and it
    keeps N (places.policy.coverage), with the uncovered parts only when asked (gaps); else
    computed, cached until a place changes (the key holds the filters)."""
    found = kept.stored(metres, buurten, gaps) if stored else None
    if found is not None:
        return found
    cache_key = (
        "coverage:" + hashlib.sha256(f"{DataVersion.current()}|{metres}|{key}".encode()).hexdigest()
    )
    found = cache.get(cache_key)
    if found is None:
        found = buurt_coverage(places, metres, buurten)
        cache.set(cache_key, found, 24 * 3600)
    return found


def simplified_geojson(geometry):
    if geometry.empty:
        return None
    simplified = geometry.simplify(COVERAGE_SIMPLIFY_METRES, preserve_topology=True)
    return json.loads(to_web(simplified).json)


def area_figures(level, places, metres, filter_key="", buurten=None, stored=False):
    """AreaFigures for every wijk or buurt (of the buurten given), by name. With stored, the
    places are the tables' own: coverage and counts come from them."""
    rows = buurt_rows(places, metres, filter_key, buurten, stored)
    return rows if level == Area.Kind.BUURT else wijk_rows(rows)


def buurt_rows(places, metres, filter_key="", buurten=None, stored=False):
    """AreaFigures for every buurt given (all by default), by name."""
    buurten = Area.objects.buurten() if buurten is None else buurten
    coverage = cached_coverage(places, metres, filter_key, buurten, stored, gaps=False)
    if stored:  # every buurt: every row, without a filter of 9,000 ids
        source = counts.kept_rows(None if counts.every_buurt(buurten) else buurten)
    per_buurt = counts.count_by(source if stored else places, "buurt")
    return [
        buurt_figures(area, per_buurt.get(area.pk, 0), coverage.get(area.code))
        for area in map(AreaRef._make, buurten.order_by("name").values_list(*AreaRef._fields))
    ]


def wijk_rows(buurt_rows):
    """AreaFigures for the wijken of these buurten' AreaFigures: their sums, by name."""
    parts = defaultdict(list)
    for row in buurt_rows:
        parts[row.area.parent_id].append(row)
    wijken = Area.objects.wijken().filter(pk__in=[pk for pk in parts if pk is not None])
    wijken = wijken.defer("geometry").order_by("name")
    return [wijk_figures(area, parts[area.pk]) for area in wijken]


def buurt_figures(area, places, coverage):
    area_m2, uncovered_m2, _geometry = coverage or (0, 0, None)
    return AreaFigures(
        area=area,
        places=places,
        population=area.population,
        area_m2=area_m2,
        uncovered_m2=uncovered_m2,
        people_beyond=estimate_beyond(area.population, area_m2, uncovered_m2),
    )


def wijk_figures(area, buurten):
    """A wijk's figures: the sums over its buurten (its own CBS population)."""
    known = [b.people_beyond for b in buurten if b.people_beyond is not None]
    return AreaFigures(
        area=area,
        places=sum(b.places for b in buurten),
        population=area.population,
        area_m2=sum(b.area_m2 for b in buurten),
        uncovered_m2=sum(b.uncovered_m2 for b in buurten),
        people_beyond=sum(known) if known else None,
        unknown_parts=len(buurten) - len(known),
    )


def gaps_geojson(places, metres, filter_key="", buurten=None, stored=False):
    """The parts of every buurt farther than N metres from any matching place."""
    buurten = Area.objects.buurten() if buurten is None else buurten
    coverage = cached_coverage(places, metres, filter_key, buurten, stored)
    return features.collection(
        features.feature(geometry, {"code": code})
        for code, (_area, _uncovered, geometry) in coverage.items()
        if geometry is not None
    )


def gaps_json(places, metres, filter_key="", buurten=None, stored=False):
    """gaps_geojson as JSON text. From the coverage table its GeoJSON texts are joined as they
    are: nationally 9,000 parts, which parsing and writing again took a second."""
    buurten = Area.objects.buurten() if buurten is None else buurten
    texts = kept.stored_gaps(metres, buurten) if stored else None
    if texts is None:
        return json.dumps(gaps_geojson(places, metres, filter_key, buurten, stored))
    parts = (
        f'{{"type":"Feature","geometry":{gap},"properties":{{"code":{json.dumps(code)}}}}}'
        for code, gap in texts.items()
    )
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


def count_source(places, stored, area_data):
    """What the dashboard counts: the counts table for the area chosen (every row without one)
    when the places are its own (stored), else the places themselves."""
    if not stored:
        return places
    chosen = any(area_data.get(name) for name in kept.AREA_FILTERS)
    return counts.kept_rows(buurten_in_scope(area_data) if chosen else None)


def breakdown(source, field, choices=None):
    """[(label, count)] of the places (or counts table rows) by a field, largest first."""
    labels = dict(choices or [])
    return sorted(
        ((labels.get(key, key), count) for key, count in counts.count_by(source, field).items()),
        key=lambda item: (-item[1], str(item[0])),
    )
