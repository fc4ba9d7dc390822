#!/usr/bin/env bash
# Install the Debian packages named as arguments, only those that are missing.
#
# What it probes may be absent on a fresh machine, and that must never stop it: `make run`
# calls it without PostgreSQL installed, and `make test` before anything is installed.
# PG_LIB_DIR (default /usr/lib/postgresql) is the folder of installed PostgreSQL servers;
# tests point it at a missing folder.
set -euo pipefail
pg_lib_dir="${PG_LIB_DIR:-/usr/lib/postgresql}"

fail() { echo "apt-ensure: $*" >&2; exit 1; }

# PostGIS is packaged per PostgreSQL major version: follow the newest installed server.
# No server installed (no folder, or an empty one) keeps the names as given (Debian 12: 15).
pg_major=""
if [ -d "$pg_lib_dir" ]; then
  pg_major="$(ls "$pg_lib_dir" | grep -E '^[0-9]+$' | sort -n | tail -1 || true)"
fi

missing=()
for package in "$@"; do
  if [ -n "$pg_major" ]; then package="${package/postgresql-15-/postgresql-$pg_major-}"; fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command -v apt-get >/dev/null || fail "missing system packages: ${missing[*]}; this machine has no apt-get: install them by hand."
SUDO=""
if [ "$(id -u)" != "0" ]; then
  command -v sudo >/dev/null || fail "missing system packages: ${missing[*]}; run make as root, or install sudo, or install them by hand."
  SUDO="sudo"
fi

echo "Installing system packages: ${missing[*]}"
# A fresh machine (or a container image) may have no package lists yet: always update first.
$SUDO apt-get update -qq || fail "apt-get update failed (see above): check the network and /etc/apt/sources.list*, then run make again."
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || fail "apt-get install ${missing[*]} failed (see above): fix what apt says, then run make again."
