#!/bin/sh
# The image's entry point (README, "Container"): wait for the database, migrate when MIGRATE=1,
# then serve with gunicorn (settings from GUNICORN_* variables, gunicorn.conf.py), or run the
# command given instead: docker/scheduler.sh, or a manage.py command.
#   WAIT_FOR_DB_SECONDS  how long to wait for the database (default 60)
#   MIGRATE=1            apply migrations first (one container at a time: the web service)
set -eu
cd "$(dirname "$0")/.."

python - <<'PYTHON'
import os, sys, time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
django.setup()
from django.db import connection
from django.db.utils import OperationalError

seconds = float(os.environ.get("WAIT_FOR_DB_SECONDS") or 60)
deadline = time.monotonic() + seconds
while True:
    try:
        connection.ensure_connection()
        break
    except OperationalError as error:
        if time.monotonic() > deadline:
            where = connection.settings_dict.get("HOST") or connection.settings_dict["NAME"]
            reason = (str(error).strip().splitlines() or [""])[0]
            sys.exit(
                f"start: the database ({where}) did not answer within {seconds:g} seconds: "
                f"{reason}. Check DATABASE_URL and that the database is running."
            )
        connection.close()
        time.sleep(1)
PYTHON

if [ "${MIGRATE:-0}" = "1" ]; then
    python manage.py migrate --noinput
fi
if [ "$#" -gt 0 ]; then
    exec "$@"
fi
exec gunicorn ontmoeting.wsgi -c gunicorn.conf.py
