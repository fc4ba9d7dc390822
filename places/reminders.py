"""Reminding the members of places whose listing was not checked for a year (the monthly
command remind_unverified, and the editors' bulk "herinnering sturen")."""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from places.models import Place
from places.text import one_line


def stale(places=None):
    """Published, not closed places not checked for VERIFY_AFTER_DAYS (or never, when they
    are that old)."""
    since = timezone.now() - timezone.timedelta(days=settings.VERIFY_AFTER_DAYS)
    places = places if places is not None else Place.objects.all()
    return (
        places.published()
        .not_closed()
        .filter(Q(last_verified_at__lt=since) | Q(last_verified_at=None, created_at__lt=since))
    )


def addresses(place):
    return [m.user.email for m in place.memberships.all() if m.user.email]


def remind(place, base_url):
    """E-mail the place's members; the number of addresses (0: nobody to remind). Raises
    OSError when the mail server refuses."""
    emails = addresses(place)
    if emails:
        send_mail(
            _("Is the listing of %(place)s still right?") % {"place": one_line(place.name)},
            render_to_string(
                "places/email/verify_reminder.txt", {"place": place, "base_url": base_url}
            ),
            settings.DEFAULT_FROM_EMAIL,
            emails,
        )
    return len(emails)
