"""The figures of the policy dashboard: places per area, per 10,000 inhabitants, coverage.

Coverage is computed with GEOS in the metric storage SRID, so it gives the same answer on
PostGIS and SpatiaLite: the buffers of N metres around the matching places are united once,
and each buurt's uncovered part is its boundary minus that union. A wijk's figure is the sum
over its buurten (the CBS wijk polygons are too coarse; see data/PROVENANCE.md).
"""

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import MultiPoint
from django.core.cache import cache

from .geo import to_web
from .models import Area, DataVersion

COVERAGE_SIMPLIFY_METRES = 10


@dataclass
class AreaFigures:
    area: Area
    places: int = 0
    population: int | None = None
    area_m2: float = 0.0
    uncovered_m2: float = 0.0

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


def data_version():
    """Changes whenever a place is added, changed or removed (one row, cheap at any scale)."""
    return DataVersion.current()


def buurt_coverage(places, metres):
    """{buurt code: (area m², uncovered m², uncovered geometry)} for every buurt."""
    points = [place.location for place in places]
    covered = MultiPoint(points, srid=settings.STORAGE_SRID).buffer(metres) if points else None
    prepared = covered.prepared if covered is not None else None
    result = {}
    for buurt in Area.objects.buurten().only("code", "geometry"):
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


def cached_coverage(places, metres, key):
    """Coverage per buurt, cached until a place changes (the key holds the filters)."""
    cache_key = (
        "coverage:" + hashlib.sha256(f"{data_version()}|{metres}|{key}".encode()).hexdigest()
    )
    found = cache.get(cache_key)
    if found is None:
        raw = buurt_coverage(list(places.only("location")), metres)
        found = {
            code: (area, uncovered, simplified_geojson(geometry))
            for code, (area, uncovered, geometry) in raw.items()
        }
        cache.set(cache_key, found, 24 * 3600)
    return found


def simplified_geojson(geometry):
    if geometry.empty:
        return None
    simplified = geometry.simplify(COVERAGE_SIMPLIFY_METRES, preserve_topology=True)
    return json.loads(to_web(simplified).json)


def area_figures(level, places, metres, filter_key=""):
    """AreaFigures for every wijk or buurt, by name."""
    coverage = cached_coverage(places, metres, filter_key)
    if level == Area.Kind.BUURT:
        counts = Counter(places.values_list("buurt__code", flat=True))
        rows = [
            AreaFigures(
                area=area,
                places=counts.get(area.code, 0),
                population=area.population,
                area_m2=coverage.get(area.code, (0, 0, None))[0],
                uncovered_m2=coverage.get(area.code, (0, 0, None))[1],
            )
            for area in Area.objects.buurten().defer("geometry").order_by("name")
        ]
        return rows
    counts = Counter(places.values_list("buurt__parent__code", flat=True))
    totals = defaultdict(lambda: [0.0, 0.0])
    for code, parent in Area.objects.buurten().values_list("code", "parent__code"):
        area_m2, uncovered_m2, _geometry = coverage.get(code, (0, 0, None))
        totals[parent][0] += area_m2
        totals[parent][1] += uncovered_m2
    return [
        AreaFigures(
            area=area,
            places=counts.get(area.code, 0),
            population=area.population,
            area_m2=totals[area.code][0],
            uncovered_m2=totals[area.code][1],
        )
        for area in Area.objects.wijken().defer("geometry").order_by("name")
    ]


def gaps_geojson(places, metres, filter_key=""):
    """The parts of every buurt farther than N metres from any matching place."""
    coverage = cached_coverage(places, metres, filter_key)
    features = [
        {"type": "Feature", "properties": {"code": code}, "geometry": geometry}
        for code, (_area, _uncovered, geometry) in coverage.items()
        if geometry is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def breakdown(places, field, choices=None):
    """[(label, count)] of the places by a field, largest first."""
    counts = Counter(places.values_list(field, flat=True))
    labels = dict(choices or [])
    return sorted(
        ((labels.get(key, key), count) for key, count in counts.items()),
        key=lambda item: (-item[1], str(item[0])),
    )
