"""An owner's proposal for their place's story (issue 19): an event that waits for the editors.

Confirming it saves the event exactly as an editor's own (PlaceEvent.save), so the newest
event still sets the place and timeline and present state agree; rejecting changes nothing
but the proposal, which keeps the editor's note for the owner to read.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places.models.events import PlaceEvent
from places.models.places import Place


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=EventProposal.Status.PENDING)

    def for_desk(self):
        return (
            self.pending().select_related("place__place_type", "proposed_by").order_by("created_at")
        )


class EventProposal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the editors")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="event_proposals"
    )
    kind = models.CharField(_("event"), max_length=20, choices=PlaceEvent.Kind.choices)
    happened_on = models.DateField(_("date"))
    precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=PlaceEvent.Precision.choices,
        default=PlaceEvent.Precision.DAY,
    )
    new_value = models.CharField(_("new value"), max_length=200, blank=True)
    remark = models.CharField(_("source or remark"), max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="event_proposals",
    )
    created_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    note = models.CharField(_("note of the editors"), max_length=1000, blank=True)
    event = models.ForeignKey(
        PlaceEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposed event")
        verbose_name_plural = _("proposed events")

    def __str__(self):
        return f"{self.place}: {self.get_kind_display()} {self.happened_on}"

    def as_event(self):
        """The event it would be, unsaved (for its sentence, and to confirm)."""
        return PlaceEvent(
            place=self.place,
            kind=self.kind,
            happened_on=self.happened_on,
            precision=self.precision,
            new_value=self.new_value,
            # A move is from where the place is now (its address changes after, by hand).
            old_value=self.place.address if self.kind == PlaceEvent.Kind.MOVED else "",
            remark=self.remark,
        )

    def confirm(self, editor, note=""):
        """Save the event as an editor's own; the proposal is then confirmed."""
        with transaction.atomic():
            locked = EventProposal.objects.select_for_update().get(pk=self.pk)
            if locked.status != self.Status.PENDING:
                return False
            event = self.as_event()
            event.clean()  # a type or operator removed since is refused, not saved
            event.save()
            self.decide(self.Status.CONFIRMED, editor, note, event)
        return True

    def reject(self, editor, note):
        with transaction.atomic():
            locked = EventProposal.objects.select_for_update().get(pk=self.pk)
            if locked.status != self.Status.PENDING:
                return False
            self.decide(self.Status.REJECTED, editor, note)
        return True

    def decide(self, status, editor, note, event=None):
        self.status, self.decided_by, self.decided_at = status, editor, timezone.now()
        self.note, self.event = note, event
        self.save()
