"""How the network changed: the change page (openings, closings and takeovers per year and
wijk, inhabitants beyond N metres on two dates) and the places behind each of its numbers."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from places import story
from places.models import Area, PlaceEvent
from places.permissions import PolicyRequiredMixin
from places.policy import changes
from places.policy.charts import net_chart

CHART_TITLE = gettext_lazy("Net change in the number of places per year (openings minus closings)")
YEAR = {"min_value": 1900, "max_value": 2999, "required": False}


def wijk_choices():
    wijken = Area.objects.wijken().order_by("name").values_list("code", "name")
    return [
        ("", gettext_lazy("all districts")),
        *wijken,
        (changes.NO_WIJK, _("outside a district")),
    ]


class ChangeForm(forms.Form):
    wijk = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    van = forms.IntegerField(label=gettext_lazy("From year"), **YEAR)
    tot = forms.IntegerField(label=gettext_lazy("Up to and including year"), **YEAR)
    eerder = forms.DateField(
        label=gettext_lazy("Compare the date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    later = forms.DateField(
        label=gettext_lazy("with the date (empty: today)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    afstand = forms.IntegerField(
        label=gettext_lazy("Distance N (metres)"), min_value=100, max_value=5000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].choices = wijk_choices()

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise ValidationError(_("The first year comes after the last year."))
        return data

    def settings(self):
        data = self.cleaned_data if self.is_valid() else {}
        today = timezone.localdate()
        return {
            "wijk": data.get("wijk") or None,
            "first": data.get("van"),
            "last": data.get("tot"),
            "before": data.get("eerder") or datetime.date(today.year - 5, 1, 1),
            "after": data.get("later"),
            "metres": data.get("afstand") or 800,
        }


@method_decorator(never_cache, name="dispatch")
class ChangesView(PolicyRequiredMixin, TemplateView):
    template_name = "places/policy/changes.html"

    def get_context_data(self, **kwargs):
        form = ChangeForm(self.request.GET)
        options = form.settings()
        found = tables(options)
        return super().get_context_data(
            form=form,
            options=options,
            kinds=[(key, label) for key, (label, _q) in changes.KINDS.items()],
            chart=net_chart(
                [(row.year, row.net) for row, _cells in found["per_year"]], CHART_TITLE, label=60
            ),
            chart_title=CHART_TITLE,
            gaps=[(row, changes.sentence(row, *dates(options))) for row in gap_rows(options)],
            csv_query=without(self.request.GET, "tabel"),
            **found,
            **kwargs,
        )


def without(query, name):
    query = query.copy()
    query.pop(name, None)
    return query.urlencode()


def dates(options):
    return options["before"], options["after"], options["metres"]


def tables(options):
    """The page's change tables for the options of the form: per wijk and year, per year
    and per wijk, each [(Counts, cells)]."""
    where = {key: options[key] for key in ("wijk", "first", "last")}
    per_wijk_year, per_year, per_wijk = changes.change_rows(**where)
    years = {"van": where["first"], "tot": where["last"]}
    chosen = options["wijk"]
    return {
        "per_wijk_year": [(row, cells(row, row.wijk_code, jaar=row.year)) for row in per_wijk_year],
        "per_year": [(row, cells(row, chosen, jaar=row.year)) for row in per_year],
        "per_wijk": [(row, cells(row, row.wijk_code, **years)) for row in per_wijk],
    }


def gap_rows(options):
    return changes.gaps_between(*dates(options), options["wijk"])


def cells(row, wijk, **where):
    """[(number, URL query of the places behind it)] for the kinds in order; 0 has no link."""
    query = {"wijk": wijk or "", **where}
    return [
        (number, urlencode({"soort": kind, **{k: v for k, v in query.items() if v}}))
        for kind, number in row.numbers.items()
    ]


def in_words(events):
    """[(event, its sentence as the place's page tells it)]."""
    names = story.Names(events)
    rows = []
    for event in events:
        first = event.place.place_type
        if event.kind == PlaceEvent.Kind.OPENED:
            first = story.first_type_name(event.place, event.place.events.chronological())
        rows.append((event, capfirst(story.sentence(event, names, str(first)))))
    return rows


class BehindForm(forms.Form):
    soort = forms.ChoiceField(choices=[(key, key) for key in changes.KINDS])
    wijk = forms.CharField(required=False, max_length=12)
    jaar = forms.IntegerField(**YEAR)
    van = forms.IntegerField(**YEAR)
    tot = forms.IntegerField(**YEAR)


@method_decorator(never_cache, name="dispatch")
class ChangePlacesView(PolicyRequiredMixin, TemplateView):
    """The places behind one number of the change page, each with the event counted."""

    template_name = "places/policy/change_places.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**behind(self.request.GET), **kwargs)


def behind(query):
    """What the list of one number of the change page shows: {kind, wijk, outside, data,
    events: [(event, its sentence)]}; Http404 for a query that is not a number of the page."""
    form = BehindForm(query)
    if not form.is_valid():
        raise Http404  # not a number of the change page
    data = form.cleaned_data
    wijk = None
    if data["wijk"] and data["wijk"] != changes.NO_WIJK:
        wijk = Area.objects.wijken().defer("geometry").filter(code=data["wijk"]).first()
        if wijk is None:
            raise Http404
    events = changes.events_behind(
        data["soort"], data["wijk"], data["jaar"], data["van"], data["tot"]
    )
    return {
        "kind": changes.KINDS[data["soort"]][0],
        "wijk": wijk,
        "outside": data["wijk"] == changes.NO_WIJK,
        "data": data,
        "events": in_words(list(events)),
    }
