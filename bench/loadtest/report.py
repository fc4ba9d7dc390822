"""docs/loadtest.md from the figures bench/loadtest/check.py gathered."""

import datetime


def markdown(result, commit):
    config, restart, failure = result["config"], result["restart"], result["failures"]
    env = result["environment"]
    lines = [
        "# Load test",
        "",
        f"One run of `make loadtest` on {datetime.date.today():%Y-%m-%d} (commit {commit}). "
        f"{config['users']} virtual users for {config['seconds']:.0f} s against gunicorn "
        f"({env['gunicorn']}) on 127.0.0.1, PostGIS with the real Amsterdam data in its own "
        f"database `ontmoeting_load`; {env['cpus']} CPU cores shared by the server, the "
        f"database and the load generator; {env['postgresql']}, Python {env['python']}.",
        "",
        f"{config['owners']} of the users are logged in as owners (two per place, so their "
        "edits collide); about 40 % of their actions are edits through the real edit form "
        "(open it, change the description or the note about costs, save it with the version "
        "it carried). The others, and the owners the rest of the time, load map data, nearby "
        "(page and API), place pages and the list page. Each user waits 0 to 0.5 s between "
        "actions. "
        + (
            f"At {config['restart_at']:.0f} s the database server is restarted "
            f"(`{config['restart_command']}`)."
            if config["restart_command"]
            else "No database restart was asked for (LOADTEST_RESTART empty)."
        ),
        "",
        "## Verdict",
        "",
        "**The bar is met**: no 5xx and no failed connection outside the restart window, only "
        "503 inside it, no lost edits."
        if result["bar_met"]
        else "**The bar is missed:**\n\n" + "\n".join(f"- {p}" for p in result["problems"]),
        "",
        "## Requests",
        "",
        "| | requests | per s | statuses | p50 ms | p95 ms | p99 ms | max ms | in window |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in result["traffic"]:
        statuses = ", ".join(f"{code}: {n}" for code, n in row["statuses"].items())
        lines.append(
            f"| {row['group']} | {row['requests']} | {row['per_s']} | {statuses} | "
            f"{row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} | "
            f"{row['in_window']} |"
        )
    lines += [
        "",
        "Status 0 is a failed connection (none expected). 409 is an edit conflict: expected "
        "behaviour, the owner gets both versions side by side. 302 after a save is success.",
        "",
    ]
    if restart:
        lines += [
            "## The database restart",
            "",
            f"- The restart began at {restart['start']} s; the command took "
            f"{restart['command_seconds']} s (exit status {restart['command_status']}).",
            f"- The window lasted until a probe (`/api/in-de-buurt.json`) got a database "
            f"answer again: {restart['end']} s, so {restart['end'] - restart['start']:.2f} s "
            f"({result['probe_requests']} probe requests, not counted above).",
            f"- Requests that overlapped the window: {failure['requests_in_window']}; of them "
            f"503 (the Dutch 'tijdelijk niet beschikbaar' page): {failure['503_in_window']}, "
            f"with Retry-After: {failure['503_in_window_with_retry_after']}; other 5xx: "
            f"{failure['other_5xx_in_window']}; failed connections: "
            f"{failure['connection_errors_in_window']}.",
            f"- Outside the window: 5xx {failure['5xx_outside_window']}, failed connections "
            f"{failure['connection_errors_outside_window']}. The first request after the "
            "restart reconnects (CONN_HEALTH_CHECKS).",
            "",
        ]
    lines += [
        "## Edits",
        "",
        "| place | saved (302) | conflicts (409) | failed | committed though failed | "
        "version steps | expected | fields hold the last saved value | lost |",
        "|---|---:|---:|---|---:|---:|---:|---|---:|",
    ]
    for row in result["edits"]:
        failed = ", ".join(f"{c}: {n}" for c, n in row["failed_statuses"].items()) or "0"
        lines.append(
            f"| {row['place']} | {row['saved']} | {row['conflicts']} | {failed} | "
            f"{row['in_doubt_committed']} | {row['version_steps']} | "
            f"{row['version_steps_expected']} | {'yes' if row['fields_hold_last_value'] else 'NO'}"
            f" | {row['lost']} |"
        )
    lines += [
        "",
        "How the edits are checked afterwards, in the database: every save the server "
        "confirmed (302) is in the place's history; no 409 wrote anything; no two saves were "
        "made from the same version; the version moved on exactly once per committed save; "
        "and each edited field holds the value of the last committed save (the one with the "
        "highest version). 'Committed though failed' counts saves whose answer was lost in "
        "the restart but whose COMMIT had reached the database: they are found in the "
        "history and counted as saved, not as lost.",
        "",
        "## Rerun",
        "",
        "`make loadtest` (about two minutes: a fresh `ontmoeting_load` database, the "
        "Amsterdam import, the run, the checks). It restarts the local PostgreSQL cluster "
        "once, which interrupts every other user of that server for a few seconds; set "
        "`LOADTEST_RESTART=` to run without the restart. Figures: docs/loadtest.json.",
        "",
    ]
    return "\n".join(lines)
