"""How the network changed (issue 19): openings, closings and takeovers per wijk and per year,
the events behind each number, and inhabitants beyond N metres on two dates.

The counts are PlaceEvent.objects.changes_per_wijk_and_year() over the published places; the
net change of a year is its openings minus its closings (a takeover changes who runs a place,
not how many there are). A place outside every buurt counts under NO_WIJK.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from places.models import Area, Place, PlaceEvent
from places.policy import figures
from places.policy.gaps import dutch

K = PlaceEvent.Kind
FORMS = Place.ManagementForm
NO_WIJK = "-"
# What a change page counts: its URL word, its name, and the events it is.
KINDS = {
    "openingen": (_("openings"), Q(kind=K.OPENED)),
    "sluitingen": (_("closings"), Q(kind=K.CLOSED)),
    "naar-zelfbeheer": (
        _("taken over by residents (to zelfbeheer)"),
        Q(kind=K.MANAGEMENT_FORM, new_value=FORMS.SELF),
    ),
    "naar-sociaal-beheer": (
        _("to sociaal beheer"),
        Q(kind=K.MANAGEMENT_FORM, new_value=FORMS.SOCIAL),
    ),
}
COLUMNS = dict(zip(KINDS, ("openings", "closings", "to_self", "to_social"), strict=True))


@dataclass
class Counts:
    """One row of the change table: a wijk (or None: all chosen wijken) in a year (or None)."""

    wijk: Area | None
    year: int | None
    numbers: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    @property
    def net(self):
        return self.numbers["openingen"] - self.numbers["sluitingen"]

    @property
    def wijk_code(self):
        return NO_WIJK if self.wijk is None else self.wijk.code

    def add(self, row):
        for kind, column in COLUMNS.items():
            self.numbers[kind] += row[column]


def counted_events(wijk=None, first=None, last=None):
    """The events of published places, of a wijk (its code, or NO_WIJK) and between two years."""
    events = PlaceEvent.objects.filter(place__is_published=True)
    if wijk == NO_WIJK:
        events = events.filter(place__buurt__isnull=True)
    elif wijk:
        events = events.filter(place__buurt__parent__code=wijk)
    if first:
        events = events.filter(happened_on__year__gte=first)
    if last:
        events = events.filter(happened_on__year__lte=last)
    return events


def change_rows(wijk=None, first=None, last=None):
    """(per wijk and year, per year over the wijken chosen, per wijk over the years): Counts,
    wijken by name then year, years in order."""
    rows = list(counted_events(wijk, first, last).changes_per_wijk_and_year())
    wijken = Area.objects.defer("geometry").in_bulk({row["wijk"] for row in rows} - {None})
    per_wijk_year, per_year, per_wijk = {}, {}, {}
    for row in rows:
        area = wijken.get(row["wijk"])
        per_wijk_year.setdefault((row["wijk"], row["year"]), Counts(area, row["year"])).add(row)
        per_year.setdefault(row["year"], Counts(None, row["year"])).add(row)
        per_wijk.setdefault(row["wijk"], Counts(area, None)).add(row)

    def by_name(counts):
        return (counts.wijk is None, counts.wijk.name if counts.wijk else "", counts.year or 0)

    return (
        sorted(per_wijk_year.values(), key=by_name),
        [per_year[year] for year in sorted(per_year)],
        sorted(per_wijk.values(), key=by_name),
    )


def events_behind(kind, wijk=None, year=None, first=None, last=None):
    """The events one number of the change table counts, oldest first, with their places."""
    if year:
        first = last = year
    merged_away = Q(place__merged_into__isnull=False)
    return (
        counted_events(wijk, first, last)
        .filter(KINDS[kind][1])
        .exclude(merged_away)
        .select_related("place__buurt__parent", "place__place_type")
        .defer("place__buurt__geometry", "place__buurt__parent__geometry", "place__location")
        .order_by("happened_on", "place__name", "pk")
    )


def places_on(day, base=None):
    """The published places active on a day, with their status, form and type then."""
    base = Place.objects.published() if base is None else base
    return base.on(day).filter(status_then=Place.Status.ACTIVE)


@dataclass
class GapRow:
    area: Area
    before: int | None  # inhabitants farther than N metres on the first date
    after: int | None  # and on the second

    @property
    def difference(self):
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def gaps_between(first, second, metres, wijk=None):
    """Inhabitants farther than N metres per wijk (and per gemeente, its wijken summed) on two
    days (the second None: today), from the dashboard's own computation (figures)."""
    buurten = figures.buurten_in_scope({"wijk": wijk} if wijk else {})
    before = wijk_people(places_on(first), metres, f"op={first}", buurten)
    if second is None:
        today = Place.objects.published().filter(status=Place.Status.ACTIVE)
        after = wijk_people(today, metres, "", buurten, stored=True)
    else:
        after = wijk_people(places_on(second), metres, f"op={second}", buurten)
    rows = [GapRow(area, before[area], after.get(area)) for area in before]
    return gemeente_rows(rows) + rows


def wijk_people(places, metres, key, buurten, stored=False):
    rows = figures.area_figures("wijk", places, metres, f"changes|{key}", buurten, stored)
    return {row.area: row.people_beyond for row in rows}


def gemeente_rows(rows):
    """Each gemeente's sum over its wijken shown (None when no wijk has a figure)."""
    gemeenten = Area.objects.defer("geometry").in_bulk({row.area.parent_id for row in rows})
    totals = []
    for pk, gemeente in sorted(gemeenten.items(), key=lambda item: item[1].name):
        own = [row for row in rows if row.area.parent_id == pk]
        totals.append(GapRow(gemeente, total(r.before for r in own), total(r.after for r in own)))
    return totals


def total(numbers):
    known = [number for number in numbers if number is not None]
    return sum(known) if known else None


def sentence(row, first, second, metres):
    """'On 1 January 2020 about 12,400 people in Bos en Lommer lived farther than 800 m from a
    meeting place; today 8,100.' None when a date has no figure."""
    if row.before is None or row.after is None:
        return None
    words = {
        "date": formats.date_format(first, "j F Y"),
        "people": dutch(row.before),
        "area": row.area.name,
        "metres": metres,
        "now": dutch(row.after),
    }
    if second is None:
        return str(BEFORE_AND_NOW) % words
    words["later"] = formats.date_format(second, "j F Y")
    return str(BEFORE_AND_LATER) % words


BEFORE_AND_NOW = _(
    "On %(date)s about %(people)s inhabitants of %(area)s lived farther than %(metres)s m from "
    "a meeting place; today %(now)s."
)
BEFORE_AND_LATER = _(
    "On %(date)s about %(people)s inhabitants of %(area)s lived farther than %(metres)s m from "
    "a meeting place; on %(later)s %(now)s."
)
