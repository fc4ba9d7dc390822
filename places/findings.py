"""What a filtered list says beyond its rows (issue 14): for how many places a filter could
not be answered (no opening hours, wheelchair access unknown), and, when nothing matches,
which filter removes everything."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from places import hours
from places.filters import PlaceFilter
from places.models import Place

ALSO_UNKNOWN = "ook_onbekend"
# The filters that some places cannot answer (no opening hours, wheelchair access unknown).
PARTLY_ANSWERED = ("open_now", "open_at", "rolstoel")


@dataclass
class Finding:
    text: str
    link: str = ""
    url: str = ""


def unanswered(name, places, data):
    """The places among `places` for which filter `name` cannot say yes or no."""
    if name == "open_now":
        return places.hours_unknown_at(hours.now())
    if name == "open_at":
        return places.hours_unknown_at(data["open_at"])
    return places.filter(wheelchair=Place.Wheelchair.UNKNOWN)


def unanswered_text(name, count):
    if name == "open_now":
        return ngettext(
            "For %(count)s place it is not known whether it is open now (no opening hours, or "
            "by appointment).",
            "For %(count)s places it is not known whether they are open now (no opening "
            "hours, or by appointment).",
            count,
        ) % {"count": count}
    if name == "open_at":
        return ngettext(
            "For %(count)s place it is not known whether it is open then.",
            "For %(count)s places it is not known whether they are open then.",
            count,
        ) % {"count": count}
    return ngettext(
        "For %(count)s place wheelchair access is not known.",
        "For %(count)s places wheelchair access is not known.",
        count,
    ) % {"count": count}


def findings(query, base, count):
    """What to tell next to `count` results of the filter `query` over the places `base`."""
    place_filter = PlaceFilter(query, queryset=base)
    if not place_filter.is_valid():
        return []
    data = place_filter.form.cleaned_data
    found = []
    if not data.get(ALSO_UNKNOWN):
        for name in PARTLY_ANSWERED:
            if not data.get(name):
                continue
            others = PlaceFilter(query_without(query, name), queryset=base).qs
            missing = unanswered(name, others, data).count()
            if missing:
                also = query_without(query)
                also[ALSO_UNKNOWN] = "on"
                link = ngettext("Show it as well", "Show these places as well", missing)
                found.append(Finding(unanswered_text(name, missing), link, url(also)))
    if count == 0:
        found += what_removes_everything(query, base, place_filter)
    return found


def query_without(query, *names):
    query = query.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    return query


def url(query):
    return "?" + query.urlencode()


def what_removes_everything(query, base, place_filter):
    """Per filter in use: how many places there are without it (those that would help)."""
    helps, used = [], []
    for name, value in place_filter.form.cleaned_data.items():
        if name == ALSO_UNKNOWN or name not in query or value in (None, "", False):
            continue
        used.append(name)
        rest = query_without(query, name)
        count = PlaceFilter(rest, queryset=base).qs.count()
        if count:
            label = place_filter.form.fields[name].label
            helps.append(
                Finding(
                    ngettext(
                        "Without “%(filter)s”: %(count)s place.",
                        "Without “%(filter)s”: %(count)s places.",
                        count,
                    )
                    % {"filter": label, "count": count},
                    _("Leave this filter out"),
                    url(rest),
                )
            )
    if not helps:  # several filters each remove everything: say which, on their own
        for name in used:
            alone = PlaceFilter(query_only(query, name), queryset=base).qs.count()
            label = place_filter.form.fields[name].label
            helps.append(
                Finding(
                    ngettext(
                        "With only “%(filter)s”: %(count)s place.",
                        "With only “%(filter)s”: %(count)s places.",
                        alone,
                    )
                    % {"filter": label, "count": alone}
                )
            )
        # Only the filters go: the nearby page keeps its address and radius.
        clear = url(query_without(query, *place_filter.form.fields))
        helps.append(
            Finding(_("Several filters each leave nothing."), _("Clear all filters"), clear)
        )
    return helps


def query_only(query, name):
    only = query.copy()
    for other in list(only):
        if other != name:
            only.pop(other)
    return only
