#!/usr/bin/env bash
# make bench: synthetic sets S, M and XL on PostGIS, each served by gunicorn on loopback and
# measured with bench/load.py; query-level figures from bench/nearby.py; report in docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${BENCH_PORT:-8765}
OUT=var/bench
mkdir -p "$OUT"
export SECRET_KEY=bench-only-secret-key-not-for-production DEBUG= BENCH_PORT=$PORT
export BENCH_PASSWORD=bench-only-password-not-for-production

ensure_db() {  # name, size
  local db=$1 size=$2 url=postgis://postgres@127.0.0.1:5432/$1
  psql -q -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
    || psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $db"
  DATABASE_URL=$url $PY manage.py migrate --noinput -v 0
  local have
  have=$(psql -h 127.0.0.1 -U postgres -d "$db" -tAc "select count(*) from places_place where source='synthetic'")
  if [ "$have" != "$size" ]; then
    DATABASE_URL=$url $PY manage.py generate_places "$size" --seed 7 --commit | tail -1 | tee "$OUT/import-$db.txt"
  fi
  # Pre-aggregated clusters for the low zooms (what cron does after changes).
  DATABASE_URL=$url $PY manage.py aggregate_map --if-stale
  # A policy account for the dashboard (beleid needs no second step).
  DATABASE_URL=$url $PY manage.py shell -v 0 -c "
from django.contrib.auth import get_user_model
from places import roles
user, _new = get_user_model().objects.get_or_create(username='bench-beleid')
user.set_password('$BENCH_PASSWORD')
user.save()
user.groups.add(roles.ensure_groups()[roles.POLICY])" 2>/dev/null
}

serve() {  # database url
  DATABASE_URL=$1 .venv/bin/gunicorn ontmoeting.wsgi --bind 127.0.0.1:$PORT -w 3 -k gthread \
    --threads 2 --control-socket "$OUT/gunicorn.ctl" --pid "$OUT/gunicorn.pid" \
    --error-logfile "$OUT/gunicorn.log" --daemon
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  sleep 1
  export BENCH_WORKER_PIDS=$(pgrep -P "$(cat "$OUT/gunicorn.pid")" | tr '\n' ' ')
}

stop() {
  kill "$(cat "$OUT/gunicorn.pid")" 2>/dev/null || true
  for _ in $(seq 1 50); do [ -e "$OUT/gunicorn.pid" ] || break; sleep 0.2; done
  sleep 0.5
}

measure_set() {  # label, db, endpoints json
  local url=postgis://postgres@127.0.0.1:5432/$2
  serve "$url"; $PY bench/load.py prepare "$3"; stop
  serve "$url"; $PY bench/load.py measure "$3" > "$OUT/http-$1.json"
  if [ "$1" != XL ]; then $PY bench/browser.py "$1" > "$OUT/browser-$1.json"; fi
  stop
}

# The cost of evaluating opening hours (no database): docs/hours-bench.md; in full runs only.
if [ -z "${BENCH_SETS:-}" ]; then $PY bench/hours.py > "$OUT/hours.txt"; fi

$PY manage.py collectstatic --noinput -v 0
case " ${BENCH_SETS:-S M XL} " in *" S "*) ensure_db ontmoeting_bench_s 300 ;; esac
case " ${BENCH_SETS:-S M XL} " in *" M "*) ensure_db ontmoeting_bench_m 20000 ;; esac
case " ${BENCH_SETS:-S M XL} " in *" XL "*) ensure_db ontmoeting_bench 1000000 ;; esac

AMS="bbox=4.85,52.34,4.95,52.40"
S_ENDPOINTS='[
 ["map data S, all", "/kaart.geojson?zoom=8"],
 ["home page S", "/"],
 ["place page S", "/plek/synthetisch-5/"],
 ["nearby page S", "/in-de-buurt/?lat=52.37&lng=4.89&straal=5000"]]'
M_ENDPOINTS='[
 ["map data M, all at zoom 8", "/kaart.geojson?zoom=8"],
 ["map data M, Amsterdam at zoom 12", "/kaart.geojson?zoom=12&'"$AMS"'"],
 ["map data M, 1,458 points at zoom 14", "/kaart.geojson?zoom=14&bbox=4.70,52.25,5.10,52.50"],
 ["map data M, all 18,000 points (zoom 17)", "/kaart.geojson?zoom=17&bbox=3.0,50.7,7.3,53.6"],
 ["map data M, Amsterdam at zoom 15", "/kaart.geojson?zoom=15&bbox=4.88,52.36,4.90,52.38"],
 ["home page M", "/"],
 ["place page M", "/plek/synthetisch-5/"],
 ["dashboard M, 10 gemeenten by wijk", "/beleid/", "bench-beleid"],
 ["dashboard M, one gemeente by buurt, coverage", "/beleid/?gemeente=GM9001&niveau=buurt&maat=dekking", "bench-beleid"]]'
XL_ENDPOINTS='[
 ["map data XL, all at zoom 8", "/kaart.geojson?zoom=8"],
 ["map data XL, screen at zoom 10", "/kaart.geojson?zoom=10&bbox=4.0,52.07,5.76,52.67"],
 ["map data XL, Amsterdam at zoom 12", "/kaart.geojson?zoom=12&'"$AMS"'"],
 ["map data XL, screen at zoom 14", "/kaart.geojson?zoom=14&bbox=4.84,52.35,4.95,52.39"],
 ["map data XL, Amsterdam at zoom 15", "/kaart.geojson?zoom=15&bbox=4.88,52.36,4.90,52.38"],
 ["map data XL on a date, all at zoom 8", "/kaart.geojson?zoom=8&op=2019-01-01"],
 ["map data XL on a date, screen at zoom 10", "/kaart.geojson?zoom=10&bbox=4.0,52.07,5.76,52.67&op=2019-01-01"],
 ["map data XL on a date, Amsterdam at zoom 12", "/kaart.geojson?zoom=12&'"$AMS"'&op=2019-01-01"],
 ["map data XL on a date, screen at zoom 14", "/kaart.geojson?zoom=14&bbox=4.84,52.35,4.95,52.39&op=2019-01-01"],
 ["nearby API XL, k=10", "/api/in-de-buurt.json?lat=52.37&lng=4.89&k=10"],
 ["nearby API XL, k=10, type filter", "/api/in-de-buurt.json?lat=52.37&lng=4.89&k=10&type=buurtkamer"],
 ["nearby page XL", "/in-de-buurt/?lat=52.37&lng=4.89&straal=1000"],
 ["nearby page XL, type filter", "/in-de-buurt/?lat=52.37&lng=4.89&straal=1000&type=buurtkamer"],
 ["nearby page XL, all 100 (Toon meer plekken four times)", "/in-de-buurt/?lat=52.37&lng=4.89&straal=1000&aantal=100"],
 ["nearby page XL, open now", "/in-de-buurt/?lat=52.37&lng=4.89&straal=1000&open_now=on"],
 ["place page XL", "/plek/synthetisch-5/"]]'
# The policy dashboard over all 9,000 buurten (the national view) and one gemeente, read from the
# coverage table (places.policy.coverage); at M also a distance the table does not keep (computed
# as before) for comparison. Only in B2 (no cache, beside the raw SQL), with few runs: at 1M a
# request takes seconds, too long for the HTTP load runs.
M_DASHBOARD='[
 ["dashboard M, national, inhabitants beyond 800 m (gaps layer)", "/beleid/?maat=inwoners", "bench-beleid"],
 ["dashboard M, national at 799 m (not kept: computed)", "/beleid/?afstand=799", "bench-beleid"]]'
XL_DASHBOARD='[
 ["dashboard XL, national by wijk", "/beleid/", "bench-beleid"],
 ["dashboard XL, one gemeente by buurt, coverage", "/beleid/?gemeente=GM9001&niveau=buurt&maat=dekking", "bench-beleid"]]'
# BENCH_SETS=XL measures one set only; the report then keeps the other sets' figures from
# docs/benchmarks.json, each table saying which run it comes from.
SETS=${BENCH_SETS:-S M XL}
case " $SETS " in *" S "*) measure_set S ontmoeting_bench_s "$S_ENDPOINTS" ;; esac
case " $SETS " in *" M "*) measure_set M ontmoeting_bench_m "$M_ENDPOINTS"
  # B2: each endpoint against the raw SQL it runs (in-process, cache emptied every time).
  DATABASE_URL=postgis://postgres@127.0.0.1:5432/ontmoeting_bench_m $PY bench/sql.py "$M_ENDPOINTS" \
    --naive 2>"$OUT/sql-M.log" > "$OUT/sql-M.json"
  DATABASE_URL=postgis://postgres@127.0.0.1:5432/ontmoeting_bench_m BENCH_SQL_REPEAT=5 $PY bench/sql.py \
    "$M_DASHBOARD" 2>>"$OUT/sql-M.log" > "$OUT/sql-M-dashboard.json" ;; esac
case " $SETS " in *" XL "*) measure_set XL ontmoeting_bench "$XL_ENDPOINTS"
  DATABASE_URL=postgis://postgres@127.0.0.1:5432/ontmoeting_bench $PY bench/sql.py "$XL_ENDPOINTS" \
    2>"$OUT/sql-XL.log" > "$OUT/sql-XL.json"
  DATABASE_URL=postgis://postgres@127.0.0.1:5432/ontmoeting_bench BENCH_SQL_REPEAT=3 $PY bench/sql.py \
    "$XL_DASHBOARD" 2>>"$OUT/sql-XL.log" > "$OUT/sql-XL-dashboard.json"
  DATABASE_URL=postgis://postgres@127.0.0.1:5432/ontmoeting_bench $PY bench/nearby.py > "$OUT/query-XL.json" ;; esac
$PY bench/report.py "$OUT" $SETS
