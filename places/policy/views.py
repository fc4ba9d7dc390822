"""Pages for policy staff: the dashboard per wijk and buurt, its table, costs and achievements."""

from django import forms
from django.db.models import Max, Q, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from places.accounts import audit
from places.exports.csv import csv_text
from places.filters import PlaceFilter, area_codes
from places.models import Area, Place, YearFigures
from places.permissions import PolicyRequiredMixin
from places.policy import costs
from places.policy import figures as policy
from places.policy.charts import bar_chart

MEASURES = [
    ("aantal", gettext_lazy("number of active places")),
    ("per10k", gettext_lazy("places per 10,000 inhabitants")),
    ("dekking", gettext_lazy("share of the area farther than N metres from a place")),
]
SORTS = {
    "name": "area.name",
    "places": "places",
    "per10k": "per_10000",
    "dekking": "uncovered_share",
}
COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]


class DashboardForm(forms.Form):
    niveau = forms.ChoiceField(
        label=gettext_lazy("Level"),
        required=False,
        choices=[("wijk", gettext_lazy("districts")), ("buurt", gettext_lazy("neighbourhoods"))],
    )
    maat = forms.ChoiceField(
        label=gettext_lazy("Colour the map by"), choices=MEASURES, required=False
    )
    afstand = forms.IntegerField(
        label=gettext_lazy("Distance N (metres)"), min_value=100, max_value=5000, required=False
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def settings(self):
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "level": data.get("niveau") or "wijk",
            "measure": data.get("maat") or "aantal",
            "metres": data.get("afstand") or 800,
            "sort": data.get("sort") or "name",
        }


class PolicyPageMixin(PolicyRequiredMixin):
    """The places and areas a dashboard page is about, from its filter."""

    def filtered_places(self):
        base = Place.objects.published().filter(status=Place.Status.ACTIVE)
        place_filter = PlaceFilter(self.request.GET, queryset=base)
        return place_filter.qs, place_filter

    def buurten(self):
        """The buurten of the chosen gemeente, wijk or buurt (policy.buurten_in_scope)."""
        return policy.buurten_in_scope(area_codes(self.request.GET))

    def table(self):
        form = DashboardForm(self.request.GET)
        options = form.settings()
        places, place_filter = self.filtered_places()
        key = self.request.GET.urlencode()
        rows = policy.area_figures(options["level"], places, options["metres"], key, self.buurten())
        sort = options["sort"]
        reverse = sort.startswith("-")
        attribute = SORTS.get(sort.lstrip("-"), "area.name")
        rows.sort(key=lambda row: sort_value(row, attribute), reverse=reverse)
        return form, options, places, place_filter, rows


def sort_value(row, attribute):
    value = row
    for part in attribute.split("."):
        value = getattr(value, part)
    return (value is None, value if value is not None else 0)


def measure_of(row, measure):
    return {"aantal": row.places, "per10k": row.per_10000, "dekking": row.uncovered_share}[measure]


def classes(values):
    """Five equal-interval classes over the values shown: [(low, high, colour)]."""
    known = [v for v in values if v is not None]
    if not known:
        return []
    low, high = min(known), max(known)
    step = (high - low) / 5 or 1
    return [
        (round(low + i * step, 2), round(low + (i + 1) * step, 2), COLOURS[i]) for i in range(5)
    ]


@method_decorator(never_cache, name="dispatch")
class DashboardView(PolicyPageMixin, TemplateView):
    template_name = "places/policy/dashboard.html"

    def get_context_data(self, **kwargs):
        form, options, places, place_filter, rows = self.table()
        values = {row.area.code: measure_of(row, options["measure"]) for row in rows}
        since = timezone.localdate() - timezone.timedelta(days=183)
        no_contact = (
            places.annotate(last=Max("contact_moments__date"))
            .filter(Q(last__lt=since) | Q(last=None))
            .for_listing()[:300]
        )
        by_type = policy.breakdown(places, "place_type__name")
        by_form = policy.breakdown(places, "management_form", Place.ManagementForm.choices)
        query = self.request.GET.copy()
        query.pop("sort", None)
        return super().get_context_data(
            form=form,
            options=options,
            filter=place_filter,
            rows=rows,
            map_values={
                "values": values,
                "classes": classes(values.values()),
                "level": options["level"],
            },
            gaps=policy.gaps_geojson(
                places,
                options["metres"],
                self.request.GET.urlencode(),
                self.buurten(),
            )
            if options["measure"] == "dekking"
            else None,
            has_population=Area.objects.exclude(population=None).exists(),
            by_type=by_type,
            by_type_chart=bar_chart(by_type, _("Places per type")),
            by_form=by_form,
            by_form_chart=bar_chart(by_form, _("Places per management form")),
            no_contact=no_contact,
            query=query.urlencode(),
            full_query=self.request.GET.urlencode(),
            achievements=achievements(places),
            **kwargs,
        )


def achievements(places):
    """Reported figures of the latest year, per wijk: sums against agreed targets."""
    year = YearFigures.objects.filter(place__in=places).aggregate(y=Max("year"))["y"]
    if year is None:
        return None
    figures = YearFigures.objects.filter(place__in=places, year=year)
    sums = {
        "visitors": Sum("visitors_per_week"),
        "volunteers": Sum("volunteers"),
        "activities": Sum("activities"),
        "target_visitors": Sum("target_visitors_per_week"),
        "target_activities": Sum("target_activities"),
    }
    labels = dict(Place.ManagementForm.choices)
    by_form = [
        {**row, "label": labels.get(row.pop("place__management_form"))}
        for row in figures.values("place__management_form").annotate(**sums).order_by()
    ]
    by_wijk = [
        {**row, "label": row.pop("place__buurt__parent__name") or "—"}
        for row in figures.values("place__buurt__parent__name").annotate(**sums).order_by()
    ]
    return {"year": year, "by_wijk": by_wijk, "by_form": by_form}


class DashboardTableCSV(PolicyPageMixin, View):
    """The dashboard's table, exactly as shown, as CSV."""

    def get(self, request):
        _form, options, _places, _filter, rows = self.table()
        header = [
            _("Code"),
            _("Name"),
            _("Active places"),
            _("Per 10,000 inhabitants"),
            _("Share farther than %(metres)s m (%%)") % {"metres": options["metres"]},
        ]
        body = csv_text(
            header,
            (
                [
                    row.area.code,
                    row.area.name,
                    row.places,
                    "" if row.per_10000 is None else row.per_10000,
                    "" if row.uncovered_share is None else row.uncovered_share,
                ]
                for row in rows
            ),
        )
        audit.record("export", request=request, format="dashboard-csv", rows=len(rows))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="dashboard-{options["level"]}.csv"'
        return response


@method_decorator(never_cache, name="dispatch")
class CostsView(PolicyPageMixin, TemplateView):
    template_name = "places/policy/costs.html"

    def get_context_data(self, **kwargs):
        places = Place.objects.published()
        years = costs.years_available(places)
        try:
            year = int(self.request.GET.get("jaar") or (years[0] if years else 0))
        except ValueError:
            year = years[0] if years else 0
        return super().get_context_data(
            years=years,
            year=year,
            by_wijk=costs.cost_rows(places, year, "wijk"),
            by_form=costs.cost_rows(places, year, "beheer"),
            per_year=costs.totals_per_year(places),
            **kwargs,
        )
