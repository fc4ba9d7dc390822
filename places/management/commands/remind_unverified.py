"""Remind the members of places whose listing was not verified for a year.

Meant for cron, for example monthly: `manage.py remind_unverified --commit`. Without
--commit it only lists the places. Editors see the same places on their page. A place whose
reminder the mail server refuses does not stop the others; the command lists the failures
and exits with an error, so cron reports them.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from places import reminders


class Command(BaseCommand):
    help = "E-mail the members of places whose listing was not verified for a year."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="", help="e.g. https://ontmoeting.example.nl")
        parser.add_argument("--commit", action="store_true", help="send (default: only list)")

    def handle(self, base_url, commit, **options):
        places = reminders.stale().prefetch_related("memberships__user")
        sent, failed = 0, []
        for place in places:
            self.stdout.write(f"{place.name}: {len(reminders.addresses(place))}")
            if commit:
                try:
                    sent += 1 if reminders.remind(place, base_url) else 0
                except OSError as error:  # smtplib's errors are OSErrors too; go on
                    self.stdout.write("  " + _("not sent: %(error)s") % {"error": error})
                    failed.append(place.name)
        self.stdout.write(
            _("%(count)d places not verified; reminders sent for %(sent)d.")
            % {"count": len(places), "sent": sent}
        )
        if failed:
            raise CommandError(
                _("Reminders not sent for %(count)d places: %(places)s.")
                % {"count": len(failed), "places": ", ".join(failed)}
            )
