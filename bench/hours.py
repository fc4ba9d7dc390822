"""make bench: the cost of evaluating opening hours, for the slowest forms.

Each form is evaluated as the app does it (places.hours.state_at: state and next change of
state, at most 8 days ahead), against a baseline in the same run: the engine's own
next_change without a horizon, which searches to the year 9999 (issue 21 point 7, and the
security review's stalled workers). The hostile 46-rule value runs the baseline once only
(tens of seconds). Writes docs/hours-bench.md.
"""

import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

import opening_hours

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
import django  # noqa: E402

django.setup()
from places import hours  # noqa: E402

MOMENT = datetime(2026, 12, 8, 19, 30, tzinfo=hours.AMSTERDAM)
FORMS = [
    ("a week, as the grid writes it", 'Mo-Fr 09:00-17:00; Sa 10:00-12:00 open "inloop"; PH off', 5),
    ("always open, spelled out", "Mo-Su 00:00-24:00", 3),
    ("a date range that has ended", "2020 Jan 01-2020 Dec 31 Mo 10:00-12:00", 3),
    ("every other week", "week 01-53/2 Mo 10:00-12:00", 3),
    (
        "a fallback after several rules",
        'Mo-Fr 09:00-17:00; Sa 10:00-12:00; PH off || "op afspraak"',
        5,
    ),
    ("46 rules (the security review's value)", "24/7; " + "; ".join(["Mo-Su off"] * 45), 1),
]


def timed(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def app(text):
    hours.parsed.cache_clear()  # parsing is part of the cost of a new value
    hours.state_at(text, MOMENT)


def unbounded(text):
    engine = opening_hours.OpeningHours(text, timezone=hours.AMSTERDAM, country="NL")
    engine.state(MOMENT.replace(tzinfo=None))
    engine.next_change(MOMENT.replace(tzinfo=None))


def main():
    rows = []
    for label, text, runs in FORMS:
        ours = timed(lambda text=text: app(text), 50)
        baseline = timed(lambda text=text: unbounded(text), runs)
        rows.append(
            f"| {label} | `{text[:48]}{'…' if len(text) > 48 else ''}` | "
            f"{ours:.3f} | {baseline:,.3f} | {baseline / ours:,.1f}× |"
        )
    report = "\n".join(
        [
            "# Opening hours: the cost of one evaluation",
            "",
            f"`make bench` on {datetime.now():%Y-%m-%d}, one process on this machine. *App*: "
            "`places.hours.state_at` (parse, state and next change of state, at most 8 days "
            "ahead), median of 50. *Baseline*: the engine's `next_change` without a horizon, "
            "which searches up to the year 9999, median of the runs shown in the script.",
            "",
            "| form | value | app (ms) | baseline (ms) | ratio |",
            "|---|---|---:|---:|---:|",
            *rows,
            "",
        ]
    )
    (ROOT / "docs" / "hours-bench.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
