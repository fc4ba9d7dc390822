"""Turn the figures of one `make bench` run into docs/benchmarks.md and docs/benchmarks.json."""

import json
import platform
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
TARGETS = [
    ("map data M, Amsterdam at zoom 15", "p50_ms", 300, "M map data ≤ 300 ms"),
    (
        "map data M, all 18,000 points (zoom 17)",
        "ratio",
        1.5,
        "GeoJSON endpoint ≤ 1.5 × its raw SQL (B2; 18,000 points, cache emptied)",
    ),
    ("map data M, Amsterdam at zoom 12", "revalidated_p50_ms", 20, "M revalidated (304) ≤ 20 ms"),
    (
        "nearby API XL, k=10",
        "p95_ms",
        50,
        "nearby k=10 at 1M: p95 ≤ 50 ms through HTTP (4 clients)",
    ),
    ("nearby API XL, k=10, type filter", "p95_ms", 50, "the same with a type filter"),
    (
        "map data XL, all at zoom 8",
        "uncached",
        50,
        "zoom 8 at 1M from pre-aggregation, no cache: ≤ 50 ms",
    ),
    ("map data XL, screen at zoom 10", "uncached", 100, "zoom 10 at 1M, no cache: ≤ 100 ms"),
    ("map data XL, Amsterdam at zoom 12", "uncached", 100, "zoom 12 at 1M, no cache: ≤ 100 ms"),
    ("map data XL, screen at zoom 14", "uncached", 100, "zoom 14 at 1M, no cache: ≤ 100 ms"),
    # The map on a date (?op=, places.models.states) against the same map-data targets.
    ("map data XL on a date, all at zoom 8", "uncached", 50, "on a date, zoom 8 at 1M: ≤ 50 ms"),
    ("map data XL on a date, screen at zoom 10", "uncached", 100, "on a date, zoom 10: ≤ 100 ms"),
    (
        "map data XL on a date, Amsterdam at zoom 12",
        "uncached",
        100,
        "on a date, zoom 12: ≤ 100 ms",
    ),
    ("map data XL on a date, screen at zoom 14", "uncached", 100, "on a date, zoom 14: ≤ 100 ms"),
    ("home page M", "p95_ms", 100, "home page M: p95 ≤ 100 ms at 4 clients"),
    ("map data M, all at zoom 8", "uncached", 300, "M map data at zoom 8, no cache: ≤ 300 ms"),
    (
        "map data M, all 18,000 points (zoom 17)",
        "uncached",
        300,
        "M, all points, no cache: ≤ 300 ms",
    ),
    ("place page M", "p95_ms", 100, "place page M: p95 ≤ 100 ms at 4 clients"),
    (
        "nearby page XL",
        "p95_ms",
        100,
        "nearby page at 1M (20 results): p95 ≤ 100 ms at 4 clients",
    ),
    ("nearby page XL, type filter", "p95_ms", 100, "the same with a type filter"),
    ("M", "browser_ms", 2000, "home map with M data interactive in Chromium ≤ 2 s (median)"),
    (
        "dashboard M, 10 gemeenten by wijk",
        "uncached",
        1000,
        "national dashboard at M (9,000 buurten), no cache: ≤ 1 s",
    ),
    (
        "dashboard M, one gemeente by buurt, coverage",
        "uncached",
        300,
        "dashboard of one gemeente at M, no cache: ≤ 300 ms",
    ),
    (
        "dashboard XL, national by wijk",
        "uncached",
        1000,
        "national dashboard at 1M (9,000 buurten), no cache: ≤ 1 s",
    ),
    (
        "dashboard XL, one gemeente by buurt, coverage",
        "uncached",
        300,
        "dashboard of one gemeente at 1M, no cache: ≤ 300 ms",
    ),
]


# Why the figures are what they are; read with the table above (docs/benchmarks.md).
NOTES = [
    "- The map *on a date* (`?op=2019-01-01`): its clusters are today's pre-aggregated cells",
    "  minus the steps since the day (places.maps.changes: +1/-1 where a state on a date counted",
    "  on the public map starts or ends, 233,334 at XL, where a tenth opened 2015–2025, the closed",
    "  places and a third of zelfbeheer were taken over), added up per cell and year by",
    "  aggregate_map; a request adds up at most half a year of steps itself. B2 medians of 15",
    "  (bench/sql.py, 2026-12-03, load 1.2–1.4), today / on 2019-01-01 / on 2016-07-01 (mid-year,",
    "  the most steps): zoom 8 18 / 26 / 26 ms; zoom 10 26 / 37 / 52 ms; zoom 12 Amsterdam",
    "  14 / 18 ms; zoom 14 29 / 33 / 40 ms (before: 3,611 ms at zoom 8, 410 ms at zoom 12, with",
    "  all places grouped or 65,700 state rows joined). Staff views on a date group live.",
    "- *first (ms)* is the first request a freshly started worker gets (its cache empty, its",
    '  first database connection); targets "no cache" use the B2 medians instead (a warm',
    "  process, the cache emptied before every call). Low zooms are summed from the",
    "  pre-aggregated cells (`aggregate_map --if-stale`, which bench/run.sh runs as cron would).",
    "- Points are written by PostGIS as one string (every feature built in the query), so the",
    "  18,000-point payload costs its SQL plus little more. B2 ratios well above 1.5 belong to",
    "  endpoints whose SQL takes a few milliseconds: there the fixed cost of a request (the",
    "  data version, the ETag, the cache, a few milliseconds) is most of the time.",
    "- Pages (home, place, nearby, dashboard) render templates: their B2 ratio is the template",
    "  time, which the HTTP figures then show from the cache where the page allows it.",
    "- The dashboard is measured logged in as a policy account. Without a filter on the",
    "  places and at a kept distance (800 m) it reads the coverage per buurt from a table",
    "  (places.policy.coverage) that is updated when a place changes, for the buurten within",
    "  N m of it; with another distance or a filter on the places it computes coverage in one",
    "  PostGIS query, cached per data version and filters (the row 'at 799 m' shows that cost",
    "  for all 9,000 buurten). The dashboard's targets are read from its B2 rows (no cache);",
    "  the rows after the first dashboard ones have 3 to 5 runs each, not 15. Its counts and",
    "  breakdowns come from a second table, places per buurt, type and management form",
    "  (places.policy.counts, kept up to date in the transaction that changes a place), so",
    "  no request passes over all places; what remains is 9,000 buurten as figures, the",
    "  table and the map's values (its B2 ratio). *Python calls* (cProfile, one request) is",
    "  the steady measure of that work on a busy machine.",
    '- The nearby *page* shows the nearest 20 with their opening-hours state ("Toon meer',
    '  plekken" adds 20 at a time, up to 100: the row "all 100" is that page). It ranks and',
    "  counts up to 101 places on ids and distances, then reads the 20 rows it shows; its",
    "  filter panel is the same for every address and comes from the cache (B2 empties the",
    "  cache, so its figure includes rendering the panel). The *open now* row evaluates the",
    "  hours of every place in the circle (about 2,000 at 1 km here) and counts those whose",
    "  hours are unknown: it has no target yet. The nearby *API* answers the k=10 question.",
    "- Opening hours are not cached further on the nearby page: one evaluation costs 0.02 to",
    "  0.06 ms for the common forms (docs/hours-bench.md), so 20 rows cost about a millisecond.",
    "- *load* is the machine's 1-minute load average just before the endpoint was measured:",
    "  this is a shared 2-core machine, and other work running at the same time slows every",
    "  row, the baselines included.",
]


def versions():
    postgis = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "ontmoeting_bench",
            "-tAc",
            "select version() || ' / PostGIS ' || postgis_lib_version()",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": postgis,
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
    }


SIZES = ("S", "M", "XL")


def main():
    """`report.py OUT [SETS…]`: the figures in OUT for SETS (all by default); a set not
    measured in this run keeps its figures from docs/benchmarks.json, marked with its run."""
    out = Path(sys.argv[1])
    measured = [size for size in SIZES if size in (sys.argv[2:] or SIZES)]
    sets = {}
    for size in measured:
        path = out / f"http-{size}.json"
        if path.exists():
            sets[size] = json.loads(path.read_text())
    query = (
        json.loads((out / "query-XL.json").read_text())
        if "XL" in measured and (out / "query-XL.json").exists()
        else None
    )
    imports = {p.stem: p.read_text().strip() for p in out.glob("import-*.txt")}
    sql_files = {
        p.stem.removeprefix("sql-"): json.loads(p.read_text())
        for p in sorted(out.glob("sql-*.json"), key=lambda p: (p.stem.count("-"), p.stem))
        if p.stat().st_size and p.stem.removeprefix("sql-").split("-")[0] in measured
    }
    # sql-M-dashboard.json and the like: more rows of set M's table (fewer runs each).
    sql = {}
    for name, data in sql_files.items():
        sql.setdefault(name.split("-")[0], []).extend(data["results"])
    naive = {size: data["naive"] for size, data in sql_files.items() if "naive" in data}
    browser = [json.loads(p.read_text()) for p in sorted(out.glob("browser-*.json"))]
    browser = [b for b in browser if b["set"] in measured]
    now = time.strftime("%Y-%m-%d %H:%M")
    figures = {
        "measured": now,
        "versions": versions(),
        "runs": dict.fromkeys(measured, now),
        "http": sets,
        "query": query,
        "sql": sql,
        "naive_geojson": naive,
        "imports": imports,
        "browser": browser,
    }
    earlier = ROOT / "docs" / "benchmarks.json"
    if len(measured) < len(SIZES) and earlier.exists():
        figures = with_earlier(figures, json.loads(earlier.read_text()), measured)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.json").write_text(json.dumps(figures, indent=1))
    (ROOT / "docs" / "benchmarks.md").write_text(markdown(figures))


def with_earlier(figures, earlier, measured):
    """The figures of the sets not measured now, from the earlier report, with their run."""
    runs = earlier.get("runs") or dict.fromkeys(SIZES, earlier["measured"])
    kept = [size for size in SIZES if size not in measured and size in runs]
    figures["runs"] = {**{size: runs[size] for size in kept}, **figures["runs"]}
    figures["earlier_versions"] = earlier.get("earlier_versions") or earlier["versions"]
    for key in ("http", "sql", "naive_geojson"):
        old = {size: data for size, data in earlier.get(key, {}).items() if size in kept}
        figures[key] = {**old, **figures[key]}
    figures["browser"] = [b for b in earlier.get("browser", []) if b["set"] in kept] + figures[
        "browser"
    ]
    if figures["query"] is None and "XL" in kept:
        figures["query"] = earlier.get("query")
    figures["imports"] = {**earlier.get("imports", {}), **figures["imports"]}
    return figures


def run_note(figures, size):
    """' (run of DATE)' for a set measured in an earlier run than the newest one."""
    run = figures.get("runs", {}).get(size, figures["measured"])
    return "" if run == figures["measured"] else f" (run of {run})"


def markdown(figures):
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.sh); every table comes from one run on one machine",
        "(this 2-core machine, shared with other work: the *load* column says how busy it was),",
        "with its baselines measured in that same run: B0 the framework floor (`/healthz`), B1 the",
        "same bytes as a static file from the same server, B2 the raw SQL, B3 the naive query.",
        "Loopback only; gunicorn `-w 3 -k gthread --threads 2`. The same figures are in",
        "`docs/benchmarks.json`. `BENCH_SETS=XL make bench` measures one set and keeps the",
        "others from the previous report.",
        "",
        f"Measured {figures['measured']}: "
        + ", ".join(f"{k} {v}" for k, v in figures["versions"].items()),
        "",
    ]
    earlier = sorted({run for run in figures.get("runs", {}).values()} - {figures["measured"]})
    if earlier:
        sets = [size for size, run in figures["runs"].items() if run != figures["measured"]]
        lines += [
            f"This run measured set(s) {', '.join(s for s in figures['runs'] if s not in sets)}"
            f" only (`BENCH_SETS`); the tables of set(s) {', '.join(sets)} are kept from the run"
            f" of {', '.join(earlier)} and say so in their heading; that run: "
            + ", ".join(f"{k} {v}" for k, v in figures["earlier_versions"].items()),
            "",
        ]
    if figures["query"]:
        lines += [
            f"## Nearest places among {figures['query']['places']:,} (query level, PostGIS)"
            + run_note(figures, "XL"),
            "",
            "| query | runs | median (ms) | p95 (ms) |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {r['query']} | {r['runs']} | {r['median_ms']} | {r['p95_ms']} |"
            for r in figures["query"]["results"]
        ]
        lines.append("")
    for size, data in figures["http"].items():
        lines += [
            f"## HTTP, set {size}{run_note(figures, size)}",
            "",
            "| endpoint | bytes (gzip) | first (ms) | 304 (ms) | p50 / p95 / p99 ms, 1 client | req/s 1 | p50 / p95 / p99 ms, 4 clients | req/s 4 | errors | load |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in data["results"]:
            one, four = r["runs"]
            lines.append(
                f"| {r['name']} | {r['bytes']:,} ({r['bytes_gzip']:,}) | {r.get('first_ms', '')} | "
                f"{r['revalidated_p50_ms'] or ''} | {one['p50_ms']} / {one['p95_ms']} / {one['p99_ms']} | "
                f"{one['req_per_s']} | {four['p50_ms']} / {four['p95_ms']} / {four['p99_ms']} | "
                f"{four['req_per_s']} | {one['errors'] + four['errors']} | {r.get('load_1min', '')} |"
            )
        lines += ["", f"Peak RSS per worker (MB): {data.get('worker_rss_mb')}", ""]
    for size, results in figures.get("sql", {}).items():
        lines += [
            f"## B2: endpoints against their raw SQL, set {size}{run_note(figures, size)}",
            "",
            "In one process, the cache emptied before every call; the SQL is what the view sent,",
            "replayed as plain statements on the same connection (medians).",
            "",
            "| endpoint | queries | Python calls | runs | endpoint, no cache (ms) | raw SQL (ms)"
            " | ratio | load |",
            "|---|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r['name']} | {r['queries']} | {r.get('python_calls', '')} | {r.get('runs', '')} | "
            f"{r['endpoint_uncached_p50_ms']} | {r['raw_sql_p50_ms']} | {r['ratio']} | "
            f"{r.get('load_1min', '')} |"
            for r in results
        ]
        lines.append("")
    for size, row in figures.get("naive_geojson", {}).items():
        lines += [
            f"## B3: map data against Django's geojson serializer, set {size}"
            + run_note(figures, size),
            "",
            "| payload | places | runs | app (ms) | Django serializer (ms) | times faster |",
            "|---|---|---|---|---|---|",
            f"| {row['name']} | {row['places']:,} | {row['runs']} | {row['app_p50_ms']} | "
            f"{row['naive_serializer_p50_ms']} | {row['times_faster']} |",
            "",
        ]
    if figures["browser"]:
        lines += [
            "## Home map in headless Chromium",
            "",
            "Time from navigation until the first marker is shown (tiles stubbed).",
            "",
            "| set | runs | median (ms) | max (ms) |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {b['set']}{run_note(figures, b['set'])} | {b['runs']} | {b['median_ms']} | "
            f"{b['max_ms']} |"
            for b in figures["browser"]
        ]
        lines.append("")
    lines += ["## Targets", "", "| target | measured | met | run |", "|---|---|---|---|"]
    for name, key, limit, label in TARGETS:
        value = find(figures, name, key)
        size = name if key == "browser_ms" else next(s for s in SIZES if f" {s}" in f" {name} ")
        met = (
            "yes"
            if value is not None and value <= limit
            else "no"
            if value is not None
            else "not measured"
        )
        run = figures.get("runs", {}).get(size, figures["measured"])
        lines.append(f"| {label} | {value} | {met} | {run} |")
    lines += ["", "Notes on these figures:", "", *NOTES]
    lines += ["", "## Imports", ""] + [f"- {k}: {v}" for k, v in figures["imports"].items()] + [""]
    return "\n".join(lines)


def find(figures, name, key):
    if key == "browser_ms":
        return next((b["median_ms"] for b in figures["browser"] if b["set"] == name), None)
    if key in ("ratio", "uncached"):
        field = "ratio" if key == "ratio" else "endpoint_uncached_p50_ms"
        rows = [r for results in figures.get("sql", {}).values() for r in results]
        return next((r[field] for r in rows if r["name"] == name), None)
    for data in figures["http"].values():
        for result in data["results"]:
            if result["name"] == name:
                if key in ("first_ms", "revalidated_p50_ms"):
                    return result.get(key)
                return result["runs"][1][key] if key == "p95_ms" else result["runs"][0][key]
    return None


if __name__ == "__main__":
    main()
