"""Opening hours in OpenStreetMap `opening_hours` syntax: validation, state, words."""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from places.hours_spec import (  # noqa: F401 (public_holidays: part of this module's face)
    RULE_AND_SEPARATOR_SPLIT,
    evaluated,
    public_holidays,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_LENGTH = 500
# The engine searches for the next change rule by rule, day by day; without a horizon a
# value such as '24/7; Mo-Su off; Mo-Su off; …' searches to the year 9999 (tens of seconds
# a request). Nobody needs to know more than the coming week, and no real week needs more
# than a few dozen rules.
LOOKAHEAD_DAYS = 8
MAX_RULES = 30
COMMENT = re.compile(r'"[^"]*"')
# ';' and '||' separate rules, and so does ', ' before a selector ('Mo 10:00-12:00, Tu off');
# counting 'Mo,Tu' as two only errs on the safe side.
RULE_SEPARATOR = re.compile(r";|\|\||,\s*(?=[A-Z])")


def parse(text, year=None):
    """Parse with Dutch public holidays and time zone; raises opening_hours.ParserError.

    The text is read as the specification reads it (as_specified, with the public holidays
    of `year` and the years around it), and every evaluation looks at most LOOKAHEAD_DAYS
    ahead, whatever was stored."""
    return evaluated(
        text,
        year or timezone.localdate().year,
        timezone=AMSTERDAM,
        country="NL",
        max_interval_days=LOOKAHEAD_DAYS,
    )


def rule_count(text):
    """About how many rules a value has (comments left out)."""
    return 1 + len(RULE_SEPARATOR.findall(COMMENT.sub("", text)))


def validate_opening_hours(text):
    if not text:
        return
    if rule_count(text) > MAX_RULES:
        raise ValidationError(
            gettext_lazy(
                "These opening hours have more than %(max)d rules. Write each day or group "
                "of days once, e.g. 'Mo-Fr 10:00-16:00; Sa 10:00-12:00; PH off'."
            ),
            code="too_many_rules",
            params={"max": MAX_RULES},
        )
    if SCHOOL_HOLIDAYS.search(COMMENT.sub("", text)):
        raise ValidationError(
            gettext_lazy(
                "School holidays (SH) cannot be used: their dates differ per region and are "
                "not kept here. Give the dates, e.g. 'Oct 17-Oct 25 off', or leave them out."
            ),
            code="school_holidays",
        )
    try:
        parse(text)
    except (opening_hours.ParserError, SyntaxError, ValueError) as error:
        suggestion = suggest(text)
        if suggestion:
            raise ValidationError(
                gettext_lazy("These opening hours cannot be read. Did you mean: %(suggestion)s ?"),
                code="invalid_opening_hours",
                params={"suggestion": suggestion},
            ) from error
        raise ValidationError(
            gettext_lazy(
                "These opening hours cannot be read. Use the form 'Mo-Fr 10:00-16:00; "
                "Sa 10:00-12:00; PH off'."
            ),
            code="invalid_opening_hours",
        ) from error


SCHOOL_HOLIDAYS = re.compile(r"\bSH\b")
DUTCH_DAYS = {"ma": "Mo", "di": "Tu", "wo": "We", "do": "Th", "vr": "Fr", "za": "Sa", "zo": "Su"}
FRIENDLY_FIXES = [
    # Dutch day names: 'Ma-Vr' -> 'Mo-Fr'.
    (re.compile(r"\b(ma|di|wo|do|vr|za|zo)\b", re.IGNORECASE), lambda m: DUTCH_DAYS[m[1].lower()]),
    # '09.00' -> '09:00'.
    (re.compile(r"\b(\d{1,2})\.(\d{2})\b"), lambda m: f"{m[1]}:{m[2]}"),
    # 'Mo - Fr' and '09:00 - 17:00' -> without the spaces.
    (re.compile(r"\s*-\s*"), lambda m: "-"),
    # '9-17' -> '09:00-17:00'.
    (
        re.compile(r"(?<![\d:])(\d{1,2})-(\d{1,2})(?![\d:])"),
        lambda m: f"{int(m[1]):02d}:00-{int(m[2]):02d}:00",
    ),
    # '9:00' -> '09:00'.
    (re.compile(r"(?<![\d:])(\d):(\d{2})\b"), lambda m: f"0{m[1]}:{m[2]}"),
    # 'Dec 25,26' -> 'Dec 25,Dec 26'.
    (
        re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}),(\d{1,2})\b"),
        lambda m: f"{m[1]} {m[2]},{m[1]} {m[3]}",
    ),
]


def suggest(text):
    """The notation an editor probably meant ('Ma-Vr 9-17' -> 'Mo-Fr 09:00-17:00'), if the
    common mistakes fixed make it readable; None otherwise. Comments are left as typed."""
    parts = re.split(r'("[^"]*")', text)
    for pattern, replacement in FRIENDLY_FIXES:
        parts = [p if p.startswith('"') else pattern.sub(replacement, p) for p in parts]
    candidate = " ".join("".join(parts).split())
    if candidate == text:
        return None
    try:
        parse(candidate)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        return None
    return candidate


def warnings_for(text):
    """Valid, but probably not meant: 'Mo-Fr 09:00-12:00;13:00-17:00' opens every day from
    13:00, weekends included (a rule without days means every day)."""
    found = []
    for rule in [r.strip() for r in RULE_AND_SEPARATOR_SPLIT.split(COMMENT.sub('""', text))]:
        if re.match(r"^\d\d:\d\d", rule):
            found.append(rule)
    return found


class OpeningHoursField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "OpenStreetMap syntax, e.g. 'Mo-Fr 10:00-16:00; PH off'. PH are the public "
                "holidays of the Algemene termijnenwet, with Bevrijdingsdag (5 May) every year."
            ),
        )
        super().__init__(*args, **kwargs)
        self.validators.append(validate_opening_hours)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("help_text", None)
        if kwargs.get("max_length") == MAX_LENGTH:
            kwargs.pop("max_length")
        return name, path, args, kwargs


@dataclass
class HoursState:
    """Whether a place is open at a moment, and when that changes."""

    is_open: bool
    is_unknown: bool
    comment: str
    next_change: datetime | None
    closing_unknown: bool = False

    @property
    def word(self):
        return "open" if self.is_open else "unknown" if self.is_unknown else "closed"

    def as_json(self):
        """For the API: the same answer as the pages give."""
        return {
            "state": self.word,
            "next_change": self.next_change.isoformat() if self.next_change else None,
            "closing_time_known": not self.closing_unknown,
            "comment": self.comment,
        }


def now():
    """The current moment; one function, so that tests can freeze it."""
    return timezone.now()


def local_naive(moment):
    return timezone.localtime(moment, AMSTERDAM).replace(tzinfo=None)


@lru_cache(maxsize=4096)
def parsed(text, year=None):
    """Parsed hours (for the public holidays around `year`), or None when unreadable; many
    places share the same text."""
    try:
        return parse(text, year)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        return None


def open_or_none(text, moment=None):
    """True (open), False (closed) or None (not known: no or unreadable hours, or unknown at
    that moment, as 'op afspraak'); the state of state_at without the next change."""
    moment = local_naive(moment or now())
    hours = parsed(text, moment.year) if text else None
    if hours is None:
        return None
    state = hours.state(moment)[0]
    return None if state == opening_hours.State.UNKNOWN else state == opening_hours.State.OPEN


def is_open(text, moment=None):
    return open_or_none(text, moment) is True


def state_at(text, moment=None):
    """The one answer to "open now, and until when" for every page, list, handout and API."""
    moment = local_naive(moment or now())
    hours = parsed(text, moment.year) if text else None
    if hours is None:
        return None
    state, comment = hours.state(moment)
    change = next_state_change(hours, moment, state)
    # An open end ('09:00+') has no known closing time; the engine would say midnight.
    closing_unknown = (
        state == opening_hours.State.OPEN
        and OPEN_END.search(text) is not None
        and (change is None or change.time() == MIDNIGHT)
    )
    return HoursState(
        is_open=state == opening_hours.State.OPEN,
        is_unknown=state == opening_hours.State.UNKNOWN,
        comment=comment or "",
        next_change=None if closing_unknown or change is None else change.replace(tzinfo=AMSTERDAM),
        closing_unknown=closing_unknown,
    )


OPEN_END = re.compile(r"\d\d:\d\d\+")
MIDNIGHT = time(0, 0)


def next_state_change(hours, moment, state):
    """When the state (open, closed, unknown) next changes within LOOKAHEAD_DAYS, or None.
    A boundary where only the comment changes is no change for the person reading it."""
    horizon = moment + timedelta(days=LOOKAHEAD_DAYS)
    for start, _end, interval_state, _comment in hours.intervals(moment, horizon):
        if interval_state != state:
            return start
    return None
