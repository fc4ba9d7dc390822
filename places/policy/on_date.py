"""The dashboard on a date (?op=2018-01-01): the places active that day, with the type and
management form they had then, chosen by the filters on those values of that day.

A place whose opening date is unknown counts as existing (Place.objects.on); the page says how
many of the places counted are such places. Coverage is then computed from these places, never
read from the present-day coverage table.
"""

import datetime

from django.db.models import Min
from django.utils import timezone

from places.filters import SHOW_ALL, PlaceFilter
from places.models import Place, PlaceEvent, PlaceType
from places.policy import figures

THEN = ("type", "beheer", "status")  # chosen by their values then, not by today's


def filtered_places(data, day):
    """(places, the filter as chosen): the published places of that day the filter chooses."""
    place_filter = PlaceFilter(data, queryset=Place.objects.none())
    chosen = place_filter.form.cleaned_data if place_filter.is_valid() else {}
    rest = data.copy()
    for name in THEN:
        rest.pop(name, None)
    rest["status"] = SHOW_ALL  # today's status says nothing about that day
    status = chosen.get("status")
    places = PlaceFilter(rest, queryset=Place.objects.published().on(day)).qs
    if status != SHOW_ALL:  # all: active and temporarily closed (on() leaves out the closed)
        places = places.filter(status_then=status or Place.Status.ACTIVE)
    if chosen.get("type"):
        places = places.filter(place_type_then__in=[kind.pk for kind in chosen["type"]])
    if chosen.get("beheer"):
        places = places.filter(management_form_then__in=chosen["beheer"])
    return places, place_filter


def breakdowns(places, day):
    """[(label, count)] by type and by management form: as they were on the day, or now."""
    if day is None:
        return (
            figures.breakdown(places, "place_type__name"),
            figures.breakdown(places, "management_form", Place.ManagementForm.choices),
        )
    types = PlaceType.objects.values_list("pk", "name")
    return (
        figures.breakdown(places, "place_type_then", types),
        figures.breakdown(places, "management_form_then", Place.ManagementForm.choices),
    )


def as_then(places):
    """The places of a page of Place.objects.on(day), each shown as it was that day: its
    type, management form and status then (in memory only; nothing is saved)."""
    places = list(places)
    types = PlaceType.objects.in_bulk({place.place_type_then for place in places})
    for place in places:
        place.place_type = types.get(place.place_type_then, place.place_type)
        place.management_form = place.management_form_then
        place.status = place.status_then
    return places


def years():
    """The years the picker offers: from the oldest event's up to this one, newest first."""
    oldest = PlaceEvent.objects.aggregate(first=Min("happened_on"))["first"]
    this_year = timezone.localdate().year
    first = oldest.year if oldest else this_year
    return list(range(this_year, first - 1, -1))


def context(data, places, day):
    """What the page says about its date: the day, the year links, the places counted and
    how many of them have no known opening date."""
    query = data.copy()
    query.pop("op", None)
    found = {"day": day, "years": years(), "query_without_day": query.urlencode()}
    if day is not None:
        found["day_places"] = places.count()
        found["unknown_opening"] = places.filter(opened_on__isnull=True).count()
        found["picked_year"] = day.year if day == datetime.date(day.year, 1, 1) else None
    return found
