"""An invitation link works once: used, replaced, revoked or erased, it never gives access
again (security review, issue 23 point 2). Survey links create nothing on a GET."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from places.accounts.invitations import make_token
from places.models import Invitation, Membership
from surveys.models import Response
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {
    "name": "Nina",
    "password1": "koffie-en-koekjes-7",
    "password2": "koffie-en-koekjes-7",
}


def invitation_link(client, place, editor, email="nina@example.org"):
    log_in(client, editor)
    client.post(reverse("places:invite", args=[place.slug]), {"email": email})
    client.logout()
    return re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[-1].body)[0]


def test_an_accepted_link_does_not_work_a_second_time(client, places, people):
    link = invitation_link(client, places["kamer"], people["redactie"])
    assert client.post(link, NEW_ACCOUNT).status_code == 302
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    assert client.post(link, NEW_ACCOUNT).status_code == 410


def test_a_revoked_membership_does_not_come_back_with_the_old_link(client, places, people):
    kamer = places["kamer"]
    link = invitation_link(client, kamer, people["redactie"])
    client.post(link, NEW_ACCOUNT)
    nina = get_user_model().objects.get(email="nina@example.org")
    membership = Membership.objects.get(user=nina, place=kamer)
    log_in(client, people["redactie"])
    client.post(reverse("places:revoke", args=[kamer.slug, membership.pk]))
    client.logout()
    log_in(client, nina)
    assert client.post(link).status_code == 410
    assert not Membership.objects.filter(user=nina, place=kamer).exists()


def test_an_erased_account_is_not_recreated_by_its_old_link(client, places, people):
    link = invitation_link(client, places["kamer"], people["redactie"])
    client.post(link, NEW_ACCOUNT)
    client.post(reverse("places:erase"), {"password": NEW_ACCOUNT["password1"]})
    assert not get_user_model().objects.filter(email="nina@example.org").exists()
    assert client.post(link, NEW_ACCOUNT).status_code == 410
    assert not get_user_model().objects.filter(email="nina@example.org").exists()
    assert not Invitation.objects.filter(email="nina@example.org").exists()


def test_a_newer_invitation_replaces_the_older_link(client, places, people):
    first = invitation_link(client, places["kamer"], people["redactie"])
    second = invitation_link(client, places["kamer"], people["redactie"])
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_ending_a_membership_ends_a_waiting_invitation_to_that_person(client, places, people):
    kamer = places["kamer"]
    link = invitation_link(client, kamer, people["redactie"], email="eigenaar@example.org")
    membership = Membership.objects.get(user=people["owner"], place=kamer)
    log_in(client, people["redactie"])
    client.post(reverse("places:revoke", args=[kamer.slug, membership.pk]))
    log_in(client, people["owner"])
    assert client.post(link).status_code == 410
    assert not Membership.objects.filter(user=people["owner"], place=kamer).exists()


def test_only_a_hash_of_the_key_is_stored(client, places, people):
    link = invitation_link(client, places["kamer"], people["redactie"])
    key = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert key not in invitation.key_hash
    assert invitation.key_hash == Invitation.hash_of(key)
    assert invitation.invited_by == people["redactie"]


def test_accepting_names_the_new_member_in_the_audit_trail(client, places, people, audit):
    link = invitation_link(client, places["kamer"], people["redactie"])
    client.post(link, NEW_ACCOUNT)
    nina = get_user_model().objects.get(email="nina@example.org")
    (accepted,) = audit("invitation.accept")
    assert accepted["actor"] == f"auth.user:{nina.pk}"
    (granted,) = audit("membership.grant")
    assert granted["actor"] == f"auth.user:{nina.pk}"


def test_a_name_with_a_line_break_does_not_stop_the_invitation(client, places, people):
    kamer = places["kamer"]
    type(kamer).objects.filter(pk=kamer.pk).update(name="Het Anker\r\nBcc: iedereen@example.org")
    log_in(client, people["redactie"])
    response = client.post(reverse("places:invite", args=[kamer.slug]), {"email": "n@example.org"})
    assert response.status_code == 302
    assert mail.outbox[-1].subject == (
        "Uitnodiging: houd de gegevens van Het Anker Bcc: iedereen@example.org actueel"
    )
    assert mail.outbox[-1].to == ["n@example.org"]


def test_opening_a_survey_link_creates_nothing(client, survey, places):
    from surveys.answering import answer_token

    survey, _questions = survey
    link = reverse("surveys:answer-link", args=[survey.slug, answer_token(survey, places["kamer"])])
    response = client.get(link)
    assert response.status_code == 200
    assert "Nog niet beantwoord" in response.content.decode()
    assert not Response.objects.filter(place=places["kamer"]).exists()


def test_an_old_style_key_is_refused(client, places):
    assert client.get(reverse("invitation", args=["eyJwbGFjZSI6MX0:1abc:xyz"])).status_code == 410


def test_make_token_gives_a_fresh_key_each_time(places):
    assert make_token(places["kamer"], "a@example.org") != make_token(
        places["kamer"], "a@example.org"
    )


@pytest.mark.parametrize(
    "role", ["anonymous", "owner", "stranger", "wijkteam", "beleid", "redactie"]
)
def test_a_used_link_is_gone_for_every_role(client, places, people, role):
    link = invitation_link(client, places["kamer"], people["redactie"])
    client.post(link, NEW_ACCOUNT)
    client.logout()
    if role != "anonymous":
        log_in(client, people[role])
    members = Membership.objects.count()
    assert client.get(link).status_code == 410
    assert client.post(link, NEW_ACCOUNT).status_code == 410
    assert Membership.objects.count() == members
