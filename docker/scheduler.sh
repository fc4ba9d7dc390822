#!/bin/sh
# The scheduled work of compose.yaml's scheduler service (cron's part on a server):
# - aggregate_map --if-stale every AGGREGATE_EVERY seconds (default 60): the public map's
#   pre-aggregated clusters, rebuilt only when the places changed;
# - remind_unverified --commit once a month (its first run in a new month, remembered in
#   VAR_DIR), with links to BASE_URL (scheme and host, e.g. https://ontmoeting.example.nl).
#   A month whose reminders partly failed is not retried: the sent ones would go out twice.
set -u
trap 'exit 0' TERM INT
every="${AGGREGATE_EVERY:-60}"
stamp="${VAR_DIR:-var}/.reminders-month"
while true; do
    python manage.py aggregate_map --if-stale \
        || echo "scheduler: aggregate_map failed (see above); again in $every s" >&2
    month="$(date +%Y-%m)"
    if [ -z "${BASE_URL:-}" ]; then
        [ -f "$stamp" ] || echo "scheduler: BASE_URL is not set: no reminders are sent" >&2
        echo "none" > "$stamp"
    elif [ "$(cat "$stamp" 2>/dev/null)" != "$month" ]; then
        echo "$month" > "$stamp"
        python manage.py remind_unverified --commit --base-url "$BASE_URL" \
            || echo "scheduler: some reminders were not sent (see above)" >&2
    fi
    sleep "$every" &
    wait $!
done
