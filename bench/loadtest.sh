#!/usr/bin/env bash
# make loadtest: the Amsterdam demo data in a fresh PostGIS database (ontmoeting_load), served
# by gunicorn on loopback; bench/loadtest.py puts 20 users on it for 60 s and restarts the
# database halfway; bench/loadcheck.py checks the edits and writes docs/loadtest.md and .json.
# The restart interrupts every user of the local PostgreSQL server for a few seconds:
# LOADTEST_RESTART= (empty) leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${LOADTEST_PORT:-8766}
DB=ontmoeting_load
URL=postgis://postgres@127.0.0.1:5432/$DB
OUT=var/loadtest
WORKERS="-w 3 -k gthread --threads 2"
PG_VERSION=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
export LOADTEST_RESTART=${LOADTEST_RESTART-pg_ctlcluster --skip-systemctl-redirect $PG_VERSION main restart}
export LOADTEST_PORT=$PORT LOADTEST_GUNICORN="$WORKERS"
export SECRET_KEY=loadtest-only-secret-key-not-for-production DEBUG= DATABASE_URL=$URL
mkdir -p "$OUT"
umask 077

echo "Fresh database $DB with the Amsterdam data"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB"
psql -q -h 127.0.0.1 -U postgres -d $DB -c "CREATE EXTENSION postgis"
$PY manage.py migrate --noinput -v 0
$PY manage.py import_areas data/areas-amsterdam-2024.geojson --commit | tail -1
$PY manage.py import_places data/places-amsterdam.geojson --commit | tail -1
$PY bench/loadcheck.py prepare "${LOADTEST_OWNERS:-8}" > "$OUT/accounts.json"
$PY manage.py collectstatic --noinput -v 0

.venv/bin/gunicorn ontmoeting.wsgi --bind 127.0.0.1:$PORT $WORKERS \
  --pid "$OUT/gunicorn.pid" --error-logfile "$OUT/gunicorn.log" \
  --access-logfile "$OUT/access.log" --daemon
stop() { kill "$(cat "$OUT/gunicorn.pid")" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

echo "Load: ${LOADTEST_USERS:-20} users for ${LOADTEST_SECONDS:-60} s; restart: ${LOADTEST_RESTART:-none}"
$PY bench/loadtest.py "$OUT/accounts.json" > "$OUT/run.json"
stop
trap - EXIT
$PY bench/loadcheck.py verify "$OUT/accounts.json" "$OUT/run.json"
