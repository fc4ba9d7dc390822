"""Import places from a table through a mapping (import_places_table, the staff import page).

First every row is read, checked and placed (addresses through PDOK, outside the transaction);
then all rows are written in one transaction, rolled back for a dry run. A row is found again
by the id column, or by name + postcode + house number; a changed row updates its place (the
history records the import), unless someone edited the place on the site since the last
import: then it is skipped unless overwrite_edited. The report says per row what happened.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from places.importers.amsterdam import EXCEL_SERIAL, normalise_postcode, readable_house_number
from places.importers.locate import Locator
from places.importers.mapping import FIELDS, date_of, text_of
from places.importers.past import read_past, record_new_closing
from places.importers.report import DryRun
from places.importers.table_report import TableReport
from places.models import Place, PlaceType
from places.models.history import ChangeKind, import_run

TEXT_LIMITS = {"name": 200, "street": 200, "house_number": 20, "city": 100, "phone": 40}
COMPARED = (
    "name",
    "place_type",
    "management_form",
    "street",
    "house_number",
    "postcode",
    "city",
    "description",
    "website",
    "email",
    "phone",
    "last_verified_at",
    "opened_on",
    "closed_on",
    "status",
)


EDITED = gettext_lazy("edited on the site since the last import (--overwrite-edited replaces it)")


@dataclass
class Prepared:
    line: int
    name: str
    key: str
    fields: dict
    remarks: list = field(default_factory=list)
    type_name: str = ""
    dates: dict = field(default_factory=dict)  # {attribute: (day, precision)}: past events


def import_table(
    table,
    mapping,
    commit=False,
    create_types=False,
    overwrite_edited=False,
    cache_path=None,
    progress=None,
):
    mapping.check_columns(table.columns)
    report = TableReport(total=len(table.rows))
    locator = Locator(mapping, cache_path)
    try:
        prepared = prepare_rows(table, mapping, locator, report, create_types, progress)
    finally:
        locator.save()  # what PDOK answered is kept, however the import ends
    try:
        with transaction.atomic(), import_run(mapping.source):
            types = type_lookup(create_types, {row.type_name for row in prepared}, report)
            for row in prepared:
                write_row(row, mapping.source, types, report, overwrite_edited)
            if not commit:
                raise DryRun
    except DryRun:
        pass
    report.sort()
    return report


def prepare_rows(table, mapping, locator, report, create_types, progress):
    known_types = {}
    for slug, name in PlaceType.objects.values_list("slug", "name"):
        known_types.update({slug: name, name.casefold(): name})
    seen, prepared = {}, []
    for number, row in enumerate(table.rows, start=2):  # line 1 holds the column names
        if progress:
            progress(number - 1, len(table.rows))
        try:
            item = prepare_row(number, row, mapping, known_types, report, create_types)
            if item.key in seen:
                report.add(
                    number,
                    item.name,
                    "skipped",
                    _("the same place as line %(line)d") % {"line": seen[item.key]},
                )
                continue
            seen[item.key] = number
            item.fields["location"], how = locator.locate(row, item.fields)
        except ValidationError as error:
            report.add(number, text_name(row, mapping), "refused", "; ".join(error.messages))
            continue
        if how == "address":
            item.remarks.append(_("placed by its address (PDOK)"))
        prepared.append(item)
    return prepared


def text_name(row, mapping):
    return mapping.fields["name"].mapped(row)


def prepare_row(number, row, mapping, known_types, report, create_types):
    values = {name: spec.mapped(row) for name, spec in mapping.fields.items()}
    remarks = []
    name = values.get("name", "")[:200]
    if not name:
        raise ValidationError(_("no name"))
    fields = {key: values[key][:limit] for key, limit in TEXT_LIMITS.items() if key in values}
    fields.update({key: values[key] for key in ("description",) if key in values})
    fields["name"] = name
    raw_number = mapping.fields["house_number"].raw(row) if "house_number" in values else None
    fields["house_number"] = house_number(raw_number, values.get("house_number", ""), remarks)
    fields["postcode"] = (
        normalise_postcode(values.get("postcode")) or values.get("postcode", "")[:7]
    )
    fields["management_form"] = management_form(values.get("management_form", ""), report)
    fields.update(contact(values, remarks))
    if "last_verified_at" in values:
        fields["last_verified_at"] = verified(mapping, row, remarks)
    past, dates = read_past(mapping, row, remarks)
    fields.update(past)
    type_name = known_types.get(values["place_type"].casefold()) or known_types.get(
        values["place_type"]
    )
    if not type_name:
        type_name = values["place_type"]
        if not type_name:
            raise ValidationError(_("no type"))
        report.unknown[FIELDS["place_type"]][type_name] += 1
        if not create_types:
            raise ValidationError(_("unknown type “%(value)s”") % {"value": type_name})
    key = text_of_id(row, mapping) or "|".join(
        [name.casefold(), fields["postcode"], fields["house_number"].casefold()]
    )
    return Prepared(number, name, key, fields, remarks, type_name, dates)


def text_of_id(row, mapping):
    if not mapping.id_column:
        return ""
    value = text_of(row.get(mapping.id_column))
    if not value:
        raise ValidationError(_("no id in column “%(column)s”") % {"column": mapping.id_column})
    return "id:" + value


def house_number(raw, text, remarks):
    """The number, or '' when Excel turned it into a date: that would send people astray."""
    if raw is not None and not isinstance(raw, str | int | float):  # a date cell
        remarks.append(_("house number %(value)s is a date (Excel?): left out") % {"value": text})
        return ""
    if text and (EXCEL_SERIAL.match(text) or not readable_house_number(text)):
        remarks.append(_("house number %(value)s cannot be read: left out") % {"value": text})
        return ""
    return text


def management_form(value, report):
    if not value:
        return Place.ManagementForm.UNKNOWN
    for choice in Place.ManagementForm:
        if value.casefold() in (choice.value, str(choice.label).casefold()):
            return choice.value
    report.unknown[FIELDS["management_form"]][value] += 1
    raise ValidationError(_("unknown management form “%(value)s”") % {"value": value})


def contact(values, remarks):
    checked = {}
    for name, validator in (("website", URLValidator()), ("email", EmailValidator())):
        value = values.get(name, "")
        if name == "website" and value and "://" not in value:
            value = f"https://{value}"
        try:
            validator(value) if value else None
            checked[name] = value
        except ValidationError:
            remarks.append(
                _("%(field)s %(value)s cannot be read: left out")
                % {"field": FIELDS[name], "value": value}
            )
            checked[name] = ""
    return {name: value for name, value in checked.items() if name in values}


def verified(mapping, row, remarks):
    raw = mapping.fields["last_verified_at"].raw(row)
    try:
        day = date_of(raw)
    except (ValueError, OverflowError):
        remarks.append(_("date %(value)s cannot be read: left out") % {"value": raw})
        return None
    if day is None:
        return None
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12))


def type_lookup(create_types, names, report):
    types = {t.name.casefold(): t for t in PlaceType.objects.all()}
    types.update({t.slug: t for t in types.values()})
    for name in sorted(n for n in names if n.casefold() not in types and n not in types):
        slug, n = slugify(name)[:45] or "type", 1
        while PlaceType.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{slugify(name)[:40]}-{n}"
        types[name.casefold()] = PlaceType.objects.create(name=name[:100], slug=slug)
        report.created_types.append(name)
    return types


def external_id(key):
    return key if len(key) <= 100 else "sha:" + hashlib.sha256(key.encode()).hexdigest()


def write_row(row, source, types, report, overwrite_edited):
    fields = {**row.fields, "place_type": types[row.type_name.casefold()]}
    place = Place.objects.filter(source=source, external_id=external_id(row.key)).first()
    if place is None:
        place = Place(source=source, external_id=external_id(row.key), is_published=True)
        action = "new"
    else:
        changed = [n for n in COMPARED if n in fields and getattr(place, n) != fields[n]]
        if not changed and moved(place, fields["location"]) < 1:
            report.add(row.line, row.name, "unchanged", "; ".join(row.remarks))
            return
        if edited_on_the_site(place) and not overwrite_edited:
            report.add(row.line, row.name, "skipped", EDITED)
            return
        action = "updated"
    for name, value in fields.items():
        setattr(place, name, value)
    place._event_dates = row.dates
    place.save()
    if action == "new":
        record_new_closing(place)
    report.add(row.line, row.name, action, "; ".join(row.remarks))


def moved(place, point):
    return place.location.distance(point.transform(place.location.srid, clone=True))


def edited_on_the_site(place):
    latest = place.history.order_by("-history_date", "-history_id").first()
    return latest is not None and latest.change_kind != ChangeKind.IMPORT
