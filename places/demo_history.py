"""Plausible, marked histories for the demo details (places.demo): openings spread over
2015–2025, closings of the closed places, a temporary closing now and then, and takeovers by
residents (sociaal beheer → zelfbeheer) of places in zelfbeheer now.

Every history ends where the place is now, so present state and timeline agree; the events
are written as they are (no event changes the place) and listed in `place.demo_fields` as
"event:<id>", the opening date as "opened_on", so that `demo.remove()` takes them away."""

import datetime

from places.models import Place, PlaceEvent, PlaceType
from places.models.events import start_of

K = PlaceEvent.Kind
FORMS = Place.ManagementForm
REMARK = "voorbeeldgegevens"
FIRST_YEAR, LAST_YEAR = 2015, 2025
PRECISIONS = [(PlaceEvent.Precision.YEAR, 45), (PlaceEvent.Precision.MONTH, 35), ("day", 20)]


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def some_day(rng, start, end):
    """A day between start and end (both dates), inclusive."""
    return start + datetime.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


def add_history(place, rng, today):
    """Events for a place without any (unsaved place: its fields as they will be saved);
    returns the demo marks."""
    if place.pk is None or place.events.exists():
        return []
    events, marks = [], []
    start = datetime.date(FIRST_YEAR - 8, 1, 1)
    last = min(today, place.closed_on or today) - STEP
    if place.opened_on is None and rng.random() < 0.75 and last.year >= FIRST_YEAR:
        end = min(last, datetime.date(LAST_YEAR, 12, 31))
        opened = some_day(rng, datetime.date(FIRST_YEAR, 1, 1), end)
        events.append(event(place, K.OPENED, opened, weighted(rng, PRECISIONS), start))
        place.opened_on = events[-1].happened_on
        marks.append("opened_on")
        start = opened
    events += later_events(place, rng, start, today, marks)
    saved = PlaceEvent.objects.bulk_create(events)
    return marks + [f"event:{e.pk}" for e in saved]


STEP = datetime.timedelta(days=60)


def later_events(place, rng, start, today, marks):
    """Type change, takeover and closings after the opening, each after the one before."""
    events = []
    if place.place_type.slug == "huis-van-de-wijk" and rng.random() < 0.4:
        buurthuis = PlaceType.objects.filter(slug="buurthuis").first()
        if buurthuis is not None and start + STEP < today:
            day = some_day(rng, start + STEP, min(today, start + datetime.timedelta(days=1460)))
            new = event(place, K.PLACE_TYPE, day, "year", start, buurthuis.pk, place.place_type_id)
            events.append(new)
            start = day
    takeover_from = max(start + STEP, datetime.date(2016, 1, 1))
    if place.management_form == FORMS.SELF and rng.random() < 0.45 and takeover_from < today:
        day = some_day(rng, takeover_from, today)
        events.append(
            event(place, K.MANAGEMENT_FORM, day, "month", start, FORMS.SOCIAL, FORMS.SELF)
        )
    pause_from = max(start, datetime.date(2020, 3, 1))
    if place.status == Place.Status.ACTIVE:
        if rng.random() < 0.1 and pause_from < today - 2 * STEP:
            closing = some_day(rng, pause_from, today - 2 * STEP)
            events.append(event(place, K.TEMPORARILY_CLOSED, closing, "month", start, "active"))
            reopened = some_day(rng, closing + STEP, today)
            events.append(
                event(place, K.REOPENED, reopened, "month", closing, "temporarily_closed")
            )
    else:
        events.append(closing_event(place, rng, start, today, marks))
    return events


def closing_event(place, rng, start, today, marks):
    day = place.closed_on
    if day is None:
        day = some_day(rng, max(start, datetime.date(2019, 1, 1)), today)
        if place.status == Place.Status.CLOSED:
            place.closed_on = day
            marks.append("closed_on")
    kind = K.CLOSED if place.status == Place.Status.CLOSED else K.TEMPORARILY_CLOSED
    return event(place, kind, max(day, start), "day", start, "active")


def event(place, kind, day, precision, after, old="", new=None):
    """An event on this day, rounded to its precision unless that would put it before
    `after` (the event before it): then to the day."""
    statuses = {K.CLOSED: "closed", K.TEMPORARILY_CLOSED: "temporarily_closed"}
    new = statuses.get(kind, "active" if kind == K.REOPENED else "") if new is None else new
    rounded = start_of(day, precision)
    if rounded < after:
        rounded, precision = day, PlaceEvent.Precision.DAY
    return PlaceEvent(
        place=place,
        kind=kind,
        happened_on=rounded,
        precision=precision,
        old_value=str(old),
        new_value=str(new),
        remark=REMARK,
    )
