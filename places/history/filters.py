"""The recent changes' filter: kind of change, person, wijk and dates (a GET form)."""

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from places.models import Area, Place
from places.models.history import ChangeKind

NAME_MAX_LENGTH = 100


class ChangeFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(
        label=_("Kind of change"),
        field_name="change_kind",
        choices=ChangeKind.choices,
        empty_label=_("all"),
    )
    persoon = django_filters.CharFilter(
        label=_("Person (name or user name)"),
        method="filter_person",
        max_length=NAME_MAX_LENGTH,
    )
    wijk = django_filters.ModelChoiceFilter(
        label=_("Wijk"),
        queryset=Area.objects.filter(kind=Area.Kind.WIJK)
        .only("code", "name")
        .order_by(Lower("name")),
        to_field_name="code",
        field_name="buurt__parent",
        empty_label=_("all"),
    )
    van = django_filters.DateFilter(
        label=_("From"),
        field_name="history_date__date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        label=_("Until (inclusive)"),
        field_name="history_date__date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Place.history.model
        fields = []

    def filter_person(self, queryset, name, value):
        words = value.split()[:3]
        for word in words:
            queryset = queryset.filter(
                Q(history_user__username__icontains=word)
                | Q(history_user__first_name__icontains=word)
                | Q(history_user__last_name__icontains=word)
            )
        return queryset
