from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from .hours_form import OpeningHoursFormField
from .models import (
    Activity,
    Area,
    Organisation,
    Place,
    PlaceType,
    Service,
    TargetGroup,
    YearlyCosts,
)


class MapAdmin(LeafletGeoAdmin):
    class Media:
        js = ["js/admin-map.js"]


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
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


class YearlyCostsInline(admin.TabularInline):
    model = YearlyCosts
    extra = 0


class PlaceAdminForm(forms.ModelForm):
    opening_hours = OpeningHoursFormField(label=_("Opening hours"), required=False)

    class Meta:
        model = Place
        fields = ["opening_hours"]  # the admin adds the rest from its fieldsets


@admin.register(Place)
class PlaceAdmin(MapAdmin):
    form = PlaceAdminForm
    list_display = ["name", "place_type", "management_form", "status", "buurt", "is_published"]
    list_filter = ["is_published", "status", "place_type", "management_form", "source"]
    search_fields = ["name", "street", "postcode", "external_id"]
    list_select_related = ["place_type", "buurt"]
    readonly_fields = ["buurt", "source", "external_id", "created_at", "updated_at"]
    filter_horizontal = ["services", "target_groups"]
    autocomplete_fields = ["organisation"]
    inlines = [ActivityInline, YearlyCostsInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "place_type", "management_form", "organisation"]}),
        (
            _("Address and location"),
            {"fields": ["street", "house_number", "postcode", "city", "location", "buurt"]},
        ),
        (
            _("Opening"),
            {"fields": ["status", "closed_on", "opening_hours", "is_published"]},
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
        (_("Origin"), {"fields": ["source", "external_id", "created_at", "updated_at"]}),
    ]
