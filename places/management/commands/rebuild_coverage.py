"""Compute the coverage table (places.policy.coverage) again for every buurt.

It is kept up to date when places change through the application; after changes by raw SQL, or
to be sure, rebuild it: `manage.py rebuild_coverage`. `--check` compares the table with a full
computation without writing, and exits with status 1 when they differ.
"""

import math

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from places.models import BuurtCoverage
from places.policy import coverage


class Command(BaseCommand):
    help = "Compute the coverage per buurt again (the policy dashboard's table)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare only, write nothing")

    def handle(self, check, **options):
        if check:
            self.check_table()
            return
        count = coverage.rebuild(progress=self.stdout.write)
        self.stdout.write(
            _("Coverage computed for %(count)s neighbourhoods at %(metres)s m.")
            % {"count": f"{count:,}", "metres": ", ".join(map(str, coverage.distances()))}
        )

    def check_table(self):
        wrong = 0
        for metres in coverage.distances():
            expected = coverage.computed(metres)
            rows = BuurtCoverage.objects.filter(metres=metres)
            have = {r.buurt_id: (r.area_m2, r.uncovered_m2, r.gap) for r in rows}
            wrong += sum(1 for pk in expected.keys() | have.keys() if differs(expected, have, pk))
        if wrong:
            raise CommandError(_("%(count)s rows differ: run rebuild_coverage.") % {"count": wrong})
        self.stdout.write(_("The coverage table is up to date."))


def differs(expected, have, pk):
    if pk not in expected or pk not in have:
        return True
    (area, uncovered, gap), (area2, uncovered2, gap2) = expected[pk], have[pk]
    close = [math.isclose(a, b, abs_tol=0.01) for a, b in ((area, area2), (uncovered, uncovered2))]
    return bool(gap) != bool(gap2) or not all(close)
