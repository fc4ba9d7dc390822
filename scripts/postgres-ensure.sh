#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 and the database has PostGIS.
set -euo pipefail
export PGOPTIONS="--client-min-messages=warning"
host=127.0.0.1; port=5432; user="${PGUSER:-postgres}"; db=ontmoeting

if ! pg_isready -q -h "$host" -p "$port"; then
  version="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)"
  if [ -z "$version" ]; then
    echo "No PostgreSQL server answers on $host:$port and no local cluster exists." >&2
    exit 1
  fi
  echo "Starting the local PostgreSQL $version cluster"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
fi

if ! psql -h "$host" -p "$port" -U "$user" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
  cat >&2 <<MSG
PostgreSQL answers on $host:$port but does not let "$user" in without a password.
Allow it (trust for 127.0.0.1 in pg_hba.conf), or set PG_URL=postgis://USER:PASSWORD@$host:$port/$db
and PGUSER/PGPASSWORD for this script.
MSG
  exit 1
fi
psql -h "$host" -p "$port" -U "$user" -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
  || psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "create database $db"
psql -q -h "$host" -p "$port" -U "$user" -d "$db" -c "create extension if not exists postgis"
