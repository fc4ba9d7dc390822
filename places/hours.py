"""Opening hours in OpenStreetMap `opening_hours` syntax: validation, state, words."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

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
    return opening_hours.OpeningHours(
        as_specified(text, year or timezone.localdate().year),
        timezone=AMSTERDAM,
        country="NL",
        max_interval_days=LOOKAHEAD_DAYS,
    )


def easter(year):
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year):
    """The Dutch public holidays of a year: those of the Algemene termijnenwet (Nieuwjaarsdag,
    Tweede Paas- en Pinksterdag, Hemelvaartsdag, both Kerstdagen, Koningsdag: 27 April or
    26 April when the 27th is a Sunday) and Bevrijdingsdag, 5 May, every year. Not Goede
    Vrijdag, and not Eerste Paas- and Pinksterdag: those are Sundays."""
    sunday = easter(year)
    king = date(year, 4, 27) if date(year, 4, 27).weekday() != 6 else date(year, 4, 26)
    return sorted(
        [
            date(year, 1, 1),
            sunday + timedelta(days=1),
            king,
            date(year, 5, 5),
            sunday + timedelta(days=39),
            sunday + timedelta(days=50),
            date(year, 12, 25),
            date(year, 12, 26),
        ]
    )


def holiday_selector(year):
    """'PH' spelled out as dates ('2026 Dec 25,2026 Dec 26,…'), for the years around `year`:
    enough for any moment of that year and the LOOKAHEAD_DAYS after it."""
    days = [day for y in (year - 1, year, year + 1) for day in public_holidays(y)]
    return ",".join(f"{day.year} {MONTH_NAMES[day.month - 1]} {day.day:02d}" for day in days)


MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


RULE_AND_SEPARATOR_SPLIT = re.compile(r";|\|\|")
# One rule and the separator after it; a separator inside a comment does not count.
RULE_AND_SEPARATOR = re.compile(r'((?:[^;|"]|"[^"]*")*)(;|\|\||$)')
ONLY_A_COMMENT = re.compile(r'^(?P<selectors>.*?)\s*(?P<comment>"[^"]*")$')
STATE_WORD = re.compile(r"\b(?:open|closed|off|unknown)$")
HOLIDAY_RULE = re.compile(r"^PH\s+(?P<rest>.+)$")


def as_specified(text, year):
    """The text in words the engine evaluates as the OSM specification does.

    - A rule whose only modifier is a comment ('Sa 10:00-14:00 "inloop"', '"op afspraak"')
      is unknown by the specification (and in opening_hours.js); the engine would call it
      open. Open with a remark is written with the state: 'Sa 10:00-14:00 open "inloop"'.
    - 'PH' at the start of a rule becomes the dates of public_holidays(): the engine's own
      Dutch calendar lacks Bevrijdingsdag and counts Eerste Paas- and Pinksterdag, so a
      place open on Sundays with 'PH off' would show closed on Easter Sunday.
    - A simple fallback ('A || "op afspraak"') as an additional rule (see
      with_fallback_as_additional_rule).
    """
    rules = []
    for match in RULE_AND_SEPARATOR.finditer(with_fallback_as_additional_rule(text.strip())):
        rule, separator = match.group(1).strip(), match.group(2)
        if not rule and not separator:
            break
        commented = ONLY_A_COMMENT.match(rule)
        if commented and not STATE_WORD.search(commented["selectors"]):
            rule = f"{commented['selectors']} unknown {commented['comment']}".strip()
        holiday = HOLIDAY_RULE.match(rule)
        if holiday:
            rule = f"{holiday_selector(year)} {holiday['rest']}"
        rules.append(rule + (f" {separator} " if separator else ""))
    return "".join(rules).strip()


# 'A || "op afspraak"': one rule, then a fallback without selectors (a state, a comment).
SIMPLE_FALLBACK = re.compile(
    r'^(?P<rule>(?:[^;|"]|"[^"]*")+?)\s*\|\|\s*'
    r'(?P<fallback>(?:open|closed|off|unknown)?\s*(?:"[^"]*")?)\s*$'
)


def with_fallback_as_additional_rule(text):
    """'Mo-Fr 09:00-17:00 || "op afspraak"' as '24/7 unknown "op afspraak", Mo-Fr 09:00-17:00':
    the fallback holds wherever the rule does not, also outside its times on its days (as in
    opening_hours.js). The engine ignores a fallback there; an additional rule (',') only
    overrides the times it names, which is the same thing. Other fallbacks stay as typed."""
    match = SIMPLE_FALLBACK.match(text)
    if match is None or not match["fallback"].strip():
        return text
    fallback = match["fallback"].strip()
    if not STATE_WORD_START.match(fallback):
        fallback = f"unknown {fallback}"
    return f"24/7 {fallback}, {match['rule'].strip()}"


STATE_WORD_START = re.compile(r"^(?:open|closed|off|unknown)\b")


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


def is_open(text, moment=None):
    moment = local_naive(moment or now())
    hours = parsed(text, moment.year) if text else None
    if hours is None:
        return False
    return hours.state(moment)[0] == opening_hours.State.OPEN


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
