"""Costs and achievements joined up: per wijk or management form, for one year.

A place counts in a year when it reported costs (YearlyCosts) or figures (YearFigures) for it.
- Cost per visitor per week: a week's costs (the year's rent, operating costs and volunteer
  fees over 52 weeks) divided by its visitors in a week; per group the median over the
  places that reported both.
- Cost per opening hour: the year's costs over 52 ordinary weeks of its opening hours; the
  median over the places with costs and readable opening hours (costs.hours_per_week).
- Subsidy share: the group's subsidy as a share of the group's costs (its sums, not a median).
- Resultaatafspraken: a place meets its agreed targets when it reached every figure agreed
  with it (visitors and activities per week); a figure it did not report is not reached.
  Places without agreed targets count in neither.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from django.db.models import Case, CharField, Count, F, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from places.models import Place, YearFigures, YearlyCosts
from places.policy.costs import hours_per_week

WEEKS = 52
MET, MISSED = "gehaald", "niet-gehaald"
GROUPINGS = ("wijk", "beheer")
NO_WIJK = "zonder-wijk"

HAS_TARGETS = Q(target_visitors_per_week__isnull=False) | Q(target_activities__isnull=False)
# A NULL figure compares as unknown in SQL, so a target without a reported figure is missed.
VISITORS_REACHED = Q(target_visitors_per_week__isnull=True) | Q(
    visitors_per_week__gte=F("target_visitors_per_week")
)
ACTIVITIES_REACHED = Q(target_activities__isnull=True) | Q(activities__gte=F("target_activities"))
REACHED = HAS_TARGETS & VISITORS_REACHED & ACTIVITIES_REACHED


def with_outcome(figures):
    """Year figures with `outcome`: MET, MISSED, or "" when nothing was agreed."""
    return figures.annotate(
        outcome=Case(
            When(REACHED, then=Value(MET)),
            When(HAS_TARGETS, then=Value(MISSED)),
            default=Value(""),
            output_field=CharField(),
        )
    )


@dataclass
class PlaceYear:
    """One place in one year: what it cost and what it achieved."""

    place: Place
    costs: YearlyCosts | None = None
    figures: YearFigures | None = None

    @property
    def outcome(self):
        return self.figures.outcome if self.figures else ""

    @property
    def cost_per_visitor(self):
        visitors = self.figures.visitors_per_week if self.figures else None
        if self.costs is None or not visitors:
            return None
        return float(self.costs.total_costs) / WEEKS / visitors

    @property
    def cost_per_hour(self):
        weekly = hours_per_week(self.place.opening_hours) if self.costs else None
        return float(self.costs.total_costs) / (weekly * WEEKS) if weekly else None


@dataclass
class GroupRow:
    """The joined-up figures of a wijk or management form."""

    key: str
    label: str
    members: list = field(default_factory=list)

    @property
    def places(self):
        return len(self.members)

    @property
    def cost_per_visitor(self):
        return median_of(member.cost_per_visitor for member in self.members)

    @property
    def cost_per_hour(self):
        return median_of(member.cost_per_hour for member in self.members)

    @property
    def subsidy_share(self):
        """Percent of the group's costs paid by subsidy, or None without costs."""
        reported = [member.costs for member in self.members if member.costs]
        total = sum((row.total_costs for row in reported), Decimal(0))
        if not total:
            return None
        return float(100 * sum(row.subsidy for row in reported) / total)

    def with_outcome(self, outcome):
        return [member for member in self.members if member.outcome == outcome]

    @property
    def outcomes(self):
        """[(MET, places), (MISSED, places)], the two targets columns in order."""
        return [(outcome, self.with_outcome(outcome)) for outcome in (MET, MISSED)]

    @property
    def met(self):
        return self.with_outcome(MET)

    @property
    def missed(self):
        return self.with_outcome(MISSED)


def median_of(values):
    known = [value for value in values if value is not None]
    return round(median(known), 2) if known else None


def place_years(places, year):
    """PlaceYear for every one of these places that reported costs or figures in the year."""
    costs = YearlyCosts.objects.filter(year=year)
    figures = YearFigures.objects.filter(year=year)
    reported = places.filter(
        Q(pk__in=costs.values("place")) | Q(pk__in=figures.values("place"))
    ).select_related("buurt__parent")
    rows = {place.pk: PlaceYear(place) for place in reported}
    for row in costs.filter(place__in=rows):
        rows[row.place_id].costs = row
    for row in with_outcome(figures.filter(place__in=rows)):
        rows[row.place_id].figures = row
    return sorted(rows.values(), key=lambda row: row.place.name)


def group_of(place, group_by):
    """(key, label) of the place's wijk or management form."""
    if group_by == "beheer":
        return place.management_form, str(place.get_management_form_display())
    wijk = place.wijk
    return (wijk.code, wijk.name) if wijk else (NO_WIJK, str(_("no district")))


def group_rows(places, year, group_by):
    """GroupRow per wijk or management form, by name (places without a wijk last)."""
    groups = {}
    for row in place_years(places, year):
        key, label = group_of(row.place, group_by)
        groups.setdefault(key, GroupRow(key, label)).members.append(row)
    return sorted(groups.values(), key=lambda g: (g.key == NO_WIJK, g.label.lower()))


def outcome_list(places, year, group_by, key, outcome):
    """(group label, [PlaceYear]) behind one targets number: the places of the group `key`
    with this outcome; without a key every group's (label None). An unknown group: (None, [])."""
    label, found = None, []
    for row in place_years(places, year):
        group_key, group_label = group_of(row.place, group_by)
        if key and group_key != key:
            continue
        label = group_label if key else None
        if row.outcome == outcome:
            found.append(row)
    return label, found


def achievements(places, day=None):
    """The newest year's reported figures, per wijk and per management form: sums against
    the agreed targets, and how many places reported (so that one place reads as one).
    On a day in the past (places from Place.objects.on): the newest year before that day's
    year, by the management form the places had that day."""
    figures = YearFigures.objects.filter(place__in=places)
    if day is not None:
        figures = figures.filter(year__lt=day.year)
    year = figures.aggregate(y=Max("year"))["y"]
    if year is None:
        return None
    figures = figures.filter(year=year)
    form = "place__management_form"
    if day is not None:
        then = places.filter(pk=OuterRef("place_id")).values("management_form_then")[:1]
        figures, form = figures.annotate(form_then=Subquery(then)), "form_then"
    sums = {
        "places": Count("place", distinct=True),
        "visitors": Sum("visitors_per_week"),
        "volunteers": Sum("volunteers"),
        "activities": Sum("activities"),
        "target_visitors": Sum("target_visitors_per_week"),
        "target_activities": Sum("target_activities"),
    }
    labels = dict(Place.ManagementForm.choices)
    by_form = [
        {**row, "label": labels.get(row.pop(form))}
        for row in figures.values(form).annotate(**sums).order_by()
    ]
    by_wijk = [
        {**row, "label": row.pop("place__buurt__parent__name") or _("no district")}
        for row in figures.values("place__buurt__parent__name").annotate(**sums).order_by()
    ]
    return {
        "year": year,
        "by_wijk": sorted(by_wijk, key=label_order),
        "by_form": sorted(by_form, key=label_order),
    }


def label_order(row):
    return str(row["label"]).lower()
