"""The edit form's part in a place's story (places.models.events): the date a change of
status or management form happened, asked beside the field, and the editors' rows of
dated events."""

from django import forms
from django.forms import inlineformset_factory
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from places.models import Place, PlaceEvent
from places.models.events import newest_event

ADDRESS_FIELDS = ("street", "house_number", "postcode", "city")


def since_field(label, help_text):
    """The date a change happened, asked beside the field (places.models.events)."""
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(label=label, help_text=help_text, required=False, widget=widget)


class DatedChanges:
    """For a place form: `dated` maps a field to the field with the date of its change;
    that date is required when the field changed, and goes with the save to its event."""

    dated = {}

    def clean(self):
        data = super().clean()
        for name, since in self.dated.items():
            # Not changed_data: that compares every field, an unreadable pin included.
            if not (self.instance.pk and self[name]._has_changed()):
                continue
            if name == "status" and data.get(name) == Place.Status.CLOSED:
                since = "closed_on"  # the date it closed (required by the editors' form)
            if data.get(since):
                self.check_after_last(name, since, data[since])
            elif since != "closed_on":
                self.add_error(since, _("Give the date of this change."))
        return data

    def check_after_last(self, name, since, day):
        """A change dated before the place's last one would not be its present state."""
        last = newest_event(self.instance.pk, name)
        if last is not None and day < last.happened_on:
            self.add_error(
                since,
                _("The last change of this was on %(date)s: give that date or a later one.")
                % {"date": formats.date_format(last.happened_on, "j F Y")},
            )

    def clean_moved_on(self):
        """A move is dated and changes the address; a corrected address is no move."""
        day = self.cleaned_data.get("moved_on")
        if day is None or self.instance.pk is None:
            return None  # a new place's address is where it starts, not a move
        if not any(self[name]._has_changed() for name in ADDRESS_FIELDS if name in self.fields):
            raise forms.ValidationError(
                _("Give the new address as well; leave the date empty to correct the address.")
            )
        moves = PlaceEvent.objects.filter(place=self.instance, kind=PlaceEvent.Kind.MOVED)
        last = moves.order_by("-happened_on").first()
        if last is not None and day < last.happened_on:
            raise forms.ValidationError(
                _("The last move was on %(date)s: give that date or a later one.")
                % {"date": formats.date_format(last.happened_on, "j F Y")}
            )
        return day

    def save(self, commit=True):
        self.instance._event_dates = {
            name: self.cleaned_data[since]
            for name, since in self.dated.items()
            if self.cleaned_data.get(since)
        }
        if self.cleaned_data.get("moved_on"):
            self.instance._event_dates["address"] = self.cleaned_data["moved_on"]
        if self.cleaned_data.get("status") == Place.Status.CLOSED:
            self.instance._event_dates.pop("status", None)  # the date it closed counts
        return super().save(commit)


# The editors' part of a place's story (places.models.events): the newest event of a kind
# sets the place's value, so adding or removing one here changes the place along.
EventsFormSet = inlineformset_factory(
    Place,
    PlaceEvent,
    fields=["kind", "happened_on", "precision", "old_value", "new_value", "remark", "is_public"],
    extra=1,
    can_delete=True,
    widgets={"happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")},
)
