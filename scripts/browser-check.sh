#!/usr/bin/env bash
# Can the browser tests start? Playwright's driver (the node binary bundled in its Python
# package) and Debian's Chromium each need shared libraries that a fresh machine may lack
# (libatomic1 for the driver). Without this check a missing one shows up as an error in every
# browser test ("Connection closed while reading from the driver"), with the real cause only
# in captured stderr. Here it is one line, before pytest starts.
#
#   scripts/browser-check.sh [PYTHON]   (default .venv/bin/python; CHROMIUM as in the tests)
set -euo pipefail
python="${1:-.venv/bin/python}"
chromium="${CHROMIUM:-/usr/bin/chromium}"

fail() { echo "browser-check: $*" >&2; exit 1; }

# What to do about a program's start-up error: the Debian package of a shared library the
# loader could not find, else the error's first line.
advice() {
  local library
  library="$(grep -o 'lib[A-Za-z0-9_+.-]*\.so[.0-9]*' <<<"$1" | head -1 || true)"
  case "$library" in
    "") echo "${1%%$'\n'*}" ;;
    libatomic.so.*) echo "$library is missing: apt-get install libatomic1 (and add it to TEST_PACKAGES in the Makefile)" ;;
    *) echo "$library is missing: apt-get install the Debian package that has it (and add it to TEST_PACKAGES in the Makefile)" ;;
  esac
}

driver="$("$python" -c 'import pathlib, playwright; print(pathlib.Path(playwright.__file__).parent / "driver" / "node")' 2>/dev/null)" \
  || fail "Playwright is not installed in $python's environment: run make venv."
if ! output="$("$driver" --version 2>&1)"; then
  fail "Playwright's driver ($driver) does not start: $(advice "$output")."
fi
[ -x "$chromium" ] || fail "no Chromium at $chromium: run make test-system-packages (apt-get install chromium)."
if ! output="$("$chromium" --version 2>&1)"; then
  fail "Chromium ($chromium) does not start: $(advice "$output")."
fi

# Both start: now the real thing, once, with the launch arguments of tests/browser/conftest.py.
if ! output="$("$python" - "$chromium" 2>&1 <<'PY'
import sys

from playwright.sync_api import sync_playwright

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path=sys.argv[1], args=["--no-sandbox", "--disable-gpu"], timeout=60_000
    )
    print(browser.version)
    browser.close()
PY
)"; then
  fail "Playwright cannot launch $chromium: $(grep -m1 -iE 'error|missing|cannot' <<<"$output" || echo "${output%%$'\n'*}")."
fi
echo "Browser check: Playwright's driver and Chromium ${output##*$'\n'} start."
