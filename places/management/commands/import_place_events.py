"""manage.py import_place_events FILE [--commit]: a spreadsheet of dated events (place,
event, date, optional new value and source) into the places' stories; see
places.importers.event_import."""

from django.utils.translation import gettext as _

from places.importers.event_import import import_events, source_of
from places.importers.tables import read_table
from places.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import dated events of places from a table (CSV or XLSX: plek, gebeurtenis, datum, "
        "nieuwe waarde, bron): a dry run with its report unless --commit."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser._actions[1].help = _("CSV or XLSX file with one event per row")

    def run_import(self, path, commit, **options):
        return import_events(read_table(path), commit=commit, source=source_of(path))
