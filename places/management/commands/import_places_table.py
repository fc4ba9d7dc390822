"""manage.py import_places_table FILE --mapping FILE.toml [--commit]: see places.importers."""

import sys
from pathlib import Path

from django.utils.translation import gettext as _

from places.importers.mapping import read_mapping
from places.importers.table_import import import_table
from places.importers.tables import read_table
from places.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import places from a table (CSV, XLSX, GeoJSON, GeoPackage) through a mapping "
        "(TOML): a dry run with its report unless --commit."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser._actions[1].help = "CSV, XLSX, GeoJSON or GeoPackage file"
        parser.add_argument("--mapping", required=True, help="the mapping (TOML)")
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

    def run_import(self, path, commit, **options):
        return import_table(
            read_table(path),
            read_mapping(options["mapping"]),
            commit=commit,
            create_types=options["create_types"],
            overwrite_edited=options["overwrite_edited"],
            cache_path=options["geocode_cache"],
            progress=self.progress,
        )

    def write_report(self, report, file, options):
        self.stderr.write("")  # after the progress bar
        super().write_report(report, file, options)
        path = Path(options["report"] or Path(file).with_name(Path(file).stem + "-rapport.csv"))
        with open(path, "w", encoding="utf-8", newline="") as handle:
            report.write_csv(handle)
        self.stdout.write(_("Report: %(path)s") % {"path": path})

    def progress(self, done, total):
        """A bar on stderr, redrawn in place: [#####-----] 12/40."""
        width = 30
        filled = width * done // max(total, 1)
        self.stderr.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total}", ending="")
        if hasattr(sys.stderr, "flush"):
            self.stderr.flush()
