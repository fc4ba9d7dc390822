"""Members and editors edit places: forms, the no-lost-updates rule, history and revert."""

from django import forms
from django.db import transaction
from django.db.models import F
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places import demo
from places.accounts import audit
from places.event_forms import DatedChanges, since_field
from places.fields import PinWidget, finite_decimals
from places.hours_form import OpeningHoursFormField
from places.models import Activity, Place, PlaceEvent, YearFigures, YearlyCosts
from places.models.event_recording import drop_doubles

MEMBER_FIELDS = [
    "name",
    "place_type",
    "management_form",
    "description",
    "street",
    "house_number",
    "postcode",
    "city",
    "location",
    "opening_hours",
    "services",
    "target_groups",
    "wheelchair",
    "accessible_toilet",
    "hearing_loop",
    "visitor_cost",
    "visitor_cost_amount",
    "visitor_cost_note",
    "website",
    "email",
    "phone",
    "contact_name",
    "contact_email",
    "contact_phone",
]
# Only editors set these; posted by anyone else they are simply not part of the form.
EDITOR_FIELDS = ["status", "closed_on", "opened_on", "is_published", "internal_notes"]
NOT_COMPARED = {"id", "version", "created_at", "updated_at", "slug", "buurt", "merged_into"}
# The dates of a change, not fields of the place.
NOT_COMPARED |= {"management_form_since", "status_since", "moved_on"}
# Seen by policy staff and editors only, on the place page as in its history.
POLICY_ONLY_FIELDS = ["internal_notes"]


def hidden_fields(user):
    """Place fields this person may not see, in the history as on the place page."""
    from places.roles import is_policy

    return [] if is_policy(user) else POLICY_ONLY_FIELDS


def undoable_fields(user):
    """The fields a person may put back: those their own form may set, no others."""
    from places.roles import is_editor

    if is_editor(user):
        fields = [*Place._meta.concrete_fields, *Place._meta.many_to_many]
        return {field.name for field in fields} - NOT_COMPARED
    return set(MEMBER_FIELDS)


class Conflict(Exception):
    """Somebody saved the place after this form was opened."""


class PlaceForm(DatedChanges, forms.ModelForm):
    opening_hours = OpeningHoursFormField(label=_("Opening hours"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    management_form_since = since_field(
        _("Management form since"),
        _("When you change the management form: the date it changed hands."),
    )
    moved_on = since_field(
        _("Moved on"),
        _(
            "Only when the place moved to this new address: the date it moved (part of its "
            "story). Leave it empty when you correct the address."
        ),
    )
    # {field: its date field}: a change of the field is saved as a dated event.
    dated = {"management_form": "management_form_since"}

    class Meta:
        model = Place
        fields = MEMBER_FIELDS
        formfield_callback = finite_decimals
        widgets = {
            "location": PinWidget(),
            "services": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].help_text = _("Drag the pin to where the entrance is.")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for name in self.dated.values():
            self.fields[name].initial = timezone.localdate()


class EditorPlaceForm(PlaceForm):
    status_since = since_field(
        _("Status since"),
        _(
            "When you change the status: the date of the change (a closing takes the date it "
            "closed)."
        ),
    )
    dated = {**PlaceForm.dated, "status": "status_since"}

    class Meta(PlaceForm.Meta):
        fields = MEMBER_FIELDS + EDITOR_FIELDS

    def clean(self):
        data = super().clean()
        if data.get("status") == Place.Status.CLOSED and not data.get("closed_on"):
            self.add_error("closed_on", _("Give the date the place closed."))
        return data


def form_class_for(user):
    from places.roles import is_editor

    return EditorPlaceForm if is_editor(user) else PlaceForm


ActivityFormSet = inlineformset_factory(
    Place, Activity, fields=["name", "when", "mode", "cost"], extra=1, can_delete=True
)
CostsFormSet = inlineformset_factory(
    Place,
    YearlyCosts,
    fields=["year", "rent", "operating_costs", "volunteer_fees", "subsidy", "other_income"],
    extra=1,
    can_delete=True,
    formfield_callback=finite_decimals,
)


FiguresFormSet = inlineformset_factory(
    Place,
    YearFigures,
    fields=[
        "year",
        "visitors_per_week",
        "volunteers",
        "activities",
        "target_visitors_per_week",
        "target_activities",
    ],
    extra=1,
    can_delete=True,
)


def confirmed(marks, changed):
    """The demo marks (places.demo) left when these fields were saved in a form: a value
    somebody saved is theirs, no longer an example."""
    tags = {"services": "service:", "target_groups": "target_group:"}
    prefixes = tuple(tags[name] for name in changed if name in tags)
    return [m for m in marks if m not in changed and not (prefixes and m.startswith(prefixes))]


def save_with_version(form, formsets):
    """Save if nobody saved since the form was opened; otherwise raise Conflict.

    The version is checked in the UPDATE itself, which also locks the row until the
    transaction ends, so two saves can never both pass the check.
    """
    expected = form.cleaned_data.get("version")
    with transaction.atomic():
        bumped = Place.objects.filter(pk=form.instance.pk, version=expected).update(
            version=F("version") + 1
        )
        if not bumped:
            raise Conflict
        place = form.save(commit=False)
        place.version = expected  # save() moves it on to expected + 1, as the UPDATE did
        edited = demo.edited_rows(formsets)
        place.demo_fields = [
            m for m in confirmed(place.demo_fields, form.changed_data) if m not in edited
        ]
        place.save()
        form.save_m2m()
        for formset in formsets:
            formset.save()
        added = [row for f in formsets if f.model is PlaceEvent for row in f.new_objects]
        drop_doubles(place, added)  # a change and its event row are one event
    return place


def differences(mine, current):
    """(label, my value, the saved value) for each field where a conflict differs."""
    rows = []
    for name, field in mine.fields.items():
        if name in NOT_COMPARED or name not in mine.cleaned_data:
            continue
        model_field = Place._meta.get_field(name)
        saved = getattr(current, name)
        if model_field.many_to_many:
            saved = set(saved.all())
            posted = set(mine.cleaned_data[name])
        else:
            posted = mine.cleaned_data[name]
        if model_field.name == "location":
            same = (
                posted is not None
                and saved.distance(posted.transform(saved.srid, clone=True)) < 0.5
            )
        else:
            same = posted == saved
        if not same:
            rows.append((field.label, display(posted), display(saved)))
    return rows


def display(value):
    if isinstance(value, set):
        return ", ".join(sorted(str(item) for item in value)) or "—"
    if value is None or value == "":
        return "—"
    if hasattr(value, "geom_type"):
        lng, lat = value.transform(4326, clone=True).coords
        return f"{lat:.5f}, {lng:.5f}"
    return str(value)


def revert_to(record, user, reason):
    """Put back the fields this person may set as they were in a history record.

    Returns the names of the fields that changed (none: nothing was saved). A member cannot
    undo an editor's decision this way: status, publication and notes are not theirs to set.
    """
    allowed = undoable_fields(user)
    with transaction.atomic():
        current = Place.objects.select_for_update().get(pk=record.id)
        old = record.instance
        changed = []
        for field in Place._meta.concrete_fields:
            before = getattr(old, field.attname)
            if field.name in allowed and getattr(current, field.attname) != before:
                setattr(current, field.attname, before)
                changed.append(field.name)
        tags = tags_to_put_back(record, current, allowed)
        if not (changed or tags):
            return []
        current._change_reason = reason  # the row is locked: nobody saves in between
        current._undoing = True  # takes away the dated event of what it undoes
        current.save()
        for name, ids in tags.items():
            getattr(current, name).set(ids)  # recorded with the save above
        changed += list(tags)
    audit.record("place.revert", current, actor=user, to_history=record.history_id, fields=changed)
    return changed


def tags_to_put_back(record, current, allowed):
    """{tag field: the ids in the record} for each tag field that differs now."""
    tags = {}
    for field in Place._meta.many_to_many:
        if field.name in allowed:
            column = field.m2m_reverse_name()
            before = set(getattr(record, field.name).values_list(column, flat=True))
            if before != set(getattr(current, field.name).values_list("pk", flat=True)):
                tags[field.name] = before
    return tags


def mark_verified(place):
    """'Klopt nog': the listing was checked now; no other field changes."""
    Place.objects.filter(pk=place.pk).update(last_verified_at=timezone.now())
