"""Read a table of places: CSV (`;` or `,`, UTF-8 or Windows-1252), XLSX, GeoJSON, GeoPackage.

Every format becomes a Table: the column names as the file has them and one dict per row.
A geographic file adds its feature's point as a column GEOMETRY (WGS84), so that a mapping can
take the location from it. Nothing is interpreted here: that is the mapping's work.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.gis.gdal import DataSource, GDALException
from django.contrib.gis.geos import GEOSException
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

GEOMETRY = "GEOMETRY"
MAX_ROWS = 20_000  # a register of meeting places, not a national address file


@dataclass
class Table:
    columns: list
    rows: list = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


def read_table(path, name=None):
    """The Table in a file; `name` (an upload's original name) decides the format."""
    suffix = Path(name or str(path)).suffix.lower()
    readers = {
        ".csv": read_csv,
        ".txt": read_csv,
        ".xlsx": read_xlsx,
        ".geojson": read_geographic,
        ".json": read_geographic,
        ".gpkg": read_geographic,
    }
    if suffix not in readers:
        raise ValidationError(
            _("%(name)s is not a CSV, XLSX, GeoJSON or GeoPackage file.")
            % {"name": Path(name or str(path)).name}
        )
    table = readers[suffix](path)
    if not table.columns:
        raise ValidationError(_("The file has no column names in its first row."))
    if len(table.rows) > MAX_ROWS:
        raise ValidationError(
            _("The file has more than %(count)d rows; split it.") % {"count": MAX_ROWS}
        )
    return table


def decode(data):
    """UTF-8 (with or without BOM) when it is, otherwise Windows-1252 (Excel's 'CSV')."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def read_csv(path):
    text, encoding = decode(Path(path).read_bytes())
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = [line for line in reader if any(cell.strip() for cell in line)]
    if not lines:
        return Table(columns=[], encoding=encoding, delimiter=delimiter)
    columns = unique_names(lines[0])
    rows = [dict(zip(columns, padded(line, columns, ""), strict=True)) for line in lines[1:]]
    return Table(columns=columns, rows=rows, encoding=encoding, delimiter=delimiter)


def read_xlsx(path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise ValidationError(
            _("The file cannot be read as XLSX: %(error)s") % {"error": error}
        ) from error
    try:
        lines = [
            list(line)
            for line in workbook.worksheets[0].iter_rows(values_only=True)
            if any(cell not in (None, "") for cell in line)
        ]
    finally:
        workbook.close()
    if not lines:
        return Table(columns=[])
    columns = unique_names(["" if cell is None else str(cell) for cell in lines[0]])
    rows = [dict(zip(columns, padded(line, columns, None), strict=True)) for line in lines[1:]]
    return Table(columns=columns, rows=rows, encoding="XLSX")


def read_geographic(path):
    try:
        layer = DataSource(str(path))[0]
    except (GDALException, IndexError) as error:
        raise ValidationError(
            _("The file cannot be read as GeoJSON or GeoPackage: %(error)s") % {"error": error}
        ) from error
    columns = unique_names([*layer.fields, GEOMETRY])
    rows = []
    for feature in layer:
        row = {name: feature.get(name) for name in layer.fields}
        row[GEOMETRY] = point_of(feature)
        rows.append(row)
    return Table(columns=columns, rows=rows, encoding=layer.name)


def point_of(feature):
    """The feature's point (a polygon's centre) in WGS84, or None."""
    try:
        geometry = feature.geom.geos
    except (GDALException, GEOSException):
        return None
    if geometry.srid is None:
        geometry.srid = settings.WEB_SRID
    point = geometry if geometry.geom_type == "Point" else geometry.point_on_surface
    return point.transform(settings.WEB_SRID, clone=True)


def padded(line, columns, empty):
    """A row as long as the header: cut when longer, filled when shorter."""
    return (list(line) + [empty] * len(columns))[: len(columns)]


def unique_names(names):
    """Column names stripped, empty ones named by position, doubles numbered."""
    seen, result = {}, []
    for position, name in enumerate(names, start=1):
        name = (name or "").strip() or _("column %(n)d") % {"n": position}
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return result
