"""The form in which an owner proposes an event for their place's story (issue 19): what
happened, when (a day, a month or a year) and the new value the event names."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places.event_dates import read_date
from places.models import EventProposal, Organisation, Place, PlaceEvent, PlaceType

K = PlaceEvent.Kind
# The field that names the new value, per kind of event (the others need none).
VALUE_FIELD = {
    K.MANAGEMENT_FORM: "management_form",
    K.PLACE_TYPE: "place_type",
    K.OPERATOR: "organisation",
    K.MOVED: "address",
}


class ProposeEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened?"), choices=K.choices)
    date = forms.CharField(
        label=_("When?"),
        max_length=20,
        help_text=_("A day (4-3-2021), a month (3-2021 or 2021-03) or only a year (2021)."),
    )
    management_form = forms.ChoiceField(
        label=_("New management form"),
        required=False,
        choices=[("", "—")]
        + [c for c in Place.ManagementForm.choices if c[0] != Place.ManagementForm.UNKNOWN],
    )
    place_type = forms.ModelChoiceField(
        label=_("New type"), queryset=PlaceType.objects.all(), required=False, empty_label="—"
    )
    organisation = forms.ModelChoiceField(
        label=_("New operator"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="—",
    )
    address = forms.CharField(label=_("New address"), max_length=200, required=False)
    remark = forms.CharField(
        label=_("Source or remark"),
        max_length=300,
        required=False,
        help_text=_("Where the editors can check it, for example a newspaper article."),
    )

    def clean_date(self):
        try:
            read = read_date(self.cleaned_data["date"])
        except ValueError:
            read = None
        if read is None:
            raise forms.ValidationError(
                _("Write the date as 4-3-2021, as 3-2021 (a month) or as 2021 (a year).")
            )
        if read[0] > timezone.localdate():
            raise forms.ValidationError(_("A date in the future has not happened yet."))
        return read

    def clean(self):
        data = super().clean()
        name = VALUE_FIELD.get(data.get("kind"))
        if name and not data.get(name):
            self.add_error(name, _("Say what it became."))
        return data

    def new_value(self):
        name = VALUE_FIELD.get(self.cleaned_data["kind"])
        value = self.cleaned_data.get(name) if name else ""
        return str(value.pk) if hasattr(value, "pk") else (value or "")

    def proposal(self, place, user):
        day, precision = self.cleaned_data["date"]
        return EventProposal.objects.create(
            place=place,
            kind=self.cleaned_data["kind"],
            happened_on=day,
            precision=precision,
            new_value=self.new_value(),
            remark=self.cleaned_data["remark"],
            proposed_by=user,
        )


class DecideForm(forms.Form):
    """An editor's answer to a proposal: a rejection says why."""

    decision = forms.ChoiceField(choices=[("confirm", "confirm"), ("reject", "reject")])
    note = forms.CharField(label=_("Note for the owner"), max_length=1000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("note", "").strip():
            self.add_error("note", _("Say why the proposal is rejected."))
        return data
