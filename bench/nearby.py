"""Benchmark: the nearest places to a point among N synthetic places, on PostGIS, as the
nearby page ranks them (NEARBY_MAX_RESULTS + 1 ids and distances: it shows 20 and counts up to
101).

Measured in one run against a baseline: the raw SQL KNN query (`ORDER BY location <-> point
LIMIT 101`) on the same table, and the naive ordering by Django's Distance(), which cannot use
the index. Prints JSON; bench/report.py writes docs/benchmarks.md. Run with `make bench`.
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.gis.db.models.functions import Distance  # noqa: E402
from django.contrib.gis.geos import Point  # noqa: E402
from django.db import connection  # noqa: E402

from places.models import Place  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))
NAIVE_REPEAT = int(os.environ.get("BENCH_NAIVE_REPEAT", "5"))
RADIUS = 1000
LIMIT = settings.NEARBY_MAX_RESULTS + 1
CITIES = [(121000, 487000), (136000, 455000), (92000, 437000), (155000, 463000)]


def sample_points(count, seed=7):
    rng = random.Random(seed)  # noqa: S311 (reproducible sample points, not security)
    return [
        Point(x + rng.gauss(0, 3000), y + rng.gauss(0, 3000), srid=28992)
        for x, y in (rng.choice(CITIES) for _ in range(count))
    ]


def timed(function, points):
    times = []
    for point in points:
        start = time.perf_counter()
        function(point)
        times.append((time.perf_counter() - start) * 1000)
    return times


def raw_knn(point):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM places_place ORDER BY location <-> ST_SetSRID(ST_MakePoint(%s, %s),"
            " 28992) LIMIT %s",
            [point.x, point.y, LIMIT],
        )
        return cursor.fetchall()


def app_nearby(point):
    """What the nearby page ranks: published and active, nearest first, ids, distances and
    names; those within the radius are counted (places/views/nearby.py)."""
    places = Place.objects.published().filter(status="active").nearest(point, LIMIT)
    return [row for row in places.values_list("pk", "distance", "name") if row[1].m <= RADIUS]


def naive(point):
    return list(
        Place.objects.annotate(d=Distance("location", point))
        .order_by("d")
        .values_list("id")[:LIMIT]
    )


def summary(name, times):
    ordered = sorted(times)
    return {
        "query": name,
        "runs": len(times),
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
    }


def main():
    count = Place.objects.count()
    points = sample_points(REPEAT)
    for point in points[:20]:  # warm the cache and the connection
        raw_knn(point)
        app_nearby(point)
    results = [
        summary(f"B2 raw SQL: ORDER BY location <-> point LIMIT {LIMIT}", timed(raw_knn, points)),
        summary(
            f"app: published, active, nearest {LIMIT}, those within {RADIUS} m",
            timed(app_nearby, points),
        ),
        summary(
            f"B3 naive: ORDER BY Distance() LIMIT {LIMIT}", timed(naive, points[:NAIVE_REPEAT])
        ),
    ]
    print(json.dumps({"places": count, "results": results}, indent=2))


if __name__ == "__main__":
    main()
