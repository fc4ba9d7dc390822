"""The nearest places to a point, as the nearby page lists them and maps them: ranked and
counted on ids and distances, then the rows shown read with only what they show."""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.urls import reverse

from places import hours
from places.maps import features
from places.models import Place
from places.text import choice_label

# Results shown at first, and added by each "Toon meer plekken" (up to NEARBY_MAX_RESULTS):
# rendering a hundred rows cost most of the page's time (docs/benchmarks.md).
STEP = 20


@dataclass
class Nearest:
    """The first `shown` results as rows, and how many places there are within the radius,
    counted up to NEARBY_MAX_RESULTS + 1 (more is said as "more than")."""

    rows: list
    total: int

    @property
    def limit(self):
        return settings.NEARBY_MAX_RESULTS

    @property
    def more_than_max(self):
        return self.total > self.limit

    @property
    def next_count(self):
        """How many rows "Toon meer plekken" shows, or 0 when nothing more can be shown."""
        limit = min(self.total, self.limit)
        return min(len(self.rows) + STEP, limit) if len(self.rows) < limit else 0


# What a result row shows (places/nearby.html): the rest of a place is not read.
ROW_FIELDS = (
    "name", "slug", "place_type__slug", "place_type__name", "management_form", "opening_hours",
    "street", "house_number", "postcode", "city", "visitor_cost", "visitor_cost_amount",
    "wheelchair", "demo_fields",
)  # fmt: skip


@dataclass
class Row:
    """One result as the list shows it: its words are looked up here, once."""

    place: Place
    distance: int  # metres, rounded
    hours: object  # hours.state_at's answer, or None when the hours are not known
    target_groups: list  # their names
    url: str

    @cached_property
    def management_form(self):
        """The management form's name, "" when it is not known (the row leaves it out)."""
        known = self.place.management_form != Place.ManagementForm.UNKNOWN
        return choice_label(self.place, "management_form") if known else ""

    @cached_property
    def visitor_cost(self):
        return choice_label(self.place, "visitor_cost")

    @cached_property
    def wheelchair(self):
        """Wheelchair access in words, "" when it is not known (the row leaves it out)."""
        known = self.place.wheelchair != Place.Wheelchair.UNKNOWN
        return choice_label(self.place, "wheelchair") if known else ""


def nearest(places, point, radius, shown, moment):
    """The nearest places within the radius: ranked and counted on ids and distances (101
    model instances cost more than their query), then the rows shown, with their fields,
    map coordinates (from the database) and target groups' names. Three queries, however
    many are shown."""
    ranked = [
        (pk, metres.m)
        for pk, metres, _name in sorted(
            places.nearest(point, settings.NEARBY_MAX_RESULTS + 1).values_list(
                "pk", "distance", "name"
            ),
            key=lambda row: (row[1].m, row[2]),  # one building, several places: by name
        )
        if metres.m <= radius
    ]
    chosen = [pk for pk, _m in ranked[:shown]]
    full = (
        Place.objects.filter(pk__in=chosen)
        .select_related("place_type")  # the list shows no buurt or organisation
        .only(*ROW_FIELDS)
        .with_lnglat()
        .in_bulk()
    )
    groups = {pk: [] for pk in chosen}
    if chosen:
        through = Place.target_groups.through.objects.filter(place_id__in=chosen)
        for pk, name in through.order_by("targetgroup__name").values_list(
            "place_id", "targetgroup__name"
        ):
            groups[pk].append(name)
    # The place pages' address with each slug filled in: reversing it row by row cost more.
    page = reverse("places:detail", kwargs={"slug": "-"})
    rows = [
        Row(
            place=full[pk],
            distance=round(metres),
            hours=hours.state_at(full[pk].opening_hours, moment),
            target_groups=groups[pk],
            url=page.replace("/-/", f"/{full[pk].slug}/"),
        )
        for pk, metres in ranked[:shown]
    ]
    return Nearest(rows=rows, total=len(ranked))


def count_within(places, point, radius):
    """How many of `places` lie within the radius, counted up to NEARBY_MAX_RESULTS + 1: the
    circle bounds the scan, however rare the filter."""
    return places.within(point, radius)[: settings.NEARBY_MAX_RESULTS + 1].count()


def map_features(places):
    """Numbered markers for a list of places (the nearby results, a wijkteam's list)."""
    return features.collection(
        features.feature(
            web_point_of(place),
            {"slug": place.slug, "name": place.name, "type": place.place_type.slug, "number": n},
        )
        for n, place in enumerate(places, start=1)
    )


def web_point_of(place):
    """A place's point in WGS84: as the database gave it (Place.objects.with_lnglat), else
    transformed here."""
    if getattr(place, "lng", None) is not None:
        return features.lnglat_point(place.lng, place.lat)
    return features.point(place.location)
