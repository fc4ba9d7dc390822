"""Exports of exactly what the current filter shows: CSV, XLSX, GeoJSON and HSDS.

Public exports hold public fields only; staff exports add the private ones. Every export is in
the audit trail (places/policy_views.py).
"""

import io

from django.utils.translation import gettext_lazy as _

from places.exports.csv import csv_text, is_number, safe
from places.geo import to_web
from places.maps import features

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
]
FIGURE_FIELDS = (
    "visitors_per_week",
    "target_visitors_per_week",
    "activities",
    "target_activities",
    "volunteers",
)


# How the workbook shows its numbers (a Dutch Excel shows '#,##0' as 1.234).
DISPLAY_FORMATS = {"longitude": "0.000000", "latitude": "0.000000"} | {
    name: "#,##0" for name in FIGURE_FIELDS
}


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
        latest = max(place.year_figures.all(), key=lambda f: f.year, default=None)
        values["figures_year"] = latest.year if latest else ""
        for name in FIGURE_FIELDS:
            values[name] = getattr(latest, name) if latest else ""
    return {name: values.get(name, getattr(place, name, "")) for name, _label in columns(private)}


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
