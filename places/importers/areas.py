"""Import gemeenten, wijken and buurten: a GeoJSON file with CBS codes, or CBS's own
Wijk- en buurtkaart GeoPackage (places.importers.cbs) with inhabitants, water and year."""

import logging
import re
from contextlib import contextmanager

from django.contrib.gis.gdal import DataSource, GDALException
from django.contrib.gis.geos import GeometryCollection, GEOSException, MultiPolygon, Polygon
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from places.geo import to_storage
from places.importers.cbs import gemeente_digits, in_gemeenten, is_cbs_kaart, read_cbs_rows
from places.importers.report import DryRun, ImportReport
from places.models import Area

KIND_ORDER = {Area.Kind.GEMEENTE: 0, Area.Kind.WIJK: 1, Area.Kind.BUURT: 2}
# CBS codes: GM0363, WK036301, BU03630101 (letters and digits, at most 12).
CODE = re.compile(r"[A-Za-z0-9]{1,12}")


def parent_code(code, kind):
    """A buurt's wijk and a wijk's gemeente follow from the CBS code itself."""
    if kind == Area.Kind.BUURT:
        return "WK" + code[2:8]
    if kind == Area.Kind.WIJK:
        return "GM" + code[2:6]
    return None


def as_multipolygon(geometry):
    """A valid MultiPolygon: invalid published rings are repaired with MakeValid, not dropped."""
    repaired = not geometry.valid
    if repaired:
        geometry = geometry.make_valid()
    if isinstance(geometry, Polygon):
        return MultiPolygon(geometry, srid=geometry.srid), repaired
    if isinstance(geometry, MultiPolygon):
        return geometry, repaired
    if isinstance(geometry, GeometryCollection):
        polygons = [part for part in geometry if isinstance(part, Polygon | MultiPolygon)]
        flat = [
            p for part in polygons for p in (part if isinstance(part, MultiPolygon) else [part])
        ]
        if flat:
            return MultiPolygon(*flat, srid=geometry.srid), repaired
    raise ValidationError(_("the boundary is not a polygon"))


@contextmanager
def quiet_gis_log():
    """GDAL logs an error per feature whose string `id` does not fit its integer FID (the
    id is not used: the `code` property is), and GEOS a notice per invalid ring, which the
    report already lists as repaired. That noise would only hide real problems."""
    logger = logging.getLogger("django.contrib.gis")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_features(path):
    try:
        layer = DataSource(str(path))[0]
    except (GDALException, IndexError) as error:
        raise ValidationError(
            _("%(path)s cannot be read as a geographic file (GeoJSON): %(error)s")
            % {"path": path, "error": error}
        ) from error
    fields = set(layer.fields)
    missing = {"code", "name", "kind"} - fields
    if missing:
        raise ValidationError(
            _("%(path)s lacks the properties %(missing)s.")
            % {"path": path, "missing": ", ".join(sorted(missing))}
        )
    rows = [
        {
            "code": text_of(feature.get("code")),
            "name": text_of(feature.get("name")),
            "kind": feature.get("kind"),
            "source": text_of(feature.get("source")) if "source" in fields else "",
            "geometry": geometry_of(feature),
        }
        for feature in layer
    ]
    return sorted(rows, key=lambda row: KIND_ORDER.get(row["kind"], 9))


def text_of(value):
    """A property as text; NUL characters (which PostgreSQL refuses) make it unusable."""
    text = "" if value is None else str(value).strip()
    return "" if "\x00" in text else text


def geometry_of(feature):
    """The feature's boundary, or None when it has none or GDAL/GEOS cannot read it."""
    try:
        return feature.geom.geos
    except (GDALException, GEOSException):
        return None


def read_rows(path, gemeenten=()):
    if is_cbs_kaart(path):
        return read_cbs_rows(path, gemeenten)
    digits = gemeente_digits(gemeenten)
    return [row for row in read_features(path) if in_gemeenten(row["code"], digits)]


def import_areas(path, commit=False, gemeenten=()):
    report = ImportReport()
    try:
        with quiet_gis_log(), transaction.atomic():
            rows = read_rows(path, gemeenten)
            for row in rows:
                import_row(row, report)
            if not commit:
                raise DryRun
    except DryRun:
        pass
    return report


def import_row(row, report):
    code, kind = row["code"], row["kind"]
    if kind not in KIND_ORDER or not CODE.fullmatch(code) or row["geometry"] is None:
        report.refuse(code or "?", _("unknown kind, code or boundary"))
        return
    try:
        geometry, repaired = as_multipolygon(to_storage(row["geometry"]))
    except ValidationError as error:
        report.refuse(code, error.messages[0])
        return
    except (GDALException, GEOSException):
        report.refuse(code, _("the boundary cannot be read"))
        return
    if repaired:
        report.warn(code, _("invalid boundary repaired (MakeValid)"))
    parent = None
    if parent_code(code, kind):
        parent = Area.objects.filter(code=parent_code(code, kind)).first()
        if parent is None:
            report.refuse(
                code, _("parent area %(code)s is missing") % {"code": parent_code(code, kind)}
            )
            return
    defaults = {
        "name": (row["name"] or code)[:200],
        "kind": kind,
        "parent": parent,
        "geometry": geometry,
        "source": (row["source"] or "")[:200],
    }
    if "year" in row:  # the Wijk- en buurtkaart: its figures replace the earlier ones
        defaults.update(population=row["population"], water=row["water"], boundary_year=row["year"])
        if row["population"] is None and not row["water"]:
            report.warn(code, _("inhabitants unknown (secret or not published by CBS)"))
    _area, created = Area.objects.update_or_create(code=code, defaults=defaults)
    report.done(kind, "created" if created else "updated")
