#!/usr/bin/env bash
# make loadtest: the Amsterdam demo data in a fresh PostGIS database (ontmoeting_load), served
# by gunicorn on loopback; bench/loadtest/users.py puts 20 users on it for 60 s and restarts the
# database halfway; bench/loadtest/check.py checks the edits and writes docs/loadtest.md and .json.
# The restart interrupts every user of that PostgreSQL server for a few seconds:
# LOADTEST_RESTART= (empty) leaves it out.
#
# The server is the one `make postgres` set up: PG_URL (from the Makefile; its credentials and
# port, another database) on PG_PORT. The restart needs that server to be a cluster of this
# machine (pg_lsclusters, through scripts/postgres-ensure.sh --cluster); when it is not, or
# PostgreSQL is not installed at all, the run goes on without the restart and says so.
#
#   bench/loadtest/run.sh           the whole run
#   bench/loadtest/run.sh --probe   only say which database and restart it would use
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
PORT=${LOADTEST_PORT:-8766}
PG_PORT=${PG_PORT:-5432}
DB=ontmoeting_load
BASE_URL=${PG_URL:-postgis://postgres@127.0.0.1:$PG_PORT/ontmoeting}
URL=${BASE_URL%/*}/$DB
OUT=var/loadtest
WORKERS="-w 3 -k gthread --threads 2"

if [ -z "${LOADTEST_RESTART+set}" ]; then
  cluster="$(PG_PORT=$PG_PORT bash scripts/postgres-ensure.sh --cluster)"
  if [ -n "$cluster" ]; then
    LOADTEST_RESTART="pg_ctlcluster --skip-systemctl-redirect $cluster restart"
  else
    echo "loadtest: no local PostgreSQL cluster on port $PG_PORT to restart: running without the restart (set LOADTEST_RESTART to a command that restarts the server)." >&2
    LOADTEST_RESTART=""
  fi
fi
export LOADTEST_RESTART
if [ "${1:-}" = "--probe" ]; then
  echo "database: ${URL%%://*}://…@${URL#*@}"
  echo "restart: ${LOADTEST_RESTART:-none}"
  exit 0
fi

# psql in database $1 of the server and user of $BASE_URL; the password (if any) goes in
# PGPASSWORD, not on the command line. psql takes postgresql://, Django's URL says postgis://.
psql_db() {
  local rest="${BASE_URL#*://}" db="$1"; shift
  local login="${rest%%@*}" server="${rest#*@}" password="${PGPASSWORD:-}"
  if [[ "$login" == *:* ]]; then password="${login#*:}"; login="${login%%:*}"; fi
  PGPASSWORD="$password" psql -q "postgresql://$login@${server%%/*}/$db" "$@"
}

export LOADTEST_PORT=$PORT LOADTEST_GUNICORN="$WORKERS"
export SECRET_KEY=loadtest-only-secret-key-not-for-production DEBUG= DATABASE_URL=$URL
mkdir -p "$OUT"
umask 077

echo "Fresh database $DB with the Amsterdam data"
psql_db postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_db postgres -c "CREATE DATABASE $DB"
psql_db "$DB" -c "CREATE EXTENSION postgis"
$PY manage.py migrate --noinput -v 0
$PY manage.py import_areas data/areas-amsterdam-2024.geojson --commit | tail -1
$PY manage.py import_places data/places-amsterdam.geojson --commit | tail -1
$PY bench/loadtest/check.py prepare "${LOADTEST_OWNERS:-8}" > "$OUT/accounts.json"
$PY manage.py collectstatic --noinput -v 0

.venv/bin/gunicorn ontmoeting.wsgi --bind 127.0.0.1:$PORT $WORKERS \
  --pid "$OUT/gunicorn.pid" --error-logfile "$OUT/gunicorn.log" \
  --access-logfile "$OUT/access.log" --daemon
stop() { kill "$(cat "$OUT/gunicorn.pid")" 2>/dev/null || true; }
trap stop EXIT
# Wait for the first answer (Python's urllib: curl is not on every fresh machine).
for _ in $(seq 1 50); do
  $PY -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
    "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 0.2
done

echo "Load: ${LOADTEST_USERS:-20} users for ${LOADTEST_SECONDS:-60} s; restart: ${LOADTEST_RESTART:-none}"
$PY bench/loadtest/users.py "$OUT/accounts.json" > "$OUT/run.json"
stop
trap - EXIT
$PY bench/loadtest/check.py verify "$OUT/accounts.json" "$OUT/run.json"
