#!/usr/bin/env bash
# make fresh-check: the README's lines on a truly fresh Debian 12 (issue 22). CI cannot show
# what a new machine lacks, because its machine already has PostgreSQL, Chromium's libraries
# and the rest; this builds a machine that has nothing.
#
# 1. A minbase Debian 12 root from debootstrap, built once into var/fresh-check/base
#    (FRESH_REBUILD=1 builds it again) and copied to var/fresh-check/root for every run, so
#    each run starts from the same untouched system. Its apt sources are those of Docker's
#    debian:12 image (bookworm, -updates, -security), all from deb.debian.org.
# 2. A clean clone of this repository's HEAD (or FRESH_REF): commit first, uncommitted work is
#    not checked.
# 3. In a private mount and PID namespace (unshare), so that every mount and every process
#    started in the root (PostgreSQL, gunicorn, Chromium) ends with the check: /proc, /sys, a
#    private /dev/pts and /dev/shm (the device nodes are debootstrap's); a policy-rc.d that
#    returns 101, as Docker's Debian images have, so installed packages start no services; the
#    host's resolv.conf and a default /etc/hosts. The network is this machine's, not part of
#    what is checked: when it trusts extra CAs (/usr/local/share/ca-certificates, e.g. behind a
#    TLS-intercepting proxy) the root gets them too, and SSL_CERT_FILE, PIP_CERT,
#    REQUESTS_CA_BUNDLE and NODE_EXTRA_CA_CERTS point uv, pip and npm at the system bundle.
# 4. In the chroot, as root, with an empty environment: the README's prerequisite line (read
#    from the cloned README.md), then `make run` (first, as a newcomer does, while PostgreSQL
#    is not installed: it must not need it) until it answers HTTP 200, then `make test`.
#    The root shares this machine's network, so its PostgreSQL uses PG_PORT=5433 and make run
#    PORT=8765: this machine's servers on 5432 and 8000 are left alone.
#
# Prints make run's first 200 and make test's pytest summary lines; exits non-zero on any
# failure. The logs, and the root as the check left it (2-3 GB, replaced by the next run), are
# in var/fresh-check/. Needs root; about 20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
work="${FRESH_DIR:-$repo/var/fresh-check}"
base="$work/base"
root="$work/root"
mirror="${FRESH_MIRROR:-http://deb.debian.org/debian}"
pg_port="${FRESH_PG_PORT:-5433}"
http_port="${FRESH_HTTP_PORT:-8765}"
run_timeout="${FRESH_RUN_TIMEOUT:-1800}"

fail() { echo "fresh-check: $*" >&2; exit 1; }
say() { echo "fresh-check: $*"; }

# A command in the chroot, as a fresh login would have it: root, an empty environment (plus
# the network's CA settings, see 3.).
in_root() {
  # shellcheck disable=SC2046 # network.env holds NAME=VALUE words without spaces
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    $(cat "$work/network.env") /bin/bash -c "cd /root/ontmoeting && $1"
}

mounts_under() { awk -v root="$1/" 'index($2, root) == 1 { print $2 }' /proc/self/mounts; }

# --- Inside the private namespaces (the second half of this script) ---------------------------
if [ "${1:-}" = "--inside" ]; then
  unmount() {
    for target in dev/shm dev/pts sys proc; do umount -l "$root/$target" 2>/dev/null || true; done
  }
  trap unmount EXIT
  mount -t proc proc "$root/proc"
  mount -t sysfs -o ro sysfs "$root/sys"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
  mount -t tmpfs -o mode=1777,size=1g shm "$root/dev/shm"

  prerequisites="$(grep -m1 '^apt-get ' "$root/root/ontmoeting/README.md" | sed 's/ *#.*//')"
  [ -n "$prerequisites" ] || fail "README.md has no line starting with apt-get (the prerequisite line)."
  say "README's prerequisite line: $prerequisites"
  in_root "$prerequisites" > "$work/prerequisites.log" 2>&1 \
    || fail "the README's prerequisite line failed: see $work/prerequisites.log."

  installed() { chroot "$root" dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
  say "make run PORT=$http_port (PostgreSQL installed: $(installed postgresql && echo yes || echo no))"
  started=$SECONDS
  # Its own process group, so that stopping it stops make and gunicorn together.
  root="$root" work="$work" setsid bash -c "$(declare -f in_root); in_root 'exec make run PORT=$http_port'" \
    > "$work/make-run.log" 2>&1 &
  run_pid=$!
  status=""
  while [ $((SECONDS - started)) -lt "$run_timeout" ] && kill -0 "$run_pid" 2>/dev/null; do
    status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/" || true)"
    [ "$status" = 200 ] && break
    sleep 2
  done
  if [ "$status" = 200 ]; then
    say "make run: $(curl -sS -o /dev/null -D - "http://127.0.0.1:$http_port/" | head -1 | tr -d '\r') from http://127.0.0.1:$http_port/ after $((SECONDS - started)) s"
  fi
  kill -TERM -- "-$run_pid" 2>/dev/null || true
  wait "$run_pid" 2>/dev/null || true
  [ "$status" = 200 ] \
    || fail "make run gave no HTTP 200 on port $http_port (last: ${status:-none}): see $work/make-run.log."
  # What a developer sees in the terminal: no audit JSON lines, one time zone in gunicorn's log.
  ! grep -q '"action"' "$work/make-run.log" \
    || fail "make run printed audit-log JSON lines to the console: see $work/make-run.log."
  zones="$(grep -oE '^\[[0-9-]+ [0-9:]+ [+-][0-9]{4}\]' "$work/make-run.log" | awk '{print $3}' | tr -d ']' | sort -u | paste -sd ' ')"
  [ "$(wc -w <<<"$zones")" -eq 1 ] || fail "gunicorn's log lines are in more than one time zone ($zones): see $work/make-run.log."
  say "make run: no audit JSON on the console; gunicorn's log in one zone: $zones; PostgreSQL installed: $(installed postgresql && echo yes || echo no)"

  say "make test PG_PORT=$pg_port"
  started=$SECONDS
  set +e
  in_root "make test PG_PORT=$pg_port" > "$work/make-test.log" 2>&1
  test_status=$?
  set -e
  summaries() { grep -E '^=+ .*[0-9]+ (passed|failed|errors?|skipped)\b.* in [0-9.]+s.* =+$' "$1" || true; }
  grep -E '^Browser check: ' "$work/make-test.log" | sed 's/^/fresh-check: /' || true
  summaries "$work/make-test.log" | sed 's/^/fresh-check: pytest: /'
  if [ "$test_status" -ne 0 ]; then
    grep -E '^(FAILED|ERROR) tests/' "$work/make-test.log" | head -20 | sed 's/^/fresh-check: /' || true
    grep -E '^make(\[[0-9]+\])?: \*\*\*|^(apt-ensure|venv|postgres-ensure|browser-check|make): ' "$work/make-test.log" | tail -3 | sed 's/^/fresh-check:   | /' || true
    if [ "$(summaries "$work/make-test.log" | wc -l)" -eq 1 ]; then
      # The PostGIS run failed, so make stopped before the SpatiaLite run: run it for the report.
      in_root "make test-spatialite" > "$work/make-test-spatialite.log" 2>&1 || true
      summaries "$work/make-test-spatialite.log" | sed 's/^/fresh-check: pytest (make test-spatialite, for the report): /'
    fi
    fail "make test failed (exit $test_status) after $((SECONDS - started)) s: see $work/make-test.log."
  fi
  say "make test passed in $((SECONDS - started)) s"
  exit 0
fi

# --- On the host: build the root, then run the second half in private namespaces ------------
# In braces: bash reads all of it before running it, so editing this file during a run (it
# takes 20 minutes) cannot change what the run does.
{
[ "$(id -u)" = "0" ] || fail "needs root (debootstrap, chroot, mounts): run it as root or with sudo."
command -v debootstrap >/dev/null || bash scripts/apt-ensure.sh debootstrap
command -v curl >/dev/null || bash scripts/apt-ensure.sh curl
mkdir -p "$work"
# One check at a time: a second one would delete the root the first is running in.
exec 9> "$work/.lock"
flock -n 9 || fail "another make fresh-check is running (lock $work/.lock)."
# A root with something still mounted in it must never be deleted (rm -rf would reach /dev).
for dir in "$base" "$base.tmp" "$root"; do
  [ -z "$(mounts_under "$dir")" ] || fail "something is still mounted under $dir: umount it first."
done

if [ "${FRESH_REBUILD:-}" = "1" ]; then rm -rf "$base"; fi
if [ ! -d "$base" ]; then
  say "debootstrap --variant=minbase bookworm (once; FRESH_REBUILD=1 builds it again)"
  rm -rf "$base.tmp"
  debootstrap --variant=minbase bookworm "$base.tmp" "$mirror" > "$work/debootstrap.log" 2>&1 \
    || fail "debootstrap failed: see $work/debootstrap.log."
  mv "$base.tmp" "$base"
fi

say "a fresh copy of the minbase root in $root"
rm -rf "$root"
cp -a "$base" "$root"
cat > "$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
printf '#!/bin/sh\n# As in Docker'"'"'s Debian images: installed packages start no services.\nexit 101\n' \
  > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
: > "$work/network.env"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  # ca-certificates (the README's line installs it) adds these to the system bundle.
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  bundle=/etc/ssl/certs/ca-certificates.crt
  echo "SSL_CERT_FILE=$bundle PIP_CERT=$bundle REQUESTS_CA_BUNDLE=$bundle NODE_EXTRA_CA_CERTS=$bundle" \
    > "$work/network.env"
  say "this machine trusts extra CAs: the root gets them ($(cd /usr/local/share/ca-certificates && echo *.crt))"
fi
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"

ref="$(git rev-parse --verify "${FRESH_REF:-HEAD}^{commit}")" || fail "no such commit: ${FRESH_REF:-HEAD}."
[ -n "${FRESH_REF:-}" ] || [ -z "$(git status --porcelain --untracked-files=no)" ] \
  || say "note: the working tree has uncommitted changes; the check runs the committed HEAD."
git clone -q "$repo" "$root/root/ontmoeting"
git -C "$root/root/ontmoeting" checkout -q "$ref"
say "checking $(git -C "$root/root/ontmoeting" log -1 --format='%h %s' | cut -c1-90)"

started=$SECONDS
set +e
unshare --mount --pid --fork --propagation private bash "$repo/scripts/fresh-check.sh" --inside
status=$?
set -e
leftover="$(mounts_under "$root")"
[ -z "$leftover" ] || fail "still mounted after the check: $leftover"
[ "$status" -eq 0 ] || exit "$status"
say "passed: the README's lines work on a fresh Debian 12 ($(( (SECONDS - started) / 60 )) min)"
exit 0
}
