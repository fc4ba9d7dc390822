"""Count the places per buurt, type and management form again (places.policy.counts).

The table is kept up to date when places change through the application; after changes by raw
SQL, or to be sure, rebuild it: `manage.py rebuild_place_counts`. `--check` compares the table
with a full count without writing, and exits with status 1 when they differ.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from places.policy import counts


class Command(BaseCommand):
    help = "Count the places per buurt, type and management form again (the dashboard's table)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare only, write nothing")

    def handle(self, check, **options):
        if check:
            wrong = counts.differences()
            if wrong:
                raise CommandError(
                    _("%(count)s counts differ: run rebuild_place_counts.") % {"count": len(wrong)}
                )
            self.stdout.write(_("The counts of places are up to date."))
            return
        rows = counts.rebuild()
        self.stdout.write(_("Places counted again: %(rows)s rows.") % {"rows": f"{rows:,}"})
