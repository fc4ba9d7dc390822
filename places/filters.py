import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Area, Place, PlaceType, TargetGroup

SHOW_ALL = "all"


def area_filter(kind, label):
    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=Area.objects.filter(kind=kind),
        to_field_name="code",
        method="filter_area",
        empty_label=_("all"),
    )


class PlaceFilter(django_filters.FilterSet):
    """One filter for the map and the list: its state lives in the URL."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    type = django_filters.ModelMultipleChoiceFilter(
        label=_("Type"),
        field_name="place_type__slug",
        to_field_name="slug",
        queryset=PlaceType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    beheer = django_filters.MultipleChoiceFilter(
        label=_("Management form"),
        field_name="management_form",
        choices=Place.ManagementForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    gemeente = area_filter(Area.Kind.GEMEENTE, _("Municipality"))
    wijk = area_filter(Area.Kind.WIJK, _("District"))
    buurt = area_filter(Area.Kind.BUURT, _("Neighbourhood"))
    doelgroep = django_filters.ModelMultipleChoiceFilter(
        label=_("Target group"),
        field_name="target_groups__slug",
        to_field_name="slug",
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*Place.Status.choices, (SHOW_ALL, _("all, closed included"))],
        empty_label=_("open and temporarily closed"),
        method="filter_status",
    )

    class Meta:
        model = Place
        fields = []

    @property
    def qs(self):
        places = super().qs
        if not self.form.cleaned_data.get("status"):
            places = places.not_closed()
        return places.distinct() if self.form.cleaned_data.get("doelgroep") else places

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)

    def filter_status(self, queryset, name, value):
        return queryset if value == SHOW_ALL else queryset.filter(status=value)
