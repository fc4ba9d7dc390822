"""Pages for policy staff: the dashboard per wijk and buurt, its table, costs and achievements."""

from django import forms
from django.conf import settings
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from places.accounts import audit
from places.exports.csv import csv_text
from places.filters import PlaceFilter, area_codes
from places.models import Area, ContactMoment, Place, YearFigures
from places.permissions import PolicyRequiredMixin
from places.policy import costs, coverage, gaps, on_date, results
from places.policy import figures as policy
from places.policy.charts import bar_chart

MEASURES = [
    ("aantal", gettext_lazy("number of active places")),
    ("per10k", gettext_lazy("places per 10,000 inhabitants")),
    ("dekking", gettext_lazy("share of the area farther than N metres from a place")),
    ("inwoners", gettext_lazy("inhabitants farther than N m (estimate)")),
]
SORTS = {
    "name": "area.name",
    "places": "places",
    "per10k": "per_10000",
    "dekking": "uncovered_share",
}


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
    op = forms.DateField(
        label=gettext_lazy("The network on (date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def settings(self):
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "level": data.get("niveau") or "wijk",
            "measure": data.get("maat") or "aantal",
            "metres": data.get("afstand") or 800,
            "sort": data.get("sort") or "name",
            "day": data.get("op"),
        }


class PolicyPageMixin(PolicyRequiredMixin):
    """The places and areas a dashboard page is about, from its filter."""

    def filtered_places(self):
        day = DashboardForm(self.request.GET).settings()["day"]
        if day is not None:  # the network on that day (places.policy.on_date)
            return on_date.filtered_places(self.request.GET, day)
        base = Place.objects.published().filter(status=Place.Status.ACTIVE)
        place_filter = PlaceFilter(self.request.GET, queryset=base)
        return place_filter.qs, place_filter

    def stored(self, place_filter):
        """Whether the coverage table answers: never for another day than today (an empty
        date field, as the form sends it, is today)."""
        today = DashboardForm(self.request.GET).settings()["day"] is None
        return today and coverage.serves(place_filter)

    def buurten(self):
        """The buurten of the chosen gemeente, wijk or buurt (policy.buurten_in_scope)."""
        return policy.buurten_in_scope(area_codes(self.request.GET))

    def table(self):
        form = DashboardForm(self.request.GET)
        options = form.settings()
        places, place_filter = self.filtered_places()
        key, stored = self.request.GET.urlencode(), self.stored(place_filter)
        # The buurten's figures once: a wijk's are their sums, and the ranking reads them.
        self.buurt_rows = policy.buurt_rows(places, options["metres"], key, self.buurten(), stored)
        level = options["level"]
        rows = self.buurt_rows if level == "buurt" else policy.wijk_rows(self.buurt_rows)
        sort_rows(rows, options["sort"])
        return form, options, places, place_filter, rows


def sort_rows(rows, sort):
    reverse = sort.startswith("-")
    if sort.lstrip("-") == "inwoners":  # uninhabited and unknown last either way
        rows.sort(key=lambda row: gaps.gap_key(row, most_first=reverse))
        return
    attribute = SORTS.get(sort.lstrip("-"), "area.name")
    rows.sort(key=lambda row: sort_value(row, attribute), reverse=reverse)


def sort_value(row, attribute):
    value = row
    for part in attribute.split("."):
        value = getattr(value, part)
    return (value is None, value if value is not None else 0)


@method_decorator(never_cache, name="dispatch")
class DashboardView(PolicyPageMixin, TemplateView):
    template_name = "places/policy/dashboard.html"

    def get_context_data(self, **kwargs):
        form, options, places, place_filter, rows = self.table()
        measure, metres = options["measure"], options["metres"]
        values = {row.area.code: gaps.measure_of(row, measure) for row in rows}
        classes = gaps.classes(values.values(), measure)
        buurt_rows = self.buurt_rows
        since = timezone.localdate() - timezone.timedelta(days=183)
        recent = ContactMoment.objects.filter(date__gte=since).values("place")
        no_contact = places.exclude(pk__in=recent).for_listing()[:300]
        stored, area = self.stored(place_filter), area_codes(self.request.GET)
        counted = policy.count_source(places, stored, area)  # the counts table, or the places
        by_type, by_form = on_date.breakdowns(counted, options["day"])
        query = self.request.GET.copy()
        query.pop("sort", None)
        return super().get_context_data(
            form=form,
            options=options,
            filter=place_filter,
            rows=rows,
            map_values={
                "values": values,
                "classes": classes,
                "level": options["level"],
                "labels": {row.area.code: gaps.tooltip(row, measure, metres) for row in rows},
                "sparse": []
                if measure == "aantal"
                else [row.area.code for row in rows if row.few_inhabitants],
            },
            legend=gaps.legend(classes, measure),
            map_title=map_title(measure, metres),
            ranking=[(row, gaps.in_words(row, metres)) for row in gaps.ranking(buurt_rows)],
            few_inhabitants=settings.POLICY_FEW_INHABITANTS,
            gaps=policy.gaps_json(
                places,
                options["metres"],
                self.request.GET.urlencode(),
                self.buurten(),
                self.stored(place_filter),
            )
            if options["measure"] in ("dekking", "inwoners")
            else None,
            has_population=Area.objects.exclude(population=None).exists(),
            by_type=by_type,
            by_type_chart=bar_chart(by_type, _("Places per type")),
            by_form=by_form,
            by_form_chart=bar_chart(by_form, _("Places per management form")),
            no_contact=no_contact,
            query=query.urlencode(),
            full_query=self.request.GET.urlencode(),
            achievements=results.achievements(places, options["day"]),
            **on_date.context(self.request.GET, places, options["day"]),
            **kwargs,
        )


def map_title(measure, metres):
    titles = {
        "aantal": _("Active meeting places"),
        "per10k": _("Meeting places per 10,000 inhabitants"),
        "dekking": _("Share of the area farther than %(metres)s m from a meeting place"),
        "inwoners": _("Inhabitants farther than %(metres)s m from a meeting place (estimate)"),
    }
    return titles[measure] % {"metres": metres} if "%" in titles[measure] else titles[measure]


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
            _("Inhabitants farther than %(metres)s m from a meeting place (estimate)")
            % {"metres": options["metres"]},
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
                    "" if row.people_beyond is None else row.people_beyond,
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
            results_by_wijk=results.group_rows(places, year, "wijk"),
            results_by_form=results.group_rows(places, year, "beheer"),
            **kwargs,
        )


class TargetsForm(forms.Form):
    """Which number of the costs page's targets columns: year, grouping, group and outcome."""

    jaar = forms.IntegerField(required=False, min_value=1900, max_value=2999)
    per = forms.ChoiceField(choices=[(g, g) for g in results.GROUPINGS], required=False)
    groep = forms.CharField(required=False, max_length=60)
    uitkomst = forms.ChoiceField(
        choices=[(results.MET, results.MET), (results.MISSED, results.MISSED)], required=False
    )


@method_decorator(never_cache, name="dispatch")
class TargetsView(PolicyPageMixin, TemplateView):
    """The places behind a targets-met (or -missed) number of the costs page."""

    template_name = "places/policy/targets.html"

    def get_context_data(self, **kwargs):
        form = TargetsForm(self.request.GET)
        data = form.cleaned_data if form.is_valid() else {}
        places = Place.objects.published()
        year = data.get("jaar") or YearFigures.objects.aggregate(y=Max("year"))["y"]
        group_by = data.get("per") or "wijk"
        outcome = data.get("uitkomst") or results.MET
        label, rows = results.outcome_list(places, year, group_by, data.get("groep"), outcome)
        if data.get("groep") and label is None:
            raise Http404  # no place of that group reported in that year
        return super().get_context_data(
            year=year, label=label, rows=rows, met=outcome == results.MET, **kwargs
        )
