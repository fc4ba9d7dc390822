"""manage.py import_places_table FILE --mapping FILE.toml [--commit]: see places.importers."""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from places.importers.mapping import read_mapping
from places.importers.table_import import import_table
from places.importers.tables import read_table
from places.management.commands._importing import database_stopped


class Command(BaseCommand):
    help = (
        "Import places from a table (CSV, XLSX, GeoJSON, GeoPackage) through a mapping "
        "(TOML): a dry run with its report unless --commit."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--mapping", required=True, help="the mapping (TOML)")
        parser.add_argument("--commit", action="store_true", help="write (default: dry run)")
        parser.add_argument(
            "--create-types", action="store_true", help="create type names not known yet"
        )
        parser.add_argument(
            "--overwrite-edited",
            action="store_true",
            help="also update places edited on the site since the last import",
        )
        parser.add_argument("--report", help="the report file (CSV; default: FILE-rapport.csv)")
        parser.add_argument("--geocode-cache", help="where PDOK's answers are kept (JSON)")

    def handle(self, file, mapping, commit, **options):
        try:
            table = read_table(file)
            report = import_table(
                table,
                read_mapping(mapping),
                commit=commit,
                create_types=options["create_types"],
                overwrite_edited=options["overwrite_edited"],
                cache_path=options["geocode_cache"],
                progress=self.progress,
            )
        except ValidationError as error:
            raise CommandError(
                _("Nothing was imported. %(reason)s") % {"reason": " ".join(error.messages)}
            ) from error
        except DatabaseError as error:
            raise database_stopped(error) from error
        self.stderr.write("")
        for line in report.lines():
            self.stdout.write(line)
        path = Path(options["report"] or Path(file).with_name(Path(file).stem + "-rapport.csv"))
        with open(path, "w", encoding="utf-8", newline="") as handle:
            report.write_csv(handle)
        self.stdout.write(_("Report: %(path)s") % {"path": path})
        if commit:
            self.stdout.write(self.style.SUCCESS(_("Import written to the database.")))
        else:
            self.stdout.write(
                self.style.WARNING(_("Dry run: nothing was written. Add --commit to import."))
            )

    def progress(self, done, total):
        """A bar on stderr, redrawn in place: [#####-----] 12/40."""
        width = 30
        filled = width * done // max(total, 1)
        self.stderr.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total}", ending="")
        if hasattr(sys.stderr, "flush"):
            self.stderr.flush()
