"""A place's own story: dated events (opened, closed, taken over…), apart from the change
history, which records when somebody edited the record, not when the place changed.

The present state and the timeline never disagree: for status, management form, type and
operator, the newest event of that kind says the value the place has now. Every save of a
place that changes one of them records its event (places.models.event_recording, so that
forms, the admin, imports, merges and undo all do); an editor who adds or removes the newest event
changes the place along (PlaceEvent.save and delete).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from places.models.places import Place
from places.models.version import DataVersion

STATUS = Place.Status
FORMS = Place.ManagementForm


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def chronological(self):
        return self.order_by("happened_on", "pk")

    def of_attribute(self, attribute):
        return self.filter(kind__in=KINDS_OF[attribute])

    def changes_per_wijk_and_year(self):
        """Openings, closings and takeovers (to zelfbeheer, to sociaal beheer) per wijk and
        year: rows {wijk, year, openings, closings, to_self, to_social}, wijk and year in
        order. A duplicate merged away was never a place of its own: its closing is none."""
        kind = PlaceEvent.Kind
        forms = Place.ManagementForm
        takeover = models.Q(kind=kind.MANAGEMENT_FORM)
        counted = models.Q(kind__in=[kind.OPENED, kind.CLOSED]) | (
            takeover & models.Q(new_value__in=[forms.SELF, forms.SOCIAL])
        )
        return (
            self.filter(counted, place__merged_into__isnull=True)
            .values(wijk=models.F("place__buurt__parent"), year=ExtractYear("happened_on"))
            .annotate(
                openings=models.Count("pk", filter=models.Q(kind=kind.OPENED)),
                closings=models.Count("pk", filter=models.Q(kind=kind.CLOSED)),
                to_self=models.Count("pk", filter=takeover & models.Q(new_value=forms.SELF)),
                to_social=models.Count("pk", filter=takeover & models.Q(new_value=forms.SOCIAL)),
            )
            .order_by("wijk", "year")
        )


VALUES = _(
    "Status and management form by their code (closed, zelfbeheer), type and operator by "
    "their number, an address as text."
)


class PlaceEvent(models.Model):
    class Kind(models.TextChoices):
        OPENED = "opened", _("opened")
        CLOSED = "closed", _("closed")
        TEMPORARILY_CLOSED = "temporarily_closed", _("temporarily closed")
        REOPENED = "reopened", _("reopened")
        MANAGEMENT_FORM = "management_form", _("management form changed")
        OPERATOR = "operator", _("operator changed")
        MOVED = "moved", _("moved")
        PLACE_TYPE = "place_type", _("type changed")

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    happened_on = models.DateField(
        _("date"), help_text=_("With precision month or year: the first day of it.")
    )
    precision = models.CharField(
        _("date precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    old_value = models.CharField(_("old value"), max_length=200, blank=True, help_text=VALUES)
    new_value = models.CharField(_("new value"), max_length=200, blank=True, help_text=VALUES)
    remark = models.CharField(_("source or remark"), max_length=300, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["happened_on", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["place", "happened_on"], name="event_place_date_idx"),
            models.Index(fields=["kind", "happened_on"], name="event_kind_date_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.happened_on}"

    def save(self, *args, **kwargs):
        self.happened_on = start_of(self.happened_on, self.precision)
        if self.kind in STATUS_OF and not self.new_value:
            self.new_value = STATUS_OF[self.kind]
        if self.attribute and not self.old_value and self.pk is None and self.is_newest():
            self.old_value = as_text(getattr(Place.objects.get(pk=self.place_id), self.attribute))
        super().save(*args, **kwargs)
        DataVersion.bump()  # the map on a date changes with any event
        if self.attribute:
            follow_timeline(self.place_id, self.attribute, self)
        if self.kind == self.Kind.OPENED:
            set_place(self.place_id, "opened_on", self.happened_on, self)

    def delete(self, *args, **kwargs):
        """Removing the newest event says it did not happen: the place gets the value back
        it had before, or the one the event before it says (an undo does the same)."""
        stored = PlaceEvent.objects.get(pk=self.pk)  # as saved, not as a form left it
        newest = stored.attribute and stored.is_newest()
        result = super().delete(*args, **kwargs)
        DataVersion.bump()
        follows = newest and follow_timeline(self.place_id, stored.attribute, self)
        if newest and not follows and stored.old_value:
            set_place(self.place_id, stored.attribute, stored.old_value, self)
        if stored.kind == self.Kind.OPENED:
            set_place(self.place_id, "opened_on", None, self)
        return result

    def clean(self):
        if self.attribute in ("management_form",) and self.new_value not in FORMS.values:
            raise ValidationError({"new_value": _("Give the new management form by its code.")})
        if self.attribute and self.attribute.endswith("_id"):
            related = Place._meta.get_field(self.attribute.removesuffix("_id")).related_model
            known = self.new_value.isdigit() and related.objects.filter(pk=int(self.new_value))
            if not (known and known.exists()):
                raise ValidationError({"new_value": _("Give the number of the new value.")})

    @property
    def attribute(self):
        return ATTRIBUTE.get(self.kind)

    def is_newest(self):
        later = PlaceEvent.objects.filter(place=self.place_id).of_attribute(self.attribute)
        same_day_later = models.Q(happened_on=self.happened_on)
        if self.pk is not None:
            same_day_later &= models.Q(pk__gt=self.pk)
            later = later.exclude(pk=self.pk)
        else:
            same_day_later = models.Q(pk__in=[])
        return not later.filter(
            models.Q(happened_on__gt=self.happened_on) | same_day_later
        ).exists()


def newest_event(place_id, attribute):
    events = PlaceEvent.objects.filter(place=place_id).of_attribute(attribute)
    return events.order_by("-happened_on", "-pk").first()


def follow_timeline(place_id, attribute, cause):
    """Give the place the value its newest event says; False when there is none."""
    newest = newest_event(place_id, attribute)
    if newest is not None:
        set_place(place_id, attribute, newest.new_value, cause)
    return newest is not None


ATTRIBUTE = {
    PlaceEvent.Kind.CLOSED: "status",
    PlaceEvent.Kind.TEMPORARILY_CLOSED: "status",
    PlaceEvent.Kind.REOPENED: "status",
    PlaceEvent.Kind.MANAGEMENT_FORM: "management_form",
    PlaceEvent.Kind.OPERATOR: "organisation_id",
    PlaceEvent.Kind.PLACE_TYPE: "place_type_id",
}
KINDS_OF = {}
for _kind, _attribute in ATTRIBUTE.items():
    KINDS_OF.setdefault(_attribute, []).append(_kind)
PlaceEvent.KINDS_OF = KINDS_OF  # for Place.objects.on(), which may not import the models
STATUS_OF = {
    PlaceEvent.Kind.CLOSED: STATUS.CLOSED,
    PlaceEvent.Kind.TEMPORARILY_CLOSED: STATUS.TEMPORARILY_CLOSED,
    PlaceEvent.Kind.REOPENED: STATUS.ACTIVE,
}
KIND_OF_STATUS = {
    STATUS.CLOSED: PlaceEvent.Kind.CLOSED,
    STATUS.TEMPORARILY_CLOSED: PlaceEvent.Kind.TEMPORARILY_CLOSED,
    STATUS.ACTIVE: PlaceEvent.Kind.REOPENED,
}
KIND_OF_ATTRIBUTE = {
    "management_form": PlaceEvent.Kind.MANAGEMENT_FORM,
    "organisation_id": PlaceEvent.Kind.OPERATOR,
    "place_type_id": PlaceEvent.Kind.PLACE_TYPE,
}


def start_of(day, precision):
    """The first day of the month or year when only that is known."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    if precision == PlaceEvent.Precision.YEAR:
        return day.replace(month=1, day=1)
    if precision == PlaceEvent.Precision.MONTH:
        return day.replace(day=1)
    return day


def as_value(attribute, value):
    """An event's text value as the place field's value."""
    if attribute.endswith("_id"):
        return int(value) if value not in ("", None) else None
    return value


def as_text(value):
    return "" if value is None else str(value)


def set_place(place_id, attribute, value, event):
    """Give the place the value its newest event says, without recording another event."""
    place = Place.objects.get(pk=place_id)
    value = value if attribute == "opened_on" else as_value(attribute, value)
    if getattr(place, attribute) == value:
        return
    setattr(place, attribute, value)
    if attribute == "status" and value == STATUS.CLOSED:
        place.closed_on = event.happened_on
    place._from_timeline = True
    place._change_reason = str(event)
    place.save()


def disagreements(place):
    """The attributes whose newest event says another value than the place has."""
    wrong = []
    for attribute in KINDS_OF:
        newest = newest_event(place.pk, attribute)
        if newest and as_value(attribute, newest.new_value) != getattr(place, attribute):
            wrong.append(attribute)
    return wrong


__all__ = ["PlaceEvent", "disagreements"]
