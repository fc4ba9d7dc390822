import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from places.accounts.invitations import make_token
from places.models import ClaimRequest, ContactMoment, Membership, Place, Report
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data

pytestmark = pytest.mark.django_db


def test_recent_changes_show_a_field_diff_and_undo_restores(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    client.post(reverse("places:edit", args=[kamer.slug]), form_data(kamer, name="Vandalisme"))
    log_in(client, people["redactie"])
    feed = client.get(reverse("places:changes"))
    body = feed.content.decode()
    assert "Buurtkamer Het Anker" in body and "Vandalisme" in body
    record = Place.history.filter(id=kamer.pk).latest()
    response = client.post(reverse("places:revert", args=[kamer.slug, record.history_id]))
    assert response.status_code == 302
    restored = Place.objects.get(pk=kamer.pk)
    assert restored.name == "Buurtkamer Het Anker"
    assert restored.history.latest().history_change_reason.startswith("Ongedaan gemaakt")


def test_a_member_can_undo_on_the_history_page(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    client.post(reverse("places:edit", args=[kamer.slug]), form_data(kamer, phone="06"))
    page = client.get(reverse("places:history", args=[kamer.slug])).content.decode()
    assert "Ongedaan maken" in page or "Undo" in page
    record = kamer.history.latest()
    client.post(reverse("places:revert", args=[kamer.slug, record.history_id]))
    assert Place.objects.get(pk=kamer.pk).phone == ""


def test_undo_does_not_redirect_off_site(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["redactie"])
    kamer.phone = "1"
    kamer.save()
    record = kamer.history.latest()
    response = client.post(
        reverse("places:revert", args=[kamer.slug, record.history_id]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == kamer.get_absolute_url()


def test_editor_publishes_a_concept(client, places, people):
    log_in(client, people["redactie"])
    client.post(reverse("places:publish", args=[places["concept"].slug]), {"publish": "1"})
    assert Place.objects.get(pk=places["concept"].pk).is_published


def test_merging_moves_everything_and_keeps_the_duplicate_on_record(client, places, people):
    kamer, concept = places["kamer"], places["concept"]
    Membership.objects.create(user=people["stranger"], place=concept)
    ContactMoment.objects.create(place=concept, date=timezone.localdate(), kind="bezoek")
    log_in(client, people["redactie"])
    url = reverse("places:merge-compare", args=[concept.slug, kamer.slug])
    response = client.post(url, {"name": "target", "bevestigd": "1"})
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.merged_into == kamer and concept.status == "closed" and not concept.is_published
    assert set(kamer.memberships.values_list("user__username", flat=True)) == {
        "eigenaar",
        "buurman",
    }
    assert kamer.contact_moments.count() == 1


def test_invitation_makes_a_new_member(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["redactie"])
    client.post(reverse("places:invite", args=[kamer.slug]), {"email": "nieuw@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[0].body)[0]
    client.logout()
    response = client.post(
        link,
        {"name": "Nina", "password1": "koffie-en-koekjes-7", "password2": "koffie-en-koekjes-7"},
    )
    assert response.status_code == 302
    member = Membership.objects.get(place=kamer, user__email="nieuw@example.org")
    assert member.user.groups.filter(name="initiatiefnemer").exists()
    assert client.get(reverse("places:edit", args=[kamer.slug])).status_code == 200


def test_a_weak_password_is_refused_in_dutch(client, places):
    token = make_token(places["kamer"], "zwak@example.org")
    response = client.post(
        reverse("invitation", args=[token]), {"name": "Z", "password1": "1234", "password2": "1234"}
    )
    assert response.status_code == 400
    assert "wachtwoord" in response.content.decode().lower()
    assert not Membership.objects.filter(user__email="zwak@example.org").exists()


def test_an_expired_or_tampered_invitation_is_refused(client, places, settings):
    token = make_token(places["kamer"], "laat@example.org")
    assert client.get(reverse("invitation", args=[token + "x"])).status_code == 410
    settings.INVITATION_DAYS = -1
    assert client.get(reverse("invitation", args=[token])).status_code == 410


def test_claim_is_approved_by_an_editor(client, places, people):
    log_in(client, people["stranger"])
    client.post(reverse("places:claim", args=[places["kamer"].slug]), {"message": "Ik zet koffie"})
    claim = ClaimRequest.objects.get()
    log_in(client, people["redactie"])
    client.post(reverse("places:claim-decision", args=[claim.pk]), {"decision": "approve"})
    assert places["kamer"].memberships.filter(user=people["stranger"]).exists()


def test_a_rejected_claim_gives_no_membership(client, places, people):
    log_in(client, people["stranger"])
    client.post(reverse("places:claim", args=[places["kamer"].slug]), {"message": "Graag"})
    log_in(client, people["redactie"])
    client.post(
        reverse("places:claim-decision", args=[ClaimRequest.objects.get().pk]),
        {"decision": "reject"},
    )
    assert not places["kamer"].memberships.filter(user=people["stranger"]).exists()


def test_an_editor_revokes_a_membership(client, places, people):
    membership = places["kamer"].memberships.get()
    log_in(client, people["redactie"])
    client.post(reverse("places:revoke", args=[places["kamer"].slug, membership.pk]))
    assert not places["kamer"].memberships.exists()
    assert Membership.history.filter(history_type="-").count() == 1


def test_anyone_reports_an_error_which_lands_with_the_editors(client, places, people):
    url = reverse("places:report", args=[places["kamer"].slug])
    assert client.post(url, {"message": "Het adres is veranderd"}).status_code == 302
    log_in(client, people["redactie"])
    assert "Het adres is veranderd" in client.get(reverse("places:moderation")).content.decode()


def test_reports_from_robots_are_dropped(client, places):
    url = reverse("places:report", args=[places["kamer"].slug])
    client.post(url, {"message": "Koop nu!", "website": "http://spam.example"})
    assert not Report.objects.exists()


def test_reports_are_rate_limited(client, places):
    url = reverse("places:report", args=[places["kamer"].slug])
    statuses = [client.post(url, {"message": f"Melding {n}"}).status_code for n in range(7)]
    assert statuses == [302] * 5 + [429] * 2
    assert Report.objects.count() == 5


def test_unverified_places_are_flagged_and_members_reminded(client, places, people):
    old = timezone.now() - timezone.timedelta(days=400)
    Place.objects.filter(pk=places["kamer"].pk).update(last_verified_at=old)
    log_in(client, people["redactie"])
    assert "Buurtkamer Het Anker" in client.get(reverse("places:moderation")).content.decode()
    call_command("remind_unverified", "--commit", "--base-url", "https://ontmoeting.example")
    assert [m.to for m in mail.outbox] == [["eigenaar@example.org"]]
    assert "https://ontmoeting.example/plek/buurtkamer-het-anker/" in mail.outbox[0].body


def test_signed_tokens_use_their_own_salt(places):
    token = make_token(places["kamer"], "a@example.org")
    with pytest.raises(signing.BadSignature):
        signing.loads(token)


def test_history_page_shows_costs_and_membership_changes(client, places, people):
    from places.models import YearlyCosts

    YearlyCosts.objects.create(place=places["kamer"], year=2025, rent=4321)
    log_in(client, people["owner"])
    page = client.get(reverse("places:history", args=[places["kamer"].slug])).content.decode()
    assert "Huur: € 4.321,00" in page and "Lid Olga" in page
