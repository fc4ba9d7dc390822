"""Work out the states on a date (places.models.states) again for every place.

They are kept up to date when events and places change through the application; after
changes by raw SQL or bulk_create, or to be sure, rebuild them: `manage.py
rebuild_place_states`. `--check` compares the table with what the events say without
writing, and exits with status 1 when they differ.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from places.models import DataVersion, state_updates
from places.models import states as place_states


class Command(BaseCommand):
    help = "Work out the states on a date (the map on a date) again from the events."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare only, write nothing")

    def handle(self, check, **options):
        if check:
            state_updates.pending()  # what this process changed and has not committed yet
            wrong = place_states.disagreeing()
            if wrong:
                raise CommandError(
                    ngettext(
                        "%(count)s place has states that differ: run rebuild_place_states.",
                        "%(count)s places have states that differ: run rebuild_place_states.",
                        len(wrong),
                    )
                    % {"count": len(wrong)}
                )
            self.stdout.write(_("The states on a date are up to date."))
            return
        count = place_states.rebuild_all()
        DataVersion.bump()  # the map on a date may change
        self.stdout.write(_("States on a date worked out for %(count)s places.") % {"count": count})
