"""Opening hours in OpenStreetMap `opening_hours` syntax: validation, state, words."""

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
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


def parse(text):
    """Parse with Dutch public holidays and time zone; raises opening_hours.ParserError.

    Every evaluation looks at most LOOKAHEAD_DAYS ahead, whatever was stored."""
    return opening_hours.OpeningHours(
        text, timezone=AMSTERDAM, country="NL", max_interval_days=LOOKAHEAD_DAYS
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
    try:
        parse(text)
    except (opening_hours.ParserError, SyntaxError, ValueError) as error:
        raise ValidationError(
            gettext_lazy(
                "These opening hours cannot be read. Use the form 'Mo-Fr 10:00-16:00; "
                "Sa 10:00-12:00; PH off'."
            ),
            code="invalid_opening_hours",
        ) from error


class OpeningHoursField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault(
            "help_text",
            gettext_lazy("OpenStreetMap syntax, e.g. 'Mo-Fr 10:00-16:00; PH off'."),
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


def now():
    """The current moment; one function, so that tests can freeze it."""
    return timezone.now()


def local_naive(moment):
    return timezone.localtime(moment, AMSTERDAM).replace(tzinfo=None)


@lru_cache(maxsize=4096)
def parsed(text):
    """Parsed hours, or None when unreadable; many places share the same text."""
    try:
        return parse(text)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        return None


def is_open(text, moment=None):
    hours = parsed(text) if text else None
    if hours is None:
        return False
    return hours.state(local_naive(moment or now()))[0] == opening_hours.State.OPEN


def state_at(text, moment=None):
    hours = parsed(text) if text else None
    if hours is None:
        return None
    moment = local_naive(moment or now())
    state, comment = hours.state(moment)
    change = hours.next_change(moment)  # None beyond LOOKAHEAD_DAYS: see parse()
    return HoursState(
        is_open=state == opening_hours.State.OPEN,
        is_unknown=state == opening_hours.State.UNKNOWN,
        comment=comment or "",
        next_change=change.replace(tzinfo=AMSTERDAM) if change else None,
    )


def _words():
    # Built per call so that the active language is used.
    return {
        "Mo": _("Mon"),
        "Tu": _("Tue"),
        "We": _("Wed"),
        "Th": _("Thu"),
        "Fr": _("Fri"),
        "Sa": _("Sat"),
        "Su": _("Sun"),
        "PH": _("public holidays"),
        "off": _("closed"),
        "closed": _("closed"),
        "24/7": _("always open"),
        "unknown": _("times vary"),
    }


TOKEN = re.compile(r'"[^"]*"|24/7|\b(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|off|closed|unknown)\b')
# A state word before a comment says nothing a reader needs: 'unknown "op afspraak"'.
STATE_BEFORE_COMMENT = re.compile(r'\b(?:open|unknown)\s+(?=")')


def in_words(text):
    """One line per rule, with day names in the active language: 'ma–vr 10:00–16:00'."""
    if not text:
        return []
    words = _words()

    def replace(match):
        token = match.group(0)
        if token.startswith('"'):
            return f"({token[1:-1]})"
        return words[token]

    lines = []
    for rule in re.split(r"\s*[;|]\s*", text.strip()):
        if rule:
            line = TOKEN.sub(replace, STATE_BEFORE_COMMENT.sub("", rule))
            line = re.sub(r"(?<=\w)-(?=\w)", "–", line)
            lines.append(line.replace(",", ", ").replace(",  ", ", "))
    return lines
