"""Opening hours read as the OSM specification reads them, where the engine (opening-hours-py)
reads them otherwise: comment-only rules, Dutch public holidays and fallback rules ('||')."""

import re
from datetime import date, timedelta

import opening_hours

# One rule and the separator after it; a separator inside a comment does not count.
RULE_AND_SEPARATOR = re.compile(r'((?:[^;|"]|"[^"]*")*)(;|\|\||$)')
RULE_AND_SEPARATOR_SPLIT = re.compile(r";|\|\|")
ONLY_A_COMMENT = re.compile(r'^(?P<selectors>.*?)\s*(?P<comment>"[^"]*")$')
STATE_WORD = re.compile(r"\b(?:open|closed|off|unknown)$")
STATE_WORD_START = re.compile(r"^(?:open|closed|off|unknown)\b")
HOLIDAY_RULE = re.compile(r"^PH\s+(?P<rest>.+)$")
# '…rules… || "op afspraak"': rules, then one fallback without selectors (a state, a comment).
SIMPLE_FALLBACK = re.compile(
    r'^(?P<rules>(?:[^|"]|"[^"]*")+?)\s*\|\|\s*'
    r'(?P<fallback>(?:open|closed|off|unknown)?\s*(?:"[^"]*")?)\s*$'
)
# A rule's trailing state and comment ('Mo-Fr 09:00-17:00 open "inloop"').
STATE_AND_COMMENT = re.compile(r'\s*(?:\b(?:open|closed|off|unknown))?\s*(?:"[^"]*")?\s*$')
# Additional rules (', ' before the next rule's selectors); 'Dec 25,Dec 26' is one rule.
ADDITIONAL_RULE = re.compile(r'((?:[^,"]|"[^"]*"|,(?!\s))*)(,\s+|$)')
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ENGINE_STATES = {
    "open": opening_hours.State.OPEN,
    "closed": opening_hours.State.CLOSED,
    "off": opening_hours.State.CLOSED,
    "unknown": opening_hours.State.UNKNOWN,
}


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
    enough for any moment of that year and the look-ahead after it."""
    days = [day for y in (year - 1, year, year + 1) for day in public_holidays(y)]
    return ",".join(f"{day.year} {MONTH_NAMES[day.month - 1]} {day.day:02d}" for day in days)


def as_specified(text, year):
    """The text in words the engine evaluates as the OSM specification does.

    - A rule whose only modifier is a comment ('Sa 10:00-14:00 "inloop"', '"op afspraak"')
      is unknown by the specification (and in opening_hours.js); the engine would call it
      open. Open with a remark is written with the state: 'Sa 10:00-14:00 open "inloop"'.
    - 'PH' at the start of a rule becomes the dates of public_holidays(): the engine's own
      Dutch calendar lacks Bevrijdingsdag and counts Eerste Paas- and Pinksterdag, so a
      place open on Sundays with 'PH off' would show closed on Easter Sunday.
    """
    rules = []
    for match in RULE_AND_SEPARATOR.finditer(text.strip()):
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


def split_fallback(text):
    """('rules', 'fallback') for rules followed by one fallback without selectors
    ('Mo-Fr 09:00-17:00; PH off || "op afspraak"'), or None for anything else."""
    match = SIMPLE_FALLBACK.match(text.strip())
    if match is None or not match["fallback"].strip():
        return None
    return match["rules"].strip(), match["fallback"].strip()


def matching(rules):
    """The rules with every state and comment replaced by 'open': open exactly where one of
    the rules applies, whatever it says there."""
    matched = []
    for match in RULE_AND_SEPARATOR.finditer(rules):
        rule, separator = match.group(1).strip(), match.group(2)
        if not rule and not separator:
            break
        parts = []
        for part in ADDITIONAL_RULE.finditer(rule):
            if not part.group(1).strip():
                continue
            selectors = STATE_AND_COMMENT.sub("", part.group(1).strip())
            parts.append(f"{selectors or '24/7'} open")
        matched.append(", ".join(parts) + (f" {separator} " if separator else ""))
    return "".join(matched).strip()


class WithFallback:
    """'A; B || F' with F a state and/or comment: F holds wherever no rule of 'A; B' applies,
    also outside a rule's times on its days (the specification, and opening_hours.js). The
    engine reads F only where the rules name no times; this answers as the engine does
    (state, intervals) from two evaluations: the rules, and where they apply."""

    def __init__(self, rules, fallback, **options):
        self.rules = opening_hours.OpeningHours(rules, **options)
        self.applies = opening_hours.OpeningHours(matching(rules), **options)
        comment = ONLY_A_COMMENT.match(fallback)
        word = STATE_WORD_START.match(fallback)
        state = word.group(0) if word else "unknown"
        self.fallback = (ENGINE_STATES[state], comment["comment"].strip('"') if comment else "")

    def state(self, moment):
        if self.applies.state(moment)[0] == opening_hours.State.OPEN:
            return self.rules.state(moment)
        return self.fallback

    def intervals(self, start, end):
        """(start, end, state, comment) from start to end, as the engine gives them."""
        rules = list(self.rules.intervals(start, end))
        applies = list(self.applies.intervals(start, end))
        zone = rules[0][0].tzinfo if rules else None  # the engine answers in its time zone
        start, end = (b.replace(tzinfo=zone) if b.tzinfo is None else b for b in (start, end))
        inner = {b for iv in rules + applies for b in iv[:2] if b is not None and start < b < end}
        bounds = sorted({start, end} | inner)
        merged = []
        for left, right in zip(bounds, bounds[1:], strict=False):
            state, comment = self.state(left)
            if merged and merged[-1][2:] == (state, comment) and merged[-1][1] == left:
                merged[-1] = (merged[-1][0], right, state, comment)
            else:
                merged.append((left, right, state, comment))
        return merged


def evaluated(text, year, **options):
    """The engine's reading of the text, as the specification reads it."""
    split = split_fallback(text)
    if split is not None:
        rules, fallback = split
        return WithFallback(as_specified(rules, year), as_specified(fallback, year), **options)
    return opening_hours.OpeningHours(as_specified(text, year), **options)
