"""Remind the members of places whose listing was not verified for a year.

Meant for cron, for example monthly: `manage.py remind_unverified --commit`. Without
--commit it only lists the places. Editors see the same places on their page. A place whose
reminder the mail server refuses does not stop the others; the command lists the failures
and exits with an error, so cron reports them.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from places.models import Place
from places.text import one_line


class Command(BaseCommand):
    help = "E-mail the members of places whose listing was not verified for a year."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="", help="e.g. https://ontmoeting.example.nl")
        parser.add_argument("--commit", action="store_true", help="send (default: only list)")

    def handle(self, base_url, commit, **options):
        stale = timezone.now() - timezone.timedelta(days=settings.VERIFY_AFTER_DAYS)
        places = (
            Place.objects.published()
            .not_closed()
            .filter(Q(last_verified_at__lt=stale) | Q(last_verified_at=None, created_at__lt=stale))
            .prefetch_related("memberships__user")
        )
        sent, failed = 0, []
        for place in places:
            emails = [m.user.email for m in place.memberships.all() if m.user.email]
            self.stdout.write(f"{place.name}: {len(emails)}")
            if commit and emails:
                try:
                    self.remind(place, emails, base_url)
                except OSError as error:  # smtplib's errors are OSErrors too; go on
                    self.stdout.write("  " + _("not sent: %(error)s") % {"error": error})
                    failed.append(place.name)
                    continue
                sent += 1
        self.stdout.write(
            _("%(count)d places not verified; reminders sent for %(sent)d.")
            % {"count": len(places), "sent": sent}
        )
        if failed:
            raise CommandError(
                _("Reminders not sent for %(count)d places: %(places)s.")
                % {"count": len(failed), "places": ", ".join(failed)}
            )

    def remind(self, place, emails, base_url):
        send_mail(
            _("Is the listing of %(place)s still right?") % {"place": one_line(place.name)},
            render_to_string(
                "places/email/verify_reminder.txt", {"place": place, "base_url": base_url}
            ),
            settings.DEFAULT_FROM_EMAIL,
            emails,
        )
