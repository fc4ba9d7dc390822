#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:$PG_PORT (default 5432), lets this project in and
# has the database "ontmoeting" with PostGIS; then write the URL that worked to
# var/postgres-$PG_PORT.url (mode 600), which the Makefile's PG_URL reads.
#
# Nothing answers on the port: it starts the local cluster configured on that port or, when
# there is none, creates one named ontmoeting-$PG_PORT (UTF-8, listening on loopback only).
# So PG_PORT=5433 never touches the machine's own server on 5432.
#
# Login: first the URL saved by an earlier run, then $PGUSER (default postgres) without a
# password (trust, as on CI). Debian's own default refuses that (scram-sha-256 over TCP, peer
# on the socket), so for a cluster of this machine it then logs in over the socket as the
# postgres system user and gives the role "ontmoeting" a generated password, kept only in the
# .url file. That role is a superuser because Django's test runner creates the test database
# and runs CREATE EXTENSION postgis in it, which PostGIS allows superusers only.
#
# What it probes may be absent on a fresh machine; tests point these at missing folders:
# PG_CLUSTER_CONF_ROOT (postgresql-common's own variable for /etc/postgresql, read by
# pg_lsclusters and pg_createcluster), PG_LIB_DIR (installed servers, /usr/lib/postgresql),
# VAR_DIR (var).
#
#   scripts/postgres-ensure.sh             set up, as above
#   scripts/postgres-ensure.sh --cluster   print "VERSION NAME" of the local cluster on the port
set -euo pipefail
export PGOPTIONS="--client-min-messages=warning"
host=127.0.0.1
port="${PG_PORT:-5432}"
user="${PGUSER:-postgres}"
db=ontmoeting
role=ontmoeting
var="${VAR_DIR:-var}"
url_file="$var/postgres-$port.url"
pg_lib_dir="${PG_LIB_DIR:-/usr/lib/postgresql}"
SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"

fail() { echo "postgres-ensure: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# "VERSION NAME" of the cluster configured on $port on this machine, or nothing.
local_cluster() {
  have pg_lsclusters || return 0
  pg_lsclusters --no-header 2>/dev/null | awk -v port="$port" '$3 == port { print $1, $2; exit }' || true
}

if [ "${1:-}" = "--cluster" ]; then
  local_cluster
  exit 0
fi

{ have pg_isready && have psql; } \
  || fail "the PostgreSQL client is not installed: run make test-system-packages (or apt-get install postgresql-client)."

answers() { pg_isready -q -h "$host" -p "$port"; }

if ! answers; then
  cluster="$(local_cluster)"
  if [ -z "$cluster" ]; then
    version=""
    if [ -d "$pg_lib_dir" ]; then
      version="$(ls "$pg_lib_dir" | grep -E '^[0-9]+$' | sort -n | tail -1 || true)"
    fi
    if [ -z "$version" ] || ! have pg_createcluster; then
      fail "nothing answers on $host:$port and no PostgreSQL server is installed here: run make test-system-packages (or apt-get install postgresql), or set PG_PORT to the port of a running server."
    fi
    cluster="$version ontmoeting-$port"
    echo "Nothing answers on $host:$port: creating the local PostgreSQL cluster $cluster there"
    # C.UTF-8 exists on every Debian system, so the databases are UTF-8 whatever LANG says.
    # shellcheck disable=SC2086 # $cluster is "VERSION NAME", two words on purpose
    $SUDO pg_createcluster --locale C.UTF-8 -p "$port" -o listen_addresses=localhost $cluster >/dev/null \
      || fail "pg_createcluster $cluster -p $port failed (see above)."
  fi
  log="/var/log/postgresql/postgresql-${cluster/ /-}.log"
  echo "Starting the local PostgreSQL cluster $cluster on port $port"
  # shellcheck disable=SC2086
  $SUDO pg_ctlcluster $cluster start || fail "could not start the PostgreSQL cluster $cluster: see $log."
  for _ in $(seq 1 30); do answers && break; sleep 1; done
  answers || fail "the PostgreSQL cluster $cluster started but does not answer on $host:$port: see $log."
fi

# psql against the server and user of a URL (Django's, postgis://…), in database $2. The
# password goes in PGPASSWORD, not on the command line where ps would show it.
psql_url() {
  local rest="${1#*://}" db="$2"; shift 2
  local login="${rest%%@*}" server="${rest#*@}" password="${PGPASSWORD:-}"
  if [[ "$login" == *:* ]]; then password="${login#*:}"; login="${login%%:*}"; fi
  PGPASSWORD="$password" psql "postgresql://$login@${server%%/*}/$db" "$@"
}
# Log in to the "postgres" database: "ontmoeting" may not exist yet.
lets_in() { psql_url "$1" postgres -tAc 'select 1' >/dev/null 2>&1; }
as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}

saved="$(cat "$url_file" 2>/dev/null || true)"
if [ -n "$saved" ] && lets_in "$saved"; then
  url="$saved"
elif lets_in "postgis://$user@$host:$port/$db"; then
  url="postgis://$user@$host:$port/$db"
else
  cluster="$(local_cluster)"
  [ -n "$cluster" ] \
    || fail "PostgreSQL on $host:$port does not let $user in without a password and is no cluster of this machine: set PGUSER and PGPASSWORD for it (and PG_URL=postgis://USER:PASSWORD@$host:$port/$db)."
  password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  echo "PostgreSQL $cluster wants a password: the role $role gets a generated one, kept in $url_file"
  # Over the socket (peer login) from /, which the postgres user can always enter; the
  # password goes in on stdin, not on psql's command line.
  (cd / && as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null) <<SQL \
    || fail "could not log in to the cluster $cluster as the postgres system user to create the role $role: run make as root (or with sudo), or set PGUSER and PGPASSWORD."
\\set role $role
\\set password $password
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN SUPERUSER PASSWORD :'password';
SQL
  url="postgis://$role:$password@$host:$port/$db"
  lets_in "$url" \
    || fail "the role $role still cannot log in on $host:$port with its password: check pg_hba.conf of the cluster $cluster (host 127.0.0.1 needs scram-sha-256, md5 or trust)."
fi
mkdir -p "$var"
(umask 077 && printf '%s\n' "$url" > "$url_file")

if ! psql_url "$url" postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
  psql_url "$url" postgres -q -c "create database $db" || fail "could not create the database $db on $host:$port (see above)."
fi
if ! error="$(psql_url "$url" "$db" -q -c "create extension if not exists postgis" 2>&1)"; then
  major="$(psql_url "$url" postgres -tAc "select current_setting('server_version_num')::int / 10000" 2>/dev/null || echo 15)"
  fail "no PostGIS in $db on $host:$port (${error%%$'\n'*}): apt-get install postgresql-$major-postgis-3 (make test-system-packages installs it)."
fi
