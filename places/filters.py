import re

import django_filters
from django import forms
from django.core.exceptions import BadRequest
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse_lazy
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from places import hours
from places.models import Area, Place, PlaceType, TargetGroup

SHOW_ALL = "all"
# Every word of a search is a condition on five columns: a thousand words make a query that
# SQLite refuses ("Expression tree is too large") and PostgreSQL works long on.
SEARCH_MAX_LENGTH = 200
SEARCH_MAX_WORDS = 10


def check_search_text(text):
    """Refuse search text past the limits with a Dutch 400 (handler400 shows the reason)."""
    text = text or ""
    if len(text) > SEARCH_MAX_LENGTH or len(text.split()) > SEARCH_MAX_WORDS:
        raise BadRequest(
            gettext_now(
                "The search text is too long: use at most %(words)d words and %(length)d "
                "characters."
            )
            % {"words": SEARCH_MAX_WORDS, "length": SEARCH_MAX_LENGTH}
        )


def area_filter(kind, label, widget=None):
    return django_filters.ModelChoiceFilter(
        label=label,
        widget=widget,
        queryset=Area.objects.filter(kind=kind)
        .only("code", "name", "kind")
        .order_by(Lower("name"), "name"),
        to_field_name="code",
        method="filter_area",
        empty_label=_("all"),
    )


AREA_CODE = re.compile(r"\w{1,12}")


def area_codes(data):
    """The area parameters that can be CBS codes: other text (a NUL character, which
    PostgreSQL refuses with an error) must not reach the queries that narrow the choices."""
    names = ("gemeente", "wijk", "buurt")
    return {name: data[name] for name in names if AREA_CODE.fullmatch(data.get(name) or "")}


class PlaceFilter(django_filters.FilterSet):
    """One filter for the map and the list: its state lives in the URL."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    type = django_filters.ModelMultipleChoiceFilter(
        label=_("Type"),
        field_name="place_type__slug",
        to_field_name="slug",
        queryset=PlaceType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        # A place has one type: no duplicates to remove, and DISTINCT would stop the
        # nearest-first (KNN) index order.
        distinct=False,
    )
    beheer = django_filters.MultipleChoiceFilter(
        label=_("Management form"),
        field_name="management_form",
        choices=Place.ManagementForm.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    gemeente = area_filter(Area.Kind.GEMEENTE, _("Municipality"))
    wijk = area_filter(Area.Kind.WIJK, _("District"))
    # Its choices follow the chosen wijk at once (static/js/area-choices.js).
    buurt = area_filter(
        Area.Kind.BUURT,
        _("Neighbourhood"),
        forms.Select(
            attrs={
                "data-areas-url": reverse_lazy("places:api-areas", args=["json"]),
                "data-parent-field": "wijk",
            }
        ),
    )
    doelgroep = django_filters.ModelMultipleChoiceFilter(
        label=_("Target group"),
        field_name="target_groups__slug",
        to_field_name="slug",
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    open_now = django_filters.BooleanFilter(
        label=_("Open now"), method="filter_open_now", widget=forms.CheckboxInput
    )
    open_at = django_filters.IsoDateTimeFilter(
        label=_("Open on (day and time)"),
        method="filter_open_at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    rolstoel = django_filters.BooleanFilter(
        label=_("Wheelchair accessible"), method="filter_wheelchair", widget=forms.CheckboxInput
    )
    ook_onbekend = django_filters.BooleanFilter(
        label=_("Also places where that is not known"),
        method="filter_also_unknown",
        widget=forms.CheckboxInput,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*Place.Status.choices, (SHOW_ALL, _("all, closed included"))],
        empty_label=_("active (default)"),
        method="filter_status",
    )

    class Meta:
        model = Place
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        check_search_text((data or {}).get("q"))
        super().__init__(data, *args, **kwargs)
        self.narrow_area_choices(area_codes(data or {}))

    def narrow_area_choices(self, data):
        """Offer the wijken of the chosen gemeente and the buurten of the chosen wijk only:
        a country has thousands of wijken and buurten, too many for one list (and for every
        page). A register of one gemeente offers its wijken straight away."""
        if "wijk" not in self.filters:
            return  # NearbyFilter: no areas
        wijken = self.filters["wijk"].queryset
        buurten = self.filters["buurt"].queryset
        if data.get("gemeente"):
            wijken = wijken.filter(parent__code=data["gemeente"])
        elif data.get("wijk"):
            wijken = wijken.filter(code=data["wijk"])  # a shared link with a wijk only
        else:  # the wijken of the only gemeente; none when there are several
            others = Area.objects.filter(kind=Area.Kind.GEMEENTE).exclude(pk=OuterRef("parent"))
            wijken = wijken.filter(~Exists(others))
        if data.get("wijk"):
            buurten = buurten.filter(parent__code=data["wijk"])
        elif data.get("buurt"):
            buurten = buurten.filter(code=data["buurt"])  # a shared link with a buurt only
        else:
            buurten = buurten.none()
        self.filters["wijk"].queryset = wijken
        self.filters["buurt"].queryset = buurten
        self.form.fields["wijk"].queryset = wijken
        self.form.fields["buurt"].queryset = buurten

    @property
    def qs(self):
        places = super().qs
        if not self.form.cleaned_data.get("status"):
            places = places.filter(status=Place.Status.ACTIVE)
        return places.distinct() if self.form.cleaned_data.get("doelgroep") else places

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)

    @property
    def also_unknown(self):
        """'Open now' and 'wheelchair accessible' also take the places where it is not known."""
        return bool(self.form.cleaned_data.get("ook_onbekend"))

    def filter_open_now(self, queryset, name, value):
        return queryset.open_at(hours.now(), self.also_unknown) if value else queryset

    def filter_open_at(self, queryset, name, value):
        return queryset.open_at(value, self.also_unknown)

    def filter_wheelchair(self, queryset, name, value):
        if not value:
            return queryset
        accepted = [Place.Wheelchair.YES] + [Place.Wheelchair.UNKNOWN] * self.also_unknown
        return queryset.filter(wheelchair__in=accepted)

    def filter_also_unknown(self, queryset, name, value):
        return queryset  # read by the filters above

    def filter_status(self, queryset, name, value):
        return queryset if value == SHOW_ALL else queryset.filter(status=value)


class NearbyFilter(PlaceFilter):
    """The nearby search's filters: its circle takes the place of gemeente, wijk and buurt
    (their three lists of choices were a sixth of the page's time)."""

    gemeente = wijk = buurt = None
