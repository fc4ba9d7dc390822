from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _


def database_stopped(error):
    """An import is one transaction: when the database stops it, nothing was written."""
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return CommandError(
        _(
            "Nothing was imported: the database stopped the import (%(reason)s). "
            "The database is as it was before."
        )
        % {"reason": reason}
    )


class ImportCommand(BaseCommand):
    """An import that is a dry run unless --commit is given, and reports per row.

    The whole import is one transaction: refused rows are reported and skipped, and an
    import that is interrupted (an error, a lost connection, Ctrl-C) leaves the database
    as it was.
    """

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("GeoJSON file to import"))
        parser.add_argument(
            "--commit", action="store_true", help=_("write to the database (default: dry run)")
        )

    def run_import(self, path, commit, **options):
        raise NotImplementedError

    def handle(self, file, commit, **options):
        try:
            report = self.run_import(file, commit, **options)
        except ValidationError as error:
            raise CommandError(
                _("Nothing was imported. %(reason)s") % {"reason": " ".join(error.messages)}
            ) from error
        except DatabaseError as error:
            raise database_stopped(error) from error
        self.write_report(report, file, options)
        if commit:
            self.stdout.write(self.style.SUCCESS(_("Import written to the database.")))
        else:
            self.stdout.write(
                self.style.WARNING(_("Dry run: nothing was written. Add --commit to import."))
            )

    def write_report(self, report, file, options):
        for line in report.lines():
            self.stdout.write(line)
