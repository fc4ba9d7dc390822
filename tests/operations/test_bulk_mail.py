"""Bulk e-mail actions go place by place: one refused place does not stop the others, and the
report names it (issue 8, item 13)."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from places.models import Membership, Place
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db


class RefusingBackend(EmailBackend):
    """The mail server, as far as the app can see it: it refuses addresses at weigert.example."""

    def send_messages(self, messages):
        for message in messages:
            if any(address.endswith("@weigert.example") for address in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


@pytest.fixture
def refused_place(places, people, django_user_model, settings):
    """Het Anker's owner gets mail; De Boeg's member has an address the server refuses."""
    settings.EMAIL_BACKEND = "tests.operations.test_bulk_mail.RefusingBackend"
    people["stranger"].email = "buurman@weigert.example"
    people["stranger"].save()
    assert Membership.objects.filter(user=people["stranger"], place=places["huis"]).exists()
    return places["huis"]


def test_reminders_go_on_after_a_refused_place_and_name_it(places, refused_place):
    old = timezone.now() - timezone.timedelta(days=400)
    Place.objects.filter(pk__in=[places["kamer"].pk, refused_place.pk]).update(last_verified_at=old)
    with pytest.raises(CommandError, match="niet verstuurd voor 1 plekken: Huis van de Wijk"):
        call_command("remind_unverified", "--commit")
    assert [m.to for m in mail.outbox] == [["eigenaar@example.org"]]


def test_survey_invitations_go_on_after_a_refused_place_and_name_it(
    client, places, people, survey, refused_place
):
    round_, _questions = survey
    log_in(client, people["redactie"])
    response = client.post(reverse("surveys:invite", args=[round_.slug]), follow=True)
    assert [m.to for m in mail.outbox] == [["eigenaar@example.org"]]
    page = response.content.decode()
    assert "Uitnodigingen verstuurd naar 1 plekken" in page
    assert "Niet verstuurd naar 1 plekken" in page and "Huis van de Wijk De Boeg" in page
