"""`make loadtest`, the database side: accounts before the run, the checks and report after.

    check.py prepare OWNERS > accounts.json   owners (two per place) with fresh passwords
    check.py verify accounts.json run.json    checks, docs/loadtest.md and docs/loadtest.json

The bar: no 5xx and no failed connection outside the restart window; inside it only 503
(the page of ontmoeting/unavailable.py); every edit the server confirmed is in the database
and each edited field holds the last confirmed value (no lost edits); a 409 conflict wrote
nothing. verify exits 1 when the bar is missed.
"""

import json
import os
import platform
import secrets
import subprocess
import sys
from collections import Counter
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

from places import roles  # noqa: E402
from places.models import Membership, Place  # noqa: E402

FIELDS = ("description", "visitor_cost_note")


def prepare(owners):
    """Owners of the first published places, two per place, so that their edits collide."""
    group = roles.ensure_groups()[roles.INITIATORS]
    places = list(Place.objects.published().order_by("pk")[: max(1, owners // 2)])
    accounts = []
    for number in range(owners):
        place = places[number // 2]
        password = secrets.token_urlsafe(18)
        user, _new = get_user_model().objects.get_or_create(
            username=f"last-{number}", defaults={"email": f"last-{number}@ontmoeting.invalid"}
        )
        user.set_password(password)
        user.save()
        user.groups.add(group)
        Membership.objects.get_or_create(user=user, place=place)
        accounts.append({"username": user.username, "password": password, "place": place.slug})
    start = {p.slug: {"version": p.version, **{f: getattr(p, f) for f in FIELDS}} for p in places}
    slugs = list(Place.objects.published().values_list("slug", flat=True))
    return {"owners": accounts, "places": start, "slugs": slugs}


def percentile(values, share):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1) if values else None


def in_window(record, window):
    return bool(window) and record["t1"] >= window["start"] and record["t0"] <= window["end"]


def traffic(records, window, seconds):
    """Per group of requests: counts by status class and latency of the answered ones."""
    groups = {}
    for record in records:
        groups.setdefault(record["group"], []).append(record)
    rows = []
    for group, items in sorted(groups.items()):
        answered = [(r["t1"] - r["t0"]) * 1000 for r in items if r["status"]]
        statuses = Counter(str(r["status"]) for r in items)
        rows.append(
            {
                "group": group,
                "requests": len(items),
                "per_s": round(len(items) / seconds, 1),
                "statuses": dict(sorted(statuses.items())),
                "in_window": sum(in_window(r, window) for r in items),
                "p50_ms": percentile(answered, 0.50),
                "p95_ms": percentile(answered, 0.95),
                "p99_ms": percentile(answered, 0.99),
                "max_ms": round(max(answered), 1) if answered else None,
            }
        )
    return rows


def failures(records, window):
    outside = [r for r in records if not in_window(r, window)]
    inside = [r for r in records if in_window(r, window)]
    return {
        "5xx_outside_window": sum(r["status"] >= 500 for r in outside),
        "connection_errors_outside_window": sum(r["status"] == 0 for r in outside),
        "503_in_window": sum(r["status"] == 503 for r in inside),
        "503_in_window_with_retry_after": sum(
            r["status"] == 503 and bool(r.get("retry_after")) for r in inside
        ),
        "other_5xx_in_window": sum(r["status"] >= 500 and r["status"] != 503 for r in inside),
        "connection_errors_in_window": sum(r["status"] == 0 for r in inside),
        "requests_in_window": len(inside),
    }


def check_place(slug, start, attempts):
    """The edits of one place against what the database holds."""
    place = Place.objects.get(slug=slug)
    history = {f: set(place.history.values_list(f, flat=True)) for f in FIELDS}
    saved = [e for e in attempts if e["status"] == 302]
    conflicts = [e for e in attempts if e["status"] == 409]
    other = [e for e in attempts if e["status"] not in (302, 409)]
    # A save the client saw fail, but that was committed (the connection died after COMMIT).
    in_doubt = [e for e in other if e["value"] in history[e["field"]]]
    committed = saved + in_doubt
    expected = {}
    for field in FIELDS:
        on_field = [e for e in committed if e["field"] == field]
        expected[field] = max(on_field, key=lambda e: e["version"])["value"] if on_field else None
    return {
        "place": slug,
        "saved": len(saved),
        "conflicts": len(conflicts),
        "failed": len(other),
        "failed_statuses": dict(Counter(str(e["status"]) for e in other)),
        "in_doubt_committed": len(in_doubt),
        "lost": sum(e["value"] not in history[e["field"]] for e in saved),
        "conflicts_written": sum(e["value"] in history[e["field"]] for e in conflicts),
        "saves_from_one_version": sum(
            n - 1 for n in Counter(e["version"] for e in committed).values() if n > 1
        ),
        "version_steps": place.version - start["version"],
        "version_steps_expected": len(committed),
        "fields_hold_last_value": all(
            getattr(place, f) == (expected[f] if expected[f] is not None else start[f])
            for f in FIELDS
        ),
    }


def verdict(failure, edit_rows, window, restart_asked):
    problems = []
    if failure["5xx_outside_window"]:
        problems.append(f"{failure['5xx_outside_window']} responses 5xx outside the window")
    if failure["connection_errors_outside_window"]:
        problems.append("failed connections outside the restart window")
    if failure["other_5xx_in_window"] or failure["connection_errors_in_window"]:
        problems.append("5xx other than 503, or failed connections, during the restart")
    if restart_asked and window.get("command_status") != 0:
        problems.append("the database restart command failed")
    for row in edit_rows:
        if row["lost"] or row["conflicts_written"] or row["saves_from_one_version"]:
            problems.append(f"{row['place']}: lost or overwritten edits")
        if row["version_steps"] != row["version_steps_expected"]:
            problems.append(f"{row['place']}: version moved {row['version_steps']} times")
        if not row["fields_hold_last_value"]:
            problems.append(f"{row['place']}: a field does not hold the last saved value")
        if any(status not in ("503", "0") for status in row["failed_statuses"]):
            problems.append(f"{row['place']}: edits refused with {row['failed_statuses']}")
    if not sum(row["saved"] for row in edit_rows):
        problems.append("no edit was saved: the edit path was not exercised")
    return problems


def environment():
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        postgres = cursor.fetchone()[0].split(" on ")[0]
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "gunicorn": os.environ.get("LOADTEST_GUNICORN", ""),
    }


def verify(accounts_path, run_path):
    accounts = json.loads(Path(accounts_path).read_text())
    run = json.loads(Path(run_path).read_text())
    window, config = run["window"], run["config"]
    users = [r for r in run["records"] if r["group"] != "probe"]
    edit_rows = [
        check_place(slug, start, [e for e in run["edits"] if e["slug"] == slug])
        for slug, start in accounts["places"].items()
    ]
    failure = failures(users, window)
    problems = verdict(failure, edit_rows, window, bool(config["restart_command"]))
    result = {
        "config": config,
        "environment": environment(),
        "restart": {k: round(v, 2) if isinstance(v, float) else v for k, v in window.items()},
        "probe_requests": sum(r["group"] == "probe" for r in run["records"]),
        "traffic": traffic(users, window, config["seconds"]),
        "failures": failure,
        "edits": edit_rows,
        "bar_met": not problems,
        "problems": problems,
    }
    (ROOT / "docs" / "loadtest.json").write_text(json.dumps(result, indent=1) + "\n")
    (ROOT / "docs" / "loadtest.md").write_text(report(result))
    print("\n".join(problems) or "Load test: the bar is met.", file=sys.stderr)
    return 0 if not problems else 1


def report(result):
    from bench.loadtest.report import markdown

    return markdown(result, commit_of())


def commit_of():
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip()


def main():
    if sys.argv[1] == "prepare":
        print(json.dumps(prepare(int(sys.argv[2])), indent=1))
        return 0
    return verify(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    sys.exit(main())
