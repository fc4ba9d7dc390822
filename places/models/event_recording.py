"""Every save of a place that changes its status, management form, type, operator or opening
date records the dated event (places.models.events): the form's date, else the closing date,
else today. An undo takes away the event of what it undoes instead."""

from django.db import models
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from places.models.events import (
    KIND_OF_ATTRIBUTE,
    KIND_OF_STATUS,
    STATUS,
    PlaceEvent,
    as_text,
    as_value,
    follow_timeline,
    newest_event,
    start_of,
)
from places.models.history import _import_run
from places.models.places import Place
from places.models.version import DataVersion

TRACKED = ("status", "management_form", "organisation_id", "place_type_id", "opened_on")
ADDRESS = ("street", "house_number", "postcode", "city")


@receiver(pre_save, sender=Place)
def remember_before(sender, instance, raw=False, **kwargs):
    """The tracked values as saved, to compare with after the save."""
    instance._events_before = None
    if not raw and instance.pk is not None and not getattr(instance, "_from_timeline", False):
        before = Place.objects.filter(pk=instance.pk).values(*TRACKED, *ADDRESS).first()
        instance._events_before = before


@receiver(post_save, sender=Place)
def record_events(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_events_before", None)
    instance._from_timeline = False
    instance._recorded_events = []  # for drop_doubles, when a form adds events as well
    if raw or before is None:
        if created and not raw and instance.opened_on:
            instance._recorded_events.append(record_opening(instance))
        return
    for attribute in TRACKED:
        old, new = before[attribute], getattr(instance, attribute)
        if old != new:
            instance._recorded_events.append(record_change(instance, attribute, old, new))
    moved_on = getattr(instance, "_event_dates", {}).get("address")
    if moved_on and any(before[name] != getattr(instance, name) for name in ADDRESS):
        instance._recorded_events.append(record_move(instance, before, moved_on))


def record_move(place, before, day):
    """A move the form dated (a corrected address is none): from the old address to the new."""
    old = Place(**{name: before[name] for name in ADDRESS}).address
    event = PlaceEvent(
        place=place,
        kind=PlaceEvent.Kind.MOVED,
        happened_on=day,
        old_value=old,
        new_value=place.address,
        remark=remark_for(place),
    )
    models.Model.save(event)  # the place has the address already
    return event


def drop_doubles(place, added):
    """A form that changed a field and added that change's event as a row (the admin, the
    edit page) told one change twice: the row, with its date and source, is the event, and
    the one the save recorded goes."""
    recorded = [e for e in getattr(place, "_recorded_events", []) if e is not None and e.pk]
    place._recorded_events = []
    for event in recorded:
        twin = next((a for a in added if a.pk and same_change(a, event)), None)
        if twin is None:
            continue
        PlaceEvent.objects.filter(pk=event.pk).delete()  # not .delete(): the row stays
        if twin.old_value in ("", twin.new_value):  # saved after the place had the value
            PlaceEvent.objects.filter(pk=twin.pk).update(old_value=event.old_value)
        DataVersion.bump()
        if twin.attribute:
            follow_timeline(place.pk, twin.attribute, twin)


def same_change(one, other):
    if one.kind == other.kind == PlaceEvent.Kind.OPENED:
        return True
    return bool(one.attribute) and (one.attribute, one.new_value) == (
        other.attribute,
        other.new_value,
    )


def record_opening(place):
    event = place.events.filter(kind=PlaceEvent.Kind.OPENED).first()
    if place.opened_on is None:
        if event is not None:
            PlaceEvent.objects.filter(pk=event.pk).delete()
        return None
    if event is None:
        event = PlaceEvent(place=place, kind=PlaceEvent.Kind.OPENED, remark=remark_for(place))
    asked = getattr(place, "_event_dates", {}).get("opened_on")
    if isinstance(asked, tuple):  # an import's '2019' or '2019-03'
        event.precision = asked[1]
    elif event.happened_on != start_of(place.opened_on, event.precision):
        event.precision = PlaceEvent.Precision.DAY
    event.happened_on = place.opened_on
    models.Model.save(event)  # the place has the date already
    return event


def record_change(place, attribute, old, new):
    if attribute == "opened_on":
        return record_opening(place)
    if getattr(place, "_undoing", False) and cancel(place, attribute, old, new):
        return None
    newest = newest_event(place.pk, attribute)
    unknown = Place.ManagementForm.UNKNOWN
    told = newest is None or as_value(attribute, newest.new_value) == new
    if attribute == "management_form" and unknown in (old, new) and told:
        # Filled in or forgotten, not changed; unless the timeline's last word is another
        # value: it must stay the present (an undo back to 'onbekend' once left it behind).
        return None
    kind = KIND_OF_STATUS[new] if attribute == "status" else KIND_OF_ATTRIBUTE[attribute]
    day, precision = event_date(place, attribute, new)
    if newest is not None and newest.happened_on > day:
        # A change now cannot lie before the last one: on that day, after it (the form
        # refuses such a date; imports and merges give today or the closing date).
        day, precision = newest.happened_on, newest.precision
    event = PlaceEvent(
        place=place,
        kind=kind,
        happened_on=day,
        precision=precision,
        old_value=as_text(old),
        new_value=as_text(new),
        remark=remark_for(place),
    )
    models.Model.save(event)  # the place has the value already
    return event


def event_date(place, attribute, new):
    """The date the form asked for, else the closing date for a closing, else today."""
    asked = getattr(place, "_event_dates", {}).get(attribute)
    if asked:
        return asked if isinstance(asked, tuple) else (asked, PlaceEvent.Precision.DAY)
    if attribute == "status" and new == STATUS.CLOSED and place.closed_on:
        return place.closed_on, PlaceEvent.Precision.DAY
    return timezone.localdate(), PlaceEvent.Precision.DAY


def remark_for(place):
    run = _import_run.get()
    if run:
        return _("import %(run)s") % {"run": run}
    return str(getattr(place, "_change_reason", "") or "")[:300]


def cancel(place, attribute, old, new):
    """An undo takes away the event of the change it undoes, instead of adding one, when
    the timeline then says the value put back."""
    events = list(place.events.of_attribute(attribute).order_by("-happened_on", "-pk")[:2])
    newest, *before = events or [None]
    if newest is None or (newest.old_value, newest.new_value) != (as_text(new), as_text(old)):
        return False
    if before and before[0].new_value != as_text(new):
        return False
    PlaceEvent.objects.filter(pk=newest.pk).delete()
    return True
