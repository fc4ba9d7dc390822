"""Import inhabitants per area from a CSV with CBS codes (e.g. CBS Kerncijfers wijken en buurten).

The file needs a column with the code (`code`, `statcode` or `gwb_code`) and one with the
number of inhabitants (`inwoners`, `aantal_inwoners` or `population`); `;` or `,` separated.
An empty cell or CBS's `.` means unknown: the area gets no figure (never 0). A code the register
does not have is skipped and named. A row with a figure that is not a number refuses the whole
file: nothing is written, and every such row is named.
"""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from places.management.commands._importing import database_stopped
from places.models import Area

CODE_COLUMNS = ("code", "statcode", "gwb_code", "gwb_code_10")
COUNT_COLUMNS = ("inwoners", "aantal_inwoners", "population", "a_inw")


class Command(BaseCommand):
    help = "Import inhabitants per gemeente, wijk or buurt (CSV with CBS codes)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--commit", action="store_true", help="write (default: dry run)")

    def handle(self, file, commit, **options):
        rows = read_rows(file)
        known = {area.code: area for area in Area.objects.defer("geometry")}
        try:
            updated, notes = write_counts(rows, known, commit)
        except DatabaseError as error:
            raise database_stopped(error) from error
        for line in notes:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            _("Updated: %(updated)d; refused: %(refused)d.")
            % {"updated": updated, "refused": len(rows) - updated}
        )
        if not commit:
            self.stdout.write(_("Dry run: nothing was written. Add --commit to import."))


def write_counts(rows, known, commit):
    """All rows in one transaction: a bad row or an interrupted import changes nothing."""
    bad = bad_rows(rows)
    if bad:
        raise CommandError(
            "\n".join(
                [_("Nothing was imported: these rows have no valid number of inhabitants."), *bad]
            )
        )
    updated, notes = 0, []
    with transaction.atomic():
        for number, (code, count) in enumerate(rows, start=2):
            if code not in known:
                notes.append(_("line %(n)d: unknown code %(code)r") % {"n": number, "code": code})
                continue
            if count is UNKNOWN:
                notes.append(
                    _("line %(n)d: no figure for %(code)s: inhabitants unknown")
                    % {"n": number, "code": code}
                )
            population = None if count is UNKNOWN else count
            Area.objects.filter(pk=known[code].pk).update(population=population)
            updated += 1
        if not commit:
            transaction.set_rollback(True)
    return updated, notes


def bad_rows(rows):
    """A line for every row whose figure is neither a count nor empty (unknown)."""
    return [
        _("line %(n)d: no valid number of inhabitants for %(code)s")
        % {"n": number, "code": code or "?"}
        for number, (code, count) in enumerate(rows, start=2)
        if count is None
    ]


def read_rows(path):
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            dialect = csv.Sniffer().sniff(sample, delimiters=";,")
            reader = csv.DictReader(handle, dialect=dialect)
            fields = {name.strip().lower(): name for name in reader.fieldnames or []}
            code_col = next((fields[c] for c in CODE_COLUMNS if c in fields), None)
            count_col = next((fields[c] for c in COUNT_COLUMNS if c in fields), None)
            if not code_col or not count_col:
                raise CommandError(
                    _("Nothing was imported: the file lacks a column 'code' or 'inwoners'.")
                )
            # A short row has None for its missing columns.
            return [((row[code_col] or "").strip(), as_count(row[count_col])) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CommandError(
            _("Nothing was imported: %(path)s is not a readable CSV file (%(error)s).")
            % {"path": path, "error": error}
        ) from error


MAX_COUNT = 2**31 - 1  # what the database column holds
UNKNOWN = object()  # an empty cell or CBS's '.': no figure published


def as_count(text):
    """The count in a cell, UNKNOWN for an empty cell or '.', None for anything else."""
    text = (text or "").strip()
    if text in ("", "."):
        return UNKNOWN
    text = text.replace(".", "").replace(" ", "")
    # isdecimal, not isdigit: int() cannot read digits such as '²'.
    if not text.isdecimal() or len(text) > len(str(MAX_COUNT)):
        return None
    return int(text) if int(text) <= MAX_COUNT else None
