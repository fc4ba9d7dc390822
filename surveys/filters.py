import django_filters
from django.utils.translation import gettext_lazy as _

from places.models import Area, Place, PlaceType


class ResultFilter(django_filters.FilterSet):
    """Which places the results are about: by type, management form, wijk and buurt."""

    type = django_filters.ModelMultipleChoiceFilter(
        label=_("Type"),
        field_name="place_type__slug",
        to_field_name="slug",
        queryset=PlaceType.objects.all(),
    )
    beheer = django_filters.MultipleChoiceFilter(
        label=_("Management form"),
        field_name="management_form",
        choices=Place.ManagementForm.choices,
    )
    wijk = django_filters.ModelChoiceFilter(
        label=_("District"),
        field_name="buurt__parent",
        to_field_name="code",
        queryset=Area.objects.wijken(),
        empty_label=_("all"),
    )
    buurt = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"),
        field_name="buurt",
        to_field_name="code",
        queryset=Area.objects.buurten(),
        empty_label=_("all"),
    )

    class Meta:
        model = Place
        fields = []


def places_in_scope(data):
    """The places a round is about (published, not closed), filtered; and the filter."""
    result_filter = ResultFilter(data, queryset=Place.objects.published().not_closed())
    return result_filter.qs, result_filter
