"""Exports of exactly what the current filter shows: CSV, XLSX, GeoJSON and HSDS.

Public exports hold public fields only; staff exports add the private ones. Every export is in
the audit trail (places/policy_views.py).
"""

import io

from django.utils.translation import gettext_lazy as _

from places.exports.csv import csv_text, is_number, safe
from places.geo import to_web
from places.maps import features
from places.models import COST_FIELDS

PUBLIC_COLUMNS = [
    ("name", _("Name")),
    ("place_type", _("Type")),
    ("management_form", _("Management form")),
    ("status", _("Status")),
    ("street", _("Street")),
    ("house_number", _("House number")),
    ("postcode", _("Postcode")),
    ("city", _("City")),
    ("buurt", _("Neighbourhood")),
    ("wijk", _("District")),
    ("opening_hours", _("Opening hours")),
    ("visitor_cost", _("Cost of a visit")),
    ("wheelchair", _("Wheelchair access")),
    ("website", _("Website")),
    ("email", _("E-mail")),
    ("phone", _("Telephone")),
    ("longitude", _("Longitude")),
    ("latitude", _("Latitude")),
    ("demo", _("Example data")),
]
PRIVATE_COLUMNS = [
    ("contact_name", _("Contact person")),
    ("contact_email", _("Contact person's e-mail")),
    ("contact_phone", _("Contact person's telephone")),
    ("internal_notes", _("Internal notes")),
    ("figures_year", _("Year of the figures")),
    ("visitors_per_week", _("Visitors per week")),
    ("target_visitors_per_week", _("agreed visitors per week")),
    ("activities", _("Activities per week")),
    ("target_activities", _("agreed activities per week")),
    ("volunteers", _("Volunteers")),
    ("costs_year", _("Year of the costs")),
    ("rent", _("Rent")),
    ("operating_costs", _("Other operating costs")),
    ("volunteer_fees", _("Volunteer fees")),
    ("subsidy", _("Subsidy received")),
    ("other_income", _("Other income")),
    ("total_costs", _("Total costs (rent, operating costs, volunteer fees)")),
]
FIGURE_FIELDS = (
    "visitors_per_week",
    "target_visitors_per_week",
    "activities",
    "target_activities",
    "volunteers",
)

COST_COLUMNS = (*COST_FIELDS, "total_costs")


# How the workbook shows its numbers (a Dutch Excel shows '#,##0' as 1.234).
DISPLAY_FORMATS = (
    {"longitude": "0.000000", "latitude": "0.000000"}
    | {name: "#,##0" for name in FIGURE_FIELDS}
    | {name: "#,##0.00" for name in COST_COLUMNS}
)


def columns(private):
    return PUBLIC_COLUMNS + (PRIVATE_COLUMNS if private else [])


def row(place, private):
    """The cells of one place: numbers stay numbers (the CSV writes them the Dutch way, the
    workbook keeps them as numbers); text is guarded against formulas where it is written."""
    return list(values_of(place, private).values())


def values_of(place, private):
    """{column: value} for one place, in column order, unformatted."""
    point = to_web(place.location)
    values = {
        "place_type": place.place_type.name,
        "management_form": place.get_management_form_display(),
        "status": place.get_status_display(),
        "buurt": place.buurt.name if place.buurt else "",
        "wijk": place.wijk.name if place.wijk else "",
        "visitor_cost": place.get_visitor_cost_display(),
        "wheelchair": place.get_wheelchair_display(),
        "longitude": round(point.x, 6),
        "latitude": round(point.y, 6),
    }
    if private:
        values |= latest_row(place.year_figures.all(), "figures_year", FIGURE_FIELDS)
        values |= latest_row(place.yearly_costs.all(), "costs_year", COST_COLUMNS)
    values["demo"] = demo_cell(place, values, private)
    return {name: values.get(name, getattr(place, name, "")) for name, _label in columns(private)}


def latest_row(rows, year_column, names):
    """The newest year's values of a place's yearly rows (costs or figures), or blanks."""
    latest = max(rows, key=lambda row: row.year, default=None)
    values = {name: getattr(latest, name) if latest else "" for name in names}
    return {year_column: latest.year if latest else "", **values}


def demo_cell(place, values, private):
    """'nee', or 'ja: ' and the exported values that are example data (places.demo)."""
    marks = set(place.demo_fields)
    shown = [str(label) for name, label in columns(private) if name in marks]
    for year_column, kind, label in (
        ("costs_year", "yearly_costs", _("costs %(year)s")),
        ("figures_year", "year_figures", _("figures %(year)s")),
    ):
        year = values.get(year_column)
        if year and f"{kind}:{year}" in marks:
            shown.append(str(label) % {"year": year})
    return str(_("yes: %(values)s") % {"values": ", ".join(shown)}) if shown else str(_("no"))


def as_csv(places, private=False):
    header = [str(label) for _name, label in columns(private)]
    return csv_text(header, (row(place, private) for place in places)).encode("utf-8")


def as_xlsx(places, private=False):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Ontmoetingsplekken"
    names = [name for name, _label in columns(private)]
    sheet.append([str(label) for _name, label in columns(private)])
    for place in places:
        sheet.append([value if is_number(value) else safe(value) for value in row(place, private)])
    for column, name in enumerate(names, start=1):
        shown = DISPLAY_FORMATS.get(name)
        if shown:
            for (value_cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                value_cell.number_format = shown
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_geojson(places, private=False):
    return features.collection(geojson_feature(place, private) for place in places)


def geojson_feature(place, private):
    values = values_of(place, private)
    point = features.lnglat_point(values.pop("longitude"), values.pop("latitude"))
    return features.feature(point, values, id=place.slug)
