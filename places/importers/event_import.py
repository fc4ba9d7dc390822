"""Import a place's past from a spreadsheet of events (import_place_events, issue 19).

Columns (Dutch or English headers, any order): plek (the place's number or the last part of
its address on the site), gebeurtenis (geopend, gesloten, tijdelijk gesloten, heropend,
beheervorm gewijzigd, beheerder gewijzigd, verhuisd, type gewijzigd, or their codes), datum
(a day, 2019-03 or 2019), and optionally nieuwe waarde and bron. Each row is checked first;
a value that is not known is refused and listed, never guessed. The events are saved as an
editor's own (the newest sets the place), in one transaction, rolled back for a dry run. A row
whose event is there already is unchanged, so the import is safe to rerun.
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from places.event_dates import read_date
from places.importers.mapping import text_of
from places.importers.report import DryRun
from places.importers.table_report import TableReport
from places.models import Organisation, Place, PlaceEvent, PlaceType
from places.models.history import import_run

K = PlaceEvent.Kind
COLUMNS = {
    "place": ("plek", "place", "plek_id", "place_id", "id"),
    "kind": ("gebeurtenis", "event", "kind"),
    "date": ("datum", "date"),
    "new_value": ("nieuwe waarde", "new value", "new_value", "waarde", "value"),
    "source": ("bron", "source", "opmerking", "remark"),
}
REQUIRED = ("place", "kind", "date")
LABELS = {
    "place": gettext_lazy("place"),
    "kind": gettext_lazy("event"),
    "new_value": gettext_lazy("new value"),
}


@dataclass
class EventRow:
    line: int
    place: Place
    kind: str
    day: object
    precision: str
    new_value: str
    remark: str


def column_names(columns):
    """{our name: the file's column}; ValidationError naming what is missing."""
    folded = {" ".join(str(c).split()).casefold(): c for c in columns}
    found = {}
    for name, options in COLUMNS.items():
        present = [folded[option] for option in options if option in folded]
        if present:
            found[name] = present[0]
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in found]
    if missing:
        raise ValidationError(
            _("The file has no column %(columns)s.")
            % {"columns": ", ".join(f"“{c}”" for c in missing)}
        )
    return found


def kinds():
    """The words an event may be given by: its code, its English and its Dutch name."""
    words = {}
    for kind in K:
        words[kind.value] = kind.value
        for language in ("en", "nl"):
            with override(language):
                words[str(kind.label).casefold()] = kind.value
    return words


def import_events(table, commit=False, source=""):
    columns = column_names(table.columns)
    report = TableReport(total=len(table.rows))
    words, rows = kinds(), []
    for line, raw in enumerate(table.rows, start=2):
        cells = {name: text_of(raw.get(column)) for name, column in columns.items()}
        try:
            rows.append(read_row(line, cells, raw.get(columns["date"]), words, report, source))
        except ValidationError as error:
            report.add(line, name_of(cells["place"]), "refused", "; ".join(error.messages))
    try:
        with transaction.atomic(), import_run(source or "gebeurtenissen"):
            for row in sorted(rows, key=lambda r: (r.day, r.line)):
                write_row(row, report)
            if not commit:
                raise DryRun
    except DryRun:
        pass
    report.sort()
    return report


def read_row(line, cells, raw_date, words, report, source):
    place = find_place(cells["place"], report)
    kind = words.get(cells["kind"].casefold())
    if kind is None:
        report.unknown[LABELS["kind"]][cells["kind"]] += 1
        raise ValidationError(_("unknown event “%(value)s”") % {"value": cells["kind"]})
    try:
        read = read_date(raw_date)
    except (ValueError, OverflowError):
        read = None
    if read is None:
        raise ValidationError(
            _("date “%(value)s” cannot be read (write 4-3-2019, 2019-03 or 2019)")
            % {"value": cells["date"]}
        )
    new_value = new_value_of(kind, cells.get("new_value", ""), report)
    remark = cells.get("source", "") or _("import %(run)s") % {"run": source}
    return EventRow(line, place, kind, read[0], read[1], new_value, remark[:300])


def name_of(text):
    """A refused row in the report: the place's name when it is known, else the cell."""
    place = placed(text)
    return place.name if place else text


def placed(text):
    places = Place.objects.filter(merged_into=None)
    place = places.filter(pk=int(text)).first() if text.isdigit() else None
    return place or places.filter(slug=text).first()


def find_place(text, report):
    place = placed(text)
    if place is None:
        report.unknown[LABELS["place"]][text] += 1
        raise ValidationError(_("no place “%(value)s” in the register") % {"value": text})
    return place


def new_value_of(kind, text, report):
    """The value an event names as the event stores it (a code, a number, an address)."""
    if kind not in (K.MANAGEMENT_FORM, K.PLACE_TYPE, K.OPERATOR, K.MOVED):
        return ""
    if not text:
        raise ValidationError(_("no new value for “%(kind)s”") % {"kind": K(kind).label})
    if kind == K.MOVED:
        return text[:200]
    found = lookup(kind, text)
    if found is None:
        report.unknown[LABELS["new_value"]][text] += 1
        raise ValidationError(_("unknown new value “%(value)s”") % {"value": text})
    return found


def lookup(kind, text):
    folded = text.casefold()
    if kind == K.MANAGEMENT_FORM:
        forms = Place.ManagementForm
        labels = {str(c.label).casefold(): c.value for c in forms if c != forms.UNKNOWN}
        return folded if folded in labels.values() else labels.get(folded)
    model = PlaceType if kind == K.PLACE_TYPE else Organisation
    matches = model.objects.filter(name__iexact=text)
    if kind == K.PLACE_TYPE:
        matches = matches | model.objects.filter(slug=folded)
    if text.isdigit():
        matches = matches | model.objects.filter(pk=int(text))
    found = list(matches.distinct()[:2])
    return str(found[0].pk) if len(found) == 1 else None  # two by one name: not guessed


def write_row(row, report):
    same = PlaceEvent.objects.filter(
        place=row.place, kind=row.kind, happened_on=row.day, new_value=row.new_value
    )
    if row.kind in (K.CLOSED, K.TEMPORARILY_CLOSED, K.REOPENED, K.OPENED):
        same = PlaceEvent.objects.filter(place=row.place, kind=row.kind, happened_on=row.day)
    if same.exists():
        report.add(row.line, row.place.name, "unchanged", _("this event is there already"))
        return
    event = PlaceEvent(
        place=row.place,
        kind=row.kind,
        happened_on=row.day,
        precision=row.precision,
        new_value=row.new_value,
        remark=row.remark,
    )
    action, reason = "new", str(event.get_kind_display())
    if row.kind == K.OPENED:  # a place opens once: this date replaces the one known
        known = PlaceEvent.objects.filter(place=row.place, kind=K.OPENED)
        if known.exists():
            action = "updated"
            reason = _("opening date replaced (was %(date)s)") % {"date": known[0].happened_on}
        known.delete()
    event.save()
    report.add(row.line, row.place.name, action, reason)


def source_of(path):
    return Path(str(path)).name[:100]
