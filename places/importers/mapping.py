"""A mapping from a table's columns to a place's fields (a TOML file, or the staff page's form).

For each field: a column (`name = "Naam locatie"`), a fixed value (`city = { value = "Beekdal" }`)
or a column with a value map (`management_form = { column = "Beheer", values = { "Sociaal
beheer (welzijn)" = "sociaal_beheer" } }`). A value that a map does not name is taken as it
is, and a type or management form that is then still unknown is listed, never guessed.
The location comes from `[location]`: `lat`/`lon`, `x`/`y` (RD New), `wkt`, `geometry = true`
(the feature of a GeoJSON or GeoPackage) and, with `address = true`, from the address when a
row has no coordinates. See data/mapping-voorbeeld.toml.
"""

import datetime
import re
import tomllib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from places.importers.cbs import gemeente_digits
from places.importers.tables import GEOMETRY

FIELDS = {
    "name": gettext_lazy("name"),
    "place_type": gettext_lazy("type"),
    "management_form": gettext_lazy("management form"),
    "street": gettext_lazy("street"),
    "house_number": gettext_lazy("house number"),
    "postcode": gettext_lazy("postcode"),
    "city": gettext_lazy("city"),
    "description": gettext_lazy("description"),
    "website": gettext_lazy("website"),
    "email": gettext_lazy("e-mail"),
    "phone": gettext_lazy("phone"),
    "last_verified_at": gettext_lazy("last verified"),
    "opened_on": gettext_lazy("opened on"),
    "closed_on": gettext_lazy("closed on"),
}
REQUIRED = ("name", "place_type")
LOCATION_KEYS = {"lat", "lon", "x", "y", "wkt", "geometry", "address"}
EXCEL_EPOCH = datetime.date(1899, 12, 30)
DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass
class FieldSpec:
    column: str = ""
    value: str = ""
    values: dict = field(default_factory=dict)

    def raw(self, row):
        return self.value if not self.column else row.get(self.column)

    def mapped(self, row):
        """The cell as text, through the value map when it names the text."""
        text = text_of(self.raw(row))
        if not self.values:
            return text
        folded = {key.casefold(): value for key, value in self.values.items()}
        return str(folded.get(text.casefold(), text))


@dataclass
class Mapping:
    source: str
    fields: dict
    id_column: str = ""
    gemeente: str = ""  # digits of the CBS code, for the address search
    location: dict = field(default_factory=dict)

    def columns(self):
        named = [spec.column for spec in self.fields.values() if spec.column]
        coordinates = [v for k, v in self.location.items() if k in {"lat", "lon", "x", "y", "wkt"}]
        return [*named, *coordinates, *filter(None, [self.id_column])]

    def check_columns(self, table_columns):
        missing = [c for c in self.columns() if c not in table_columns]
        if self.location.get("geometry") and GEOMETRY not in table_columns:
            missing.append(GEOMETRY)
        if missing:
            raise ValidationError(
                _("The file has no column %(columns)s.")
                % {"columns": ", ".join(f"“{c}”" for c in missing)}
            )


def read_mapping(path):
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValidationError(
            _("The mapping %(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ) from error
    return mapping_from(data)


def mapping_from(data):
    """A Mapping from a dict shaped like the TOML file; ValidationError saying what is wrong."""
    fields = data.get("fields") or {}
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("The mapping names unknown fields: %(fields)s. Known are: %(known)s.")
            % {"fields": ", ".join(sorted(unknown)), "known": ", ".join(FIELDS)}
        )
    specs = {name: field_spec(name, spec) for name, spec in fields.items()}
    missing = [name for name in REQUIRED if name not in specs]
    if missing:
        raise ValidationError(
            _("The mapping must say where the %(fields)s come from.")
            % {"fields": ", ".join(str(FIELDS[name]) for name in missing)}
        )
    location = data.get("location") or {}
    if not set(location) & LOCATION_KEYS or set(location) - LOCATION_KEYS:
        raise ValidationError(
            _("[location] needs lat and lon, x and y, wkt, geometry = true or address = true.")
        )
    gemeente = data.get("gemeente") or ""
    return Mapping(
        source=str(data.get("source") or "tabel")[:100],
        fields=specs,
        id_column=str((data.get("id") or {}).get("column") or ""),
        gemeente=gemeente_digits([gemeente])[0] if gemeente else "",
        location=location,
    )


def field_spec(name, spec):
    if isinstance(spec, str):
        return FieldSpec(column=spec)
    if not isinstance(spec, dict) or not (spec.get("column") or spec.get("value")):
        raise ValidationError(_("The field %(field)s needs a column or a value.") % {"field": name})
    values = spec.get("values") or {}
    return FieldSpec(
        column=str(spec.get("column") or ""),
        value=str(spec.get("value") or ""),
        values={str(k).strip(): str(v) for k, v in values.items()},
    )


def text_of(value):
    """A cell as text: '12' for Excel's 12.0, a date as 2024-03-01, None as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return " ".join(str(value).split())


def number_of(value):
    """'52,0921' or 52.0921 as a float; None when it is none."""
    if isinstance(value, int | float):
        return float(value)
    text = text_of(value).replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def date_of(value):
    """A date from a cell: a date, Excel's day number (45292 is 1 January 2024), 1-3-2024,
    01/03/2024 or 2024-03-01. None for an empty cell; ValueError for anything else."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = text_of(value)
    if not text:
        return None
    if text.isdigit() and 20_000 <= int(text) <= 80_000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(text))
    match = DATE.match(text)
    if not match:
        raise ValueError(text)
    if match[1]:
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    return datetime.date(int(match[4]), int(match[5]), int(match[6]))
