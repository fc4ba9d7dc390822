"""places/hours.py against opening_hours.js, the OpenStreetMap reference evaluator (issue 21).

Every value × moment of tests/data/hours-corpus.json (real community-centre hours and every
construct the week grid and the advanced field accept; public holidays, both DST nights,
midnights, Sunday evenings, week 53) is evaluated by both: the state (open, closed,
unknown), the next change of state within the look-ahead and the comment must agree. Every
remaining difference is listed, with the reason we differ, in
tests/data/hours-known-differences.json; a difference not listed there fails the test.
"""

import json
import os
import re
import shutil
import subprocess
from datetime import datetime

import pytest

from places import hours
from tests.helpers.paths import ROOT, TEST_DATA

ORACLE = ROOT / "tests" / "oracle"
CORPUS = TEST_DATA / "hours-corpus.json"
KNOWN = TEST_DATA / "hours-known-differences.json"
pytestmark = pytest.mark.db_agnostic


def oracle_answers():
    if not (ORACLE / "node_modules" / "opening_hours").is_dir() or not shutil.which("node"):
        pytest.fail("opening_hours.js is not installed: run `make oracle` (part of `make test`)")
    run = subprocess.run(
        ["node", str(ORACLE / "evaluate.js"), str(CORPUS)],
        env={**os.environ, "TZ": "Europe/Amsterdam"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines()]


def ours(value, moment):
    state = hours.state_at(value, datetime.fromisoformat(moment).replace(tzinfo=hours.AMSTERDAM))
    if state is None:
        return "invalid", None, None
    word = "open" if state.is_open else "unknown" if state.is_unknown else "closed"
    change = state.next_change.strftime("%Y-%m-%dT%H:%M") if state.next_change else None
    return word, change, state.comment


def differences():
    found = []
    for value, moment, state, change, comment in oracle_answers():
        our_state, our_change, our_comment = ours(value, moment)
        if state == "invalid" or our_state == "invalid":
            if state != our_state:
                found.append((value, moment, "validity", our_state, state))
            continue
        if our_state != state:
            found.append((value, moment, "state", our_state, state))
        elif our_change != change:
            found.append((value, moment, "next change", our_change, change))
        elif '"' in value and our_comment != comment:
            found.append((value, moment, "comment", our_comment, comment))
    return found


def known(difference, reasons):
    value, moment, aspect, _ours, _theirs = difference
    return any(
        re.search(reason["value"], value)
        and aspect in reason["aspects"]
        and re.search(reason.get("moment", ""), moment)
        for reason in reasons
    )


def test_hours_agree_with_opening_hours_js_but_for_the_known_differences():
    corpus = json.loads(CORPUS.read_text())
    assert len(corpus["values"]) >= 100 and len(corpus["moments"]) >= 40
    reasons = json.loads(KNOWN.read_text())
    found = differences()
    new = [d for d in found if not known(d, reasons)]
    assert not new, "New differences with opening_hours.js:\n" + "\n".join(
        f"{value!r} at {moment}: {aspect} ours {mine!r}, opening_hours.js {theirs!r}"
        for value, moment, aspect, mine, theirs in new[:40]
    )
    pairs = len(corpus["values"]) * len(corpus["moments"])
    assert len(found) < pairs * 0.05  # the known differences stay the exception


def test_every_known_difference_still_happens():
    """A reason that no longer matches any difference is stale: remove it."""
    found = differences()
    for reason in json.loads(KNOWN.read_text()):
        assert any(known(d, [reason]) for d in found), reason["why"]
