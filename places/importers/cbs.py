"""Read CBS's Wijk- en buurtkaart GeoPackage (wijkenbuurten_2024_v1.gpkg and later years).

The file has three layers, `gemeenten`, `wijken` and `buurten`, each with the area's code and
name (`gemeentecode`/`gemeentenaam`, `wijkcode`/`wijknaam`, `buurtcode`/`buurtnaam`), the
kerncijfers such as `aantal_inwoners`, `water` ("JA" for an area that is mainly water, "NEE"
for land) and the year (`jaar`, or the first four characters of `jrstatcode`). CBS marks
secret or unknown figures with large negative numbers (-99995, -99997): they become unknown.
"""

import re
from pathlib import Path

from django.contrib.gis.gdal import DataSource, GDALException
from django.contrib.gis.geos import GEOSException
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from places.models import Area

LAYERS = (
    ("gemeenten", Area.Kind.GEMEENTE, "gemeentecode", "gemeentenaam"),
    ("wijken", Area.Kind.WIJK, "wijkcode", "wijknaam"),
    ("buurten", Area.Kind.BUURT, "buurtcode", "buurtnaam"),
)
GEMEENTE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)
YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def is_cbs_kaart(path):
    """True for a GeoPackage with CBS's three layers."""
    try:
        names = {layer.name for layer in DataSource(str(path))}
    except GDALException:
        return False
    return {name for name, *_rest in LAYERS} <= names


def gemeente_digits(codes):
    """'GM0599', 'gm599' and '0599' as '0599'; ValidationError naming a code that is none."""
    digits = []
    for code in codes:
        match = GEMEENTE.match(code.strip())
        if not match:
            raise ValidationError(
                _("%(code)s is not a gemeente code (such as GM0599).") % {"code": code}
            )
        digits.append(match[1].zfill(4))
    return digits


def in_gemeenten(code, digits):
    return not digits or code[2:6] in digits


def read_cbs_rows(path, gemeenten):
    """The rows of the chosen gemeenten, gemeente first, then wijken, then buurten."""
    if not gemeenten:
        raise ValidationError(
            _("Name the gemeente to import from the Wijk- en buurtkaart: --gemeente GM0599.")
        )
    digits = gemeente_digits(gemeenten)
    source = DataSource(str(path))
    fallback_year = year_in_name(path)
    rows = []
    for layer_name, kind, code_field, name_field in LAYERS:
        layer = source[layer_name]
        fields = set(layer.fields)
        missing = {code_field, name_field} - fields
        if missing:
            raise ValidationError(
                _("The layer %(layer)s lacks the fields %(missing)s.")
                % {"layer": layer_name, "missing": ", ".join(sorted(missing))}
            )
        for feature in layer:
            code = text(feature, code_field)
            if not in_gemeenten(code, digits):
                continue
            rows.append(cbs_row(feature, kind, code, name_field, fields, fallback_year))
    found = {row["code"][2:6] for row in rows if row["kind"] == Area.Kind.GEMEENTE}
    absent = [f"GM{d}" for d in digits if d not in found]
    if absent:
        raise ValidationError(
            _("The file has no gemeente %(codes)s.") % {"codes": ", ".join(absent)}
        )
    return rows


def cbs_row(feature, kind, code, name_field, fields, fallback_year):
    year = row_year(feature, fields) or fallback_year
    return {
        "code": code,
        "name": text(feature, name_field),
        "kind": kind,
        "source": _("CBS Wijk- en buurtkaart %(year)s") % {"year": year or ""},
        "geometry": geometry_of(feature),
        "population": count(feature, "aantal_inwoners") if "aantal_inwoners" in fields else None,
        "water": "water" in fields and text(feature, "water").upper() == "JA",
        "year": year,
    }


def geometry_of(feature):
    try:
        return feature.geom.geos
    except (GDALException, GEOSException):
        return None


def text(feature, name):
    value = feature.get(name)
    return "" if value is None else str(value).strip()


def count(feature, name):
    """A count, or None when CBS has none: empty, secret (negative) or not a whole number."""
    value = feature.get(name)
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 and number == value else None


def row_year(feature, fields):
    if "jaar" in fields:
        try:
            return int(feature.get("jaar"))
        except (TypeError, ValueError):
            pass
    if "jrstatcode" in fields:
        prefix = text(feature, "jrstatcode")[:4]
        return int(prefix) if prefix.isdigit() else None
    return None


def year_in_name(path):
    match = YEAR_IN_NAME.search(Path(path).name)
    return int(match[1]) if match else None
