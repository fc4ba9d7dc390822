"""Where people live beyond N metres: the ranking, and the map's classes and words.

Areas with no or few inhabitants (settings.POLICY_FEW_INHABITANTS) and areas without a
population figure are never ranked above an area where people live: they come last, in words.
"""

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
    """The buurten with the most inhabitants farther than N metres, inhabited ones only."""
    return [row for row in sorted(rows, key=gap_key) if gap_group(row) == 0][:length]


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
    step = (high - low) / 5
    return [
        (round(low + i * step, digits), round(low + (i + 1) * step, digits), COLOURS[i])
        for i in range(5)
    ]


def dutch(number, digits=0):
    return number_format(number, decimal_pos=digits, use_l10n=True, force_grouping=True)


def legend(classes_, measure):
    """[(colour, text)]: the class bounds with their unit, in Dutch notation."""
    digits = {"aantal": 0, "inwoners": 0, "per10k": 2, "dekking": 1}[measure]
    units = {
        "aantal": _("active places"),
        "per10k": _("places per 10,000 inhabitants"),
        "dekking": _("% of the area"),
        "inwoners": _("inhabitants (estimate)"),
    }
    return [
        (colour, f"{dutch(low, digits)} – {dutch(high, digits)} {units[measure]}")
        for low, high, colour in classes_
    ]


def in_words(row, metres):
    """What a row says about people beyond N m, in words: never a bare dash."""
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
