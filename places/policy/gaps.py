"""Where people live beyond N metres: the ranking, and the map's classes and words.

Areas with no or few inhabitants (settings.POLICY_FEW_INHABITANTS), areas that are mainly
water (CBS) and areas without a population figure are never ranked above an area where people
live: they come last, in words. The ranking names only buurten where someone lives beyond N m.
"""

import heapq

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
RANKING_LENGTH = 10


def gap_group(row):
    """0: people live here; 1: population unknown; 2: no or few inhabitants."""
    if row.few_inhabitants:
        return 2
    return 1 if row.people_beyond is None else 0


def gap_key(row, most_first=True):
    """Most (or fewest) people beyond N m first; unknown and uninhabited areas always last."""
    people = row.people_beyond or 0
    return (gap_group(row), -people if most_first else people, row.area.name)


def ranking(rows, length=RANKING_LENGTH):
    """The buurten with the most inhabitants farther than N metres: inhabited ones where the
    estimate is at least one person (nobody beyond N m is no gap)."""
    gaps = [row for row in rows if gap_group(row) == 0 and row.people_beyond > 0]
    return heapq.nsmallest(length, gaps, key=gap_key)


def measure_of(row, measure):
    if measure == "inwoners":
        return None if row.few_inhabitants else row.people_beyond
    return {"aantal": row.places, "per10k": row.per_10000, "dekking": row.uncovered_share}[measure]


def classes(values, measure):
    """Five equal-interval classes over the values shown: [(low, high, colour)]."""
    known = [v for v in values if v is not None]
    if not known:
        return []
    low, high = min(known), max(known)
    digits = 0 if measure in ("aantal", "inwoners") else 2
    if low == high:  # one value: one class, not five made-up ranges
        return [(round(low, digits), round(high, digits), COLOURS[2])]
    if digits == 0 and high - low < 5:  # a few whole numbers: a class each, never '1 – 1'
        numbers = range(round(low), round(high) + 1)
        last = len(numbers) - 1
        return [(n, n, COLOURS[round(i * 4 / last)]) for i, n in enumerate(numbers)]
    step = (high - low) / 5
    return [
        (round(low + i * step, digits), round(low + (i + 1) * step, digits), COLOURS[i])
        for i in range(5)
    ]


def dutch(number, digits=0):
    return number_format(number, decimal_pos=digits, use_l10n=True, force_grouping=True)


def legend(classes_, measure):
    """[(colour, text)]: the class bounds with their unit, in Dutch notation."""
    return [(colour, class_text(low, high, measure)) for low, high, colour in classes_]


def class_text(low, high, measure):
    """'2 – 5 active places'; one value: '1 active place' (in the right plural form)."""
    digits = {"aantal": 0, "inwoners": 0, "per10k": 2, "dekking": 1}[measure]
    counted = {
        "aantal": lambda n: ngettext("%(value)s active place", "%(value)s active places", n),
        "inwoners": lambda n: ngettext(
            "%(value)s inhabitant (estimate)", "%(value)s inhabitants (estimate)", n
        ),
    }
    if low == high and measure in counted:
        return counted[measure](int(low)) % {"value": dutch(low, digits)}
    units = {
        "aantal": _("active places"),
        "per10k": _("places per 10,000 inhabitants"),
        "dekking": _("% of the area"),
        "inwoners": _("inhabitants (estimate)"),
    }
    return f"{dutch(low, digits)} – {dutch(high, digits)} {units[measure]}"


def in_words(row, metres):
    """What a row says about people beyond N m, in words: never a bare dash."""
    if row.few_inhabitants and row.population is None:
        return _("no or few inhabitants (mainly water)")
    if row.few_inhabitants:
        return _("no or few inhabitants (%(count)s)") % {"count": dutch(row.population)}
    if row.people_beyond is None:
        return _("number of inhabitants unknown")
    text = _("about %(people)s of %(population)s inhabitants farther than %(metres)s m") % {
        "people": dutch(row.people_beyond),
        "population": dutch(row.population) if row.population is not None else "?",
        "metres": metres,
    }
    if row.unknown_parts:
        text += " " + ngettext(
            "(%(count)d neighbourhood without a population figure not counted)",
            "(%(count)d neighbourhoods without a population figure not counted)",
            row.unknown_parts,
        ) % {"count": row.unknown_parts}
    return text


def tooltip(row, measure, metres):
    """The map's words for an area in the measure shown."""
    if measure == "inwoners":
        return in_words(row, metres)
    if measure == "aantal":
        return ngettext("%(count)d active place", "%(count)d active places", row.places) % {
            "count": row.places
        }
    if measure == "per10k":
        if row.per_10000 is not None:
            return _("%(value)s places per 10,000 inhabitants") % {"value": dutch(row.per_10000, 2)}
        if row.population is None:
            return _("number of inhabitants unknown")
        return _("no inhabitants")
    if row.uncovered_share is None:
        return _("area unknown")
    return _("%(share)s%% of the area farther than %(metres)s m") % {
        "share": dutch(row.uncovered_share, 1),
        "metres": metres,
    }
