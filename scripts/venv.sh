#!/usr/bin/env bash
# Build the virtualenv from uv.lock on a Python 3.11 whose sqlite3 can load extensions
# (SpatiaLite needs that; pyenv and some other builds leave it out).
set -euo pipefail
venv="${1:-.venv}"

can_load_extensions() {
  "$1" -c 'import sqlite3, sys; assert sys.version_info[:2] == (3, 11); sqlite3.connect(":memory:").enable_load_extension(True)' 2>/dev/null
}

python=""
for candidate in /usr/bin/python3 /usr/bin/python3.11 /usr/local/bin/python3.11 "$(command -v python3.11 || true)" "$(command -v python3 || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && can_load_extensions "$candidate"; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  cat >&2 <<'MSG'
No Python 3.11 found whose sqlite3 module can load extensions (SpatiaLite needs that).
On Debian/Ubuntu: sudo apt-get install python3 python3-venv   (Debian 12's /usr/bin/python3 is 3.11)
MSG
  exit 1
fi

uv="$(command -v uv || true)"
if [ -z "$uv" ]; then
  # Bootstrap uv from the package registry into its own small virtualenv.
  "$python" -m venv var/uv-bootstrap
  var/uv-bootstrap/bin/pip install -q uv
  uv="var/uv-bootstrap/bin/uv"
fi
echo "Virtualenv $venv on $python ($("$python" --version))"
UV_PROJECT_ENVIRONMENT="$venv" "$uv" sync --frozen --python "$python" --quiet
