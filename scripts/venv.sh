#!/usr/bin/env bash
# Build the virtualenv from uv.lock on a Python 3.11 whose sqlite3 can load extensions
# (SpatiaLite needs that; pyenv and some other builds leave it out).
#
# What it probes may be absent (no such Python, no uv, no venv module): each case ends in one
# line saying what to install. Overridable for tests: PYTHON_CANDIDATES (the Pythons to try,
# space-separated), UV_BIN (a uv to use; empty: bootstrap one), UV_BOOTSTRAP (where to
# bootstrap uv; scripts/audit.py looks for it in var/uv-bootstrap).
set -euo pipefail
venv="${1:-.venv}"
bootstrap="${UV_BOOTSTRAP:-var/uv-bootstrap}"

fail() { echo "venv: $*" >&2; exit 1; }

can_load_extensions() {
  "$1" -c 'import sqlite3, sys; assert sys.version_info[:2] == (3, 11); sqlite3.connect(":memory:").enable_load_extension(True)' 2>/dev/null
}

default_candidates="/usr/bin/python3 /usr/bin/python3.11 /usr/local/bin/python3.11 $(command -v python3.11 || true) $(command -v python3 || true)"
python=""
for candidate in ${PYTHON_CANDIDATES-$default_candidates}; do
  if [ -x "$candidate" ] && can_load_extensions "$candidate"; then
    python="$candidate"; break
  fi
done
[ -n "$python" ] || fail "no Python 3.11 whose sqlite3 can load extensions (SpatiaLite needs it): on Debian 12 run apt-get install python3 python3-venv (its /usr/bin/python3 is 3.11)."

uv="${UV_BIN-$(command -v uv || true)}"
if [ -z "$uv" ]; then
  uv="$bootstrap/bin/uv"
  if [ ! -x "$uv" ]; then
    # Bootstrap uv from the package registry into its own small virtualenv. A half-made one
    # (an earlier run that failed) is removed, so the next run starts clean.
    rm -rf "$bootstrap"
    "$python" -m venv "$bootstrap" >/dev/null 2>&1 \
      || { rm -rf "$bootstrap"; fail "$python cannot make a virtualenv (no venv/ensurepip module): apt-get install python3-venv, then run make again."; }
    "$bootstrap/bin/pip" install -q uv \
      || { rm -rf "$bootstrap"; fail "pip could not install uv from PyPI (see above): check the network or proxy settings, then run make again."; }
  fi
fi
echo "Virtualenv $venv on $python ($("$python" --version))"
UV_PROJECT_ENVIRONMENT="$venv" "$uv" sync --frozen --python "$python" --quiet \
  || fail "uv sync of $venv from uv.lock failed (see above): check the network to PyPI; if $venv is damaged, remove it and run make again."
