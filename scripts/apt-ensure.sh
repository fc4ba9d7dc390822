#!/usr/bin/env bash
# Install the Debian packages named as arguments, only those that are missing.
set -euo pipefail
SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"

# PostGIS is packaged per PostgreSQL major version: follow the installed server.
pg_major="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
missing=()
for package in "$@"; do
  if [ -n "$pg_major" ]; then package="${package/postgresql-15-/postgresql-$pg_major-}"; fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]}. This machine has no apt-get: install them by hand." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
