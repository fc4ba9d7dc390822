#!/usr/bin/env bash
# One set-up step of the Makefile: show the command (without the environment make passes it,
# which holds the secret key's source and would bury the command), run it, and when it fails
# end with one line saying which step failed and what to do; its own output stays above.
#
#   scripts/step.sh "what to do when it fails" COMMAND [ARGS...]
set -uo pipefail
advice="$1"
shift
echo "$*"
"$@" && exit 0
status=$?
echo "make: '$*' failed (exit $status): $advice" >&2
exit "$status"
