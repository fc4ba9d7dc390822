"""The change page's tables, and the places behind one of its numbers, as CSV: exactly what the
page shows for the same query (wijk, years, dates, distance), the Dutch way (places.exports.csv)
and recorded in the audit trail like every export."""

from django.http import Http404, HttpResponse
from django.utils import formats
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from places.accounts import audit
from places.exports.csv import csv_text
from places.permissions import PolicyRequiredMixin
from places.policy import changes
from places.policy.change_views import ChangeForm, behind, gap_rows, tables

# The URL word of each table (?tabel=…): its key in change_views.tables (gaps: gap_rows),
# with a wijk column, with a year column.
TABLES = {
    "per-jaar": ("per_year", False, True),
    "per-wijk": ("per_wijk", True, False),
    "per-wijk-en-jaar": ("per_wijk_year", True, True),
    "inwoners-verder": ("gaps", None, None),
}


def change_header(with_wijk, with_year):
    header = [_("Code"), _("District")] if with_wijk else []
    header += [_("Year")] if with_year else []
    header += [capfirst(str(label)) for label, _q in changes.KINDS.values()]
    return [*header, _("Net change")]


def change_row(row, with_wijk, with_year):
    cells = [row.wijk_code, wijk_name(row.wijk)] if with_wijk else []
    cells += [row.year] if with_year else []
    return [*cells, *row.numbers.values(), row.net]


def wijk_name(wijk):
    return _("outside a district") if wijk is None else wijk.name


def gap_header(options):
    later = options["after"]
    return [
        _("Code"),
        _("Area"),
        formats.date_format(options["before"], "j F Y"),
        formats.date_format(later, "j F Y") if later else _("today"),
        _("Difference"),
    ]


def gap_row(row):
    difference = row.difference
    return [row.area.code, row.area.name, blank(row.before), blank(row.after), blank(difference)]


def blank(number):
    return "" if number is None else number


def download(request, body, rows, kind, filename):
    audit.record("export", request=request, format=kind, rows=rows)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@method_decorator(never_cache, name="dispatch")
class ChangeTableCSV(PolicyRequiredMixin, View):
    """One table of the change page (?tabel=per-jaar, the default), as shown."""

    def get(self, request):
        table = request.GET.get("tabel") or "per-jaar"
        if table not in TABLES:
            raise Http404
        key, with_wijk, with_year = TABLES[table]
        options = ChangeForm(request.GET).settings()
        if key == "gaps":  # computed only for its own table: it costs the most
            header, rows = gap_header(options), [gap_row(row) for row in gap_rows(options)]
        else:
            header = change_header(with_wijk, with_year)
            found = tables(options)[key]
            rows = [change_row(row, with_wijk, with_year) for row, _cells in found]
        body = csv_text(header, rows)
        return download(request, body, len(rows), "changes-csv", f"verandering-{table}.csv")


@method_decorator(never_cache, name="dispatch")
class ChangePlacesCSV(PolicyRequiredMixin, View):
    """The places behind one number of the change page, each with the event counted."""

    def get(self, request):
        found = behind(request.GET)
        header = [
            _("Name"),
            _("Neighbourhood"),
            _("District"),
            _("Year"),
            _("What happened"),
            _("Remark"),
            _("Page"),
        ]
        rows = [place_row(request, event, words) for event, words in found["events"]]
        body = csv_text(header, rows)
        name = f"verandering-{found['data']['soort']}.csv"
        return download(request, body, len(rows), "change-places-csv", name)


def place_row(request, event, words):
    place = event.place
    buurt = place.buurt
    return [
        place.name,
        buurt.name if buurt else "",
        wijk_name(buurt.parent if buurt else None),
        event.happened_on.year,
        words,
        event.remark,
        request.build_absolute_uri(place.get_absolute_url()),
    ]
