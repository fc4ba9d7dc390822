"""Opening hours in words, in the active language: 'ma–vr 10:00–16:00', '25 december
gesloten', 'eerste maandag van de maand 14:00–16:00' (the evaluation is places/hours.py)."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from places.hours_spec import RULE_AND_SEPARATOR


def _words():
    # Built per call so that the active language is used.
    return {
        "mo": _("Mon"),
        "tu": _("Tue"),
        "we": _("Wed"),
        "th": _("Thu"),
        "fr": _("Fri"),
        "sa": _("Sat"),
        "su": _("Sun"),
        "ph": _("public holidays"),
        "off": _("closed"),
        "closed": _("closed"),
        "24/7": _("always open"),
        "unknown": _("times vary"),
        "sunrise": _("sunrise"),
        "sunset": _("sunset"),
        "dawn": _("dawn"),
        "dusk": _("dusk"),
        "easter": _("Easter"),
    }


def _months():
    return [
        _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
        _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
    ]  # fmt: skip


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TOKEN = re.compile(
    r'"[^"]*"'
    r"|(?P<date>\b(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<day>\d{1,2})\b)"
    r"|(?P<month_only>\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)"
    r"|(?P<nth>\b(?P<weekday>Mo|Tu|We|Th|Fr|Sa|Su)\[(?P<which>-?\d(?:,-?\d)*)\])"
    r"|(?P<weeks>\bweek (?P<first>\d{1,2})-(?P<last>\d{1,2})(?:/(?P<every>\d))?)"
    r"|(?P<easter>\beaster(?: (?P<sign>[+-])(?P<count>\d+) days?\b)?)"
    r"|(?P<open_end>(?P<start>\d\d:\d\d)\+)"
    r"|24/7|\b(?:mo|tu|we|th|fr|sa|su|ph|off|closed|unknown|sunrise|sunset|dawn|dusk|easter)\b",
    re.IGNORECASE,
)
# A state word before a comment says nothing a reader needs: 'unknown "op afspraak"'.
STATE_BEFORE_COMMENT = re.compile(r'\b(?:open|unknown)\s+(?=")')


def _ordinal(number):
    names = {
        1: pgettext("ordinal", "first"),
        2: pgettext("ordinal", "second"),
        3: pgettext("ordinal", "third"),
        4: pgettext("ordinal", "fourth"),
        5: pgettext("ordinal", "fifth"),
    }
    return pgettext("ordinal", "last") if number == -1 else names.get(number, str(number))


def _day_names():
    return dict(zip(["mo", "tu", "we", "th", "fr", "sa", "su"], [
        _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"),
        _("Sunday"),
    ], strict=True))  # fmt: skip


def _word(match, words):
    token = match.group(0)
    if token.startswith('"'):
        return f"({token[1:-1]})"
    if match["date"]:
        return f"{int(match['day'])} {_months()[MONTHS.index(match['month'].title())]}"
    if match["month_only"]:
        return _months()[MONTHS.index(token.title())]
    if match["nth"]:
        which = [_ordinal(int(n)) for n in match["which"].split(",")]
        return _("%(which)s %(day)s of the month") % {
            "which": _(" and ").join(which) if len(which) > 1 else which[0],
            "day": _day_names()[match["weekday"].lower()].lower(),
        }
    if match["weeks"]:
        first, last, every = int(match["first"]), int(match["last"]), match["every"]
        if every == "2" and first % 2 == 1 and last >= 52:
            return _("odd weeks")
        if every == "2" and first % 2 == 0 and last >= 52:
            return _("even weeks")
        return _("weeks %(first)d to %(last)d") % {"first": first, "last": last}
    if match["easter"]:
        if not match["count"]:
            return words["easter"]
        count = int(match["count"])
        if match["sign"] == "-":
            return ngettext("%(n)d day before Easter", "%(n)d days before Easter", count) % {
                "n": count
            }
        return ngettext("%(n)d day after Easter", "%(n)d days after Easter", count) % {"n": count}
    if match["open_end"]:
        return _("from %(time)s, closing time not known") % {"time": match["start"]}
    return words[token.lower()]


def in_words(text):
    """One line per rule, in the active language: 'ma–vr 10:00–16:00', '25 december
    gesloten', 'eerste maandag van de maand 14:00–16:00'. A ';' in a comment stays in it."""
    if not text:
        return []
    words = _words()
    lines, otherwise = [], False
    for match in RULE_AND_SEPARATOR.finditer(text.strip()):
        rule = match.group(1).strip()
        if not rule:
            if not match.group(2):
                break
            continue
        line = TOKEN.sub(lambda m: _word(m, words), STATE_BEFORE_COMMENT.sub("", rule))
        line = re.sub(r"(?<=\w)-(?=\w)", "–", line)
        if lines and otherwise:
            line = _("otherwise: %(rule)s") % {"rule": line}
        otherwise = match.group(2) == "||"  # a fallback rule follows
        lines.append(re.sub(r",(?=\S)", ", ", line))
    return lines
