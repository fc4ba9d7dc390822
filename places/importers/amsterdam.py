"""Import Gemeente Amsterdam's *maatschappelijke voorzieningen* (MAATSCHAPPELIJKE_VZN).

Real data is messy (see data/PROVENANCE.md): house numbers like '65-H-H', Excel date
serials in place of house numbers, '?' for lost characters, empty postcodes. The importer
keeps what it cannot know as it is, reports it, and never crashes on one bad row.
"""

import json
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from places.geo import netherlands_validator, web_point
from places.importers.report import DryRun, ImportReport
from places.models import Area, Place, PlaceType
from places.models.history import import_run

SOURCE = "amsterdam-mvzn"

# Categorie in the source -> PlaceType slug. Other categories are skipped and counted.
CATEGORY_TYPES = {
    "Huis van de wijk": "huis-van-de-wijk",
    "Buurtkamer": "buurtkamer",
    "Jongerencentrum": "jongerencentrum",
    "Speeltuingebouw": "speeltuingebouw",
    "Kinderboerderij": "kinderboerderij",
    "Bibliotheek": "bibliotheek",
}

SOURCE_FIELDS = ("name", "place_type", "management_form", "street", "house_number", "postcode")
POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")
# Excel turns '3-5' or '1-1' into a day count since 1900: five digits from 36526 (2000) up.
EXCEL_SERIAL = re.compile(r"^(3[6-9]|4\d|5\d)\d{3}$")
# A Dutch house number as registers write it: '12', '12A', '65-H-H', '117-119', '22A-1'.
HOUSE_NUMBER = re.compile(r"^\d{1,5}[A-Za-z]?(?:[-/ ]?[A-Za-z0-9]{1,5}){0,3}$")


def read_features(path):
    """The features of a GeoJSON FeatureCollection, or a ValidationError saying why not."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(
            _("%(path)s is not a GeoJSON file: %(error)s") % {"path": path, "error": error}
        ) from error
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(_("%(path)s is not a GeoJSON FeatureCollection.") % {"path": path})
    features = data.get("features")
    if not isinstance(features, list):
        raise ValidationError(_("%(path)s has no list of features.") % {"path": path})
    return features


def normalise_postcode(value):
    match = POSTCODE.match(value or "")
    return f"{match[1]}{match[2].upper()}" if match else ""


def management_form(name):
    if "zelfbeheer" in name.lower():
        return Place.ManagementForm.SELF
    return Place.ManagementForm.UNKNOWN


def location_of(feature):
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise ValidationError(_("no point geometry"))
    try:
        lng, lat = geometry["coordinates"][:2]
        point = web_point(lng, lat)
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(_("coordinates cannot be read")) from error
    netherlands_validator(point)
    return point


def parse_row(feature, types):
    """The fields of a Place from one feature; raises ValidationError for a bad row."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        raise ValidationError(_("feature without properties"))
    name = str(props.get("Naam") or "").strip()
    if not name:
        raise ValidationError(_("no name"))
    postcode_raw = str(props.get("Postcode") or "").strip()
    fields = {
        "name": name[:200],
        "place_type": types[CATEGORY_TYPES[props.get("Categorie")]],
        "management_form": management_form(name),
        "street": str(props.get("Adres") or "").strip()[:200],
        "house_number": readable_house_number(house_number_of(props)),
        "postcode": normalise_postcode(postcode_raw) or postcode_raw[:7],
        "location": location_of(feature),
    }
    if any("\x00" in value for value in fields.values() if isinstance(value, str)):
        # PostgreSQL refuses text with NUL: one such row would stop the whole import.
        raise ValidationError(_("text with a NUL character (a damaged file?)"))
    return fields


def house_number_of(props):
    return str(props.get("Huisnummer") or "").strip()[:40]


def readable_house_number(value):
    """The number, or nothing when it cannot be one (an Excel date, a lost '?'): published,
    it would send a visitor to the wrong door. The redactie is asked to look it up."""
    if HOUSE_NUMBER.match(value) and not EXCEL_SERIAL.match(value):
        return value
    return ""


def unreadable_house_number(props):
    value = house_number_of(props)
    return value if value and not readable_house_number(value) else ""


def external_id_of(props):
    """MVZN_ID as text, or None when it cannot be one (a list, too long, a NUL character)."""
    value = props.get("MVZN_ID")
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        return None
    value = str(value)
    return value if len(value) <= 100 and "\x00" not in value else None


def remarks(fields, number):
    if number:
        yield _(
            "house number %(value)s cannot be read (an Excel date?); the address is published "
            "without it and the place is flagged for the editors"
        ) % {"value": number}
    if "?" in fields["name"]:
        yield _("name contains '?' where the source lost characters")
    if not fields["postcode"]:
        yield _("no postcode")


def import_places(path, commit=False):
    features = read_features(path)
    types = {t.slug: t for t in PlaceType.objects.filter(slug__in=CATEGORY_TYPES.values())}
    missing = set(CATEGORY_TYPES.values()) - set(types)
    if missing:
        raise ValidationError(
            _("Place types missing from the database: %(slugs)s. Run migrate first.")
            % {"slugs": ", ".join(sorted(missing))}
        )
    report = ImportReport()
    try:
        with transaction.atomic(), import_run(SOURCE):
            for number, feature in enumerate(features, start=1):
                import_feature(number, feature, types, report)
            if not commit:
                raise DryRun
    except DryRun:
        pass
    return report


def import_feature(number, feature, types, report):
    props = feature.get("properties") if isinstance(feature, dict) else {}
    props = props if isinstance(props, dict) else {}
    external_id = external_id_of(props)
    row_id = external_id or _("row %(number)d") % {"number": number}
    category = props.get("Categorie")
    category = category if isinstance(category, str) and category else "?"
    if category not in CATEGORY_TYPES:
        report.skipped[category] += 1
        return
    if not external_id:
        report.refuse(row_id, _("no MVZN_ID") if not props.get("MVZN_ID") else _("bad MVZN_ID"))
        return
    try:
        fields = parse_row(feature, types)
    except ValidationError as error:
        report.refuse(row_id, "; ".join(error.messages))
        return
    number = unreadable_house_number(props)
    if number:  # published without it; a number the redactie filled in since then stays
        fields["house_number"] = number_filled_in(external_id)
    for remark in remarks(fields, number):
        report.warn(row_id, remark)
    report.done(category, save_place(external_id, fields))
    if number:
        flag_house_number(external_id, number)


def number_filled_in(external_id):
    places = Place.objects.filter(source=SOURCE, external_id=external_id)
    return readable_house_number(places.values_list("house_number", flat=True).first() or "")


def flag_house_number(external_id, number):
    """An open report in the redactie's list (once, however often the import runs)."""
    place = Place.objects.get(source=SOURCE, external_id=external_id)
    message = _(
        "Import: the house number '%(value)s' in the source cannot be read (an Excel date?). "
        "The address is shown without a number. Look up the right number and fill it in."
    ) % {"value": number}
    if not place.reports.filter(message=message).exists():
        place.reports.create(message=message)


def save_place(external_id, fields):
    place = Place.objects.filter(source=SOURCE, external_id=external_id).first()
    if place is not None and fields["management_form"] == Place.ManagementForm.UNKNOWN:
        # The source does not know it: keep what an editor (or the demo) filled in.
        fields = {**fields, "management_form": place.management_form}
    if place is None:
        place = Place(source=SOURCE, external_id=external_id, is_published=True)
        action = "created"
    elif unchanged(place, fields):
        return "unchanged"
    else:
        action = "updated"
    # A value the source now gives is real: it is no longer an example (places.demo).
    place.demo_fields = [
        mark
        for mark in place.demo_fields
        if mark not in fields or getattr(place, mark) == fields[mark]
    ]
    for name, value in fields.items():
        setattr(place, name, value)
    place.city = place.city or city_at(fields["location"])
    place.save()
    return action


def city_at(point):
    buurt = Area.objects.select_related("parent__parent").buurt_at(point)
    gemeente = buurt.parent.parent if buurt and buurt.parent else None
    return gemeente.name if gemeente else ""


def unchanged(place, fields):
    same_fields = all(getattr(place, name) == fields[name] for name in SOURCE_FIELDS)
    return (
        same_fields
        and place.location.distance(fields["location"].transform(place.location.srid, clone=True))
        < 0.01
    )
