"""B2: each endpoint against the raw SQL it runs, in one process, without the cache; with
--naive also B3 for map data: Django's geojson serializer against the app's points.

For every endpoint the SQL the view sends is captured once; then, alternating, the endpoint is
called with an empty cache and every captured statement is replayed as plain SQL on the same
connection. The ratio is the app's own cost (Python, JSON, template) on top of the database.
Usage: bench/sql.py ENDPOINTS_JSON (the same list as bench/load.py: name, path and optionally
the account to be logged in as) with DATABASE_URL set.
Prints JSON; bench/report.py writes the table.
"""

import cProfile
import json
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.serializers import serialize  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from places.maps import points as mapdata  # noqa: E402
from places.models import Place  # noqa: E402

REPEAT = int(os.environ.get("BENCH_SQL_REPEAT", "15"))


def endpoint_ms(client, path):
    cache.clear()
    start = time.perf_counter()
    response = client.get(path, headers={"accept-encoding": "identity"})
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path}: status {response.status_code}")
    return elapsed


# .iterator() reads through a server-side cursor: replayed, its query is run as it is.
SERVER_SIDE_CURSOR = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR (WITH(OUT)? HOLD )?FOR ')


def replay_ms(statements):
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def measure(name, path, username=None):
    client = Client(HTTP_HOST="127.0.0.1")
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    client.get("/healthz")  # load the URLs and middleware before measuring
    load_before = round(os.getloadavg()[0], 2)  # a shared machine: how busy it was
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    statements = [SERVER_SIDE_CURSOR.sub("", q["sql"]) for q in captured.captured_queries]
    endpoint, raw = [], []
    for _ in range(REPEAT):
        endpoint.append(endpoint_ms(client, path))
        raw.append(replay_ms(statements))
    endpoint_p50, raw_p50 = statistics.median(endpoint), statistics.median(raw)
    cache.clear()
    profile = cProfile.Profile()  # Python function calls: steady where timings are noisy
    profile.runcall(client.get, path)
    print(f"  {name}: endpoint {endpoint_p50:.1f} ms, SQL {raw_p50:.1f} ms", file=sys.stderr)
    return {
        "name": name,
        "path": path,
        "queries": len(statements),
        "python_calls": pstats.Stats(profile).total_calls,
        "runs": REPEAT,
        "endpoint_uncached_p50_ms": round(endpoint_p50, 2),
        "raw_sql_p50_ms": round(raw_p50, 2),
        "ratio": round(endpoint_p50 / raw_p50, 2) if raw_p50 else None,
        "load_1min": load_before,
    }


def naive_geojson():
    """B3 for map data: the public points as Django's geojson serializer writes them, against
    the app's own points (mapdata.points), on the same places in the same process."""
    places = Place.objects.published().filter(status=Place.Status.ACTIVE)
    fields = ("slug", "name", "place_type")

    def naive():
        return serialize("geojson", places, geometry_field="location", fields=fields)

    runs = max(3, REPEAT // 5)
    naive_ms = statistics.median(timed(naive) for _ in range(runs))
    app_ms = statistics.median(timed(lambda: mapdata.points(places)) for _ in range(runs))
    print(f"  B3 serializer {naive_ms:.0f} ms, app {app_ms:.0f} ms", file=sys.stderr)
    return {
        "name": "all public points as GeoJSON",
        "places": places.count(),
        "runs": runs,
        "app_p50_ms": round(app_ms, 2),
        "naive_serializer_p50_ms": round(naive_ms, 2),
        "times_faster": round(naive_ms / app_ms, 1),
    }


def timed(work):
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def main():
    """`bench/sql.py ENDPOINTS [--naive]`: B2 for every endpoint; with --naive also B3."""
    endpoints = json.loads(sys.argv[1])
    figures = {"results": [measure(*endpoint) for endpoint in endpoints]}
    if "--naive" in sys.argv[2:]:
        figures["naive"] = naive_geojson()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
