from django import forms
from django.contrib import admin
from django.contrib.gis.db.models import PointField
from django.db import models
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from places import demo
from places.editing import confirmed
from places.fields import AdminPinWidget, FiniteDecimalField, LocationField
from places.filters import check_search_text
from places.history.admin import PlainHistoryAdmin
from places.hours_form import OpeningHoursFormField
from places.models import (
    Activity,
    Area,
    ClaimRequest,
    ContactMoment,
    Membership,
    Organisation,
    Place,
    PlaceEvent,
    PlaceType,
    Report,
    Service,
    TargetGroup,
    Wijkteam,
    YearlyCosts,
)
from places.models.event_recording import drop_doubles


class BoundedSearchMixin:
    """The admin's search box under the same limits as the site's (places.filters)."""

    def get_search_results(self, request, queryset, search_term):
        check_search_text(search_term)
        return super().get_search_results(request, queryset, search_term)


class MapAdmin(BoundedSearchMixin, LeafletGeoAdmin):
    widget = AdminPinWidget

    class Media:
        js = ["js/admin-map.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, PointField):
            kwargs["form_class"] = LocationField  # a form error for what GDAL cannot read
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Area)
class AreaAdmin(MapAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]


@admin.register(PlaceType)
class PlaceTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "color", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Service, TargetGroup)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


# Amounts that are not numbers ('sNaN') are refused, not a server error (places/fields.py).
FINITE_DECIMALS = {models.DecimalField: {"form_class": FiniteDecimalField}}


class YearlyCostsInline(admin.TabularInline):
    model = YearlyCosts
    extra = 0
    formfield_overrides = FINITE_DECIMALS


class PlaceAdminForm(forms.ModelForm):
    opening_hours = OpeningHoursFormField(label=_("Opening hours"), required=False)
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The version saved now: the history's revert form holds an old record's instance.
        saved = Place.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
        self.fields["seen_version"].initial = saved.first() or self.instance.version

    def clean(self):
        data = super().clean()
        seen = data.get("seen_version")
        if (
            self.instance.pk
            and seen is not None
            and seen != Place.objects.get(pk=self.instance.pk).version
        ):
            raise forms.ValidationError(
                _(
                    "Someone else saved this place in the meantime. "
                    "Open it again to see the changes."
                )
            )
        return data

    class Meta:
        model = Place
        fields = ["opening_hours", "seen_version"]  # the admin adds the rest (fieldsets)


class PlaceEventInline(admin.TabularInline):
    """The place's own story (places.models.events): the newest event of a kind sets the
    place's value, so status and timeline agree; removing it puts the value before back."""

    model = PlaceEvent
    extra = 0
    fields = ["kind", "happened_on", "precision", "old_value", "new_value", "remark", "is_public"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "place"
    extra = 0
    # People are found by name, username or e-mail (the user admin's search), not by number.
    autocomplete_fields = ["user", "invited_by"]


@admin.register(Place)
class PlaceAdmin(PlainHistoryAdmin, MapAdmin):
    form = PlaceAdminForm
    formfield_overrides = FINITE_DECIMALS
    list_display = ["name", "place_type", "management_form", "status", "buurt", "is_published"]
    list_filter = ["is_published", "status", "place_type", "management_form", "source"]
    search_fields = ["name", "street", "postcode", "external_id"]
    list_select_related = ["place_type", "buurt"]
    readonly_fields = [
        "buurt",
        "source",
        "external_id",
        "created_at",
        "updated_at",
        "version",
        "merged_into",
        "last_verified_at",
    ]
    filter_horizontal = ["services", "target_groups"]
    autocomplete_fields = ["organisation"]
    inlines = [PlaceEventInline, ActivityInline, YearlyCostsInline, MembershipInline]

    def save_related(self, request, form, formsets, change):
        """As the place form does (places.editing): a demo value or row somebody saved here is
        theirs from then on, no longer example data ("Voorbeeldgegevens")."""
        super().save_related(request, form, formsets, change)
        place = form.instance
        added = [row for f in formsets if f.model is PlaceEvent for row in f.new_objects]
        drop_doubles(place, added)  # a change and its event row are one event
        rows = [f for f in formsets if f.model._meta.model_name in demo.ROW_MARKS]
        edited = demo.edited_rows(rows)
        marks = [m for m in confirmed(place.demo_fields, form.changed_data) if m not in edited]
        if marks != place.demo_fields:
            Place.objects.filter(pk=place.pk).update(demo_fields=marks)
            place.demo_fields = marks

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "place_type",
                    "management_form",
                    "organisation",
                    "seen_version",
                ]
            },
        ),
        (
            _("Address and location"),
            {"fields": ["street", "house_number", "postcode", "city", "location", "buurt"]},
        ),
        (
            _("Opening"),
            {"fields": ["status", "closed_on", "opened_on", "opening_hours", "is_published"]},
        ),
        (
            _("What is on offer"),
            {"fields": ["description", "services", "target_groups"]},
        ),
        (
            _("Accessibility and costs"),
            {
                "fields": [
                    "wheelchair",
                    "accessible_toilet",
                    "hearing_loop",
                    "visitor_cost",
                    "visitor_cost_amount",
                    "visitor_cost_note",
                ]
            },
        ),
        (_("Contact"), {"fields": ["website", "email", "phone"]}),
        (
            _("Contact person (not public)"),
            {"fields": ["contact_name", "contact_email", "contact_phone"]},
        ),
        (
            _("Origin"),
            {
                "fields": [
                    "source",
                    "external_id",
                    "created_at",
                    "updated_at",
                    "last_verified_at",
                    "merged_into",
                    "version",
                    "internal_notes",
                ]
            },
        ),
    ]


@admin.register(Wijkteam)
class WijkteamAdmin(admin.ModelAdmin):
    list_display = ["name", "contact"]
    fields = ["name", "contact", "wijken", "members"]
    filter_horizontal = ["wijken"]
    autocomplete_fields = ["members"]


@admin.register(ContactMoment)
class ContactMomentAdmin(admin.ModelAdmin):
    list_display = ["place", "date", "kind", "user", "wijkteam"]
    list_filter = ["kind", "wijkteam"]
    autocomplete_fields = ["place", "user"]


@admin.register(ClaimRequest)
class ClaimRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "place", "status", "created_at"]
    list_filter = ["status"]
    autocomplete_fields = ["user", "place", "decided_by"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["place", "created_at", "status"]
    list_filter = ["status"]
    autocomplete_fields = ["place", "handled_by"]


admin.site.site_header = admin.site.site_title = _("Ontmoeting — management")
admin.site.index_title = _("Management of the register")
import places.municipality_admin  # noqa: E402, F401  (the municipality settings page)
