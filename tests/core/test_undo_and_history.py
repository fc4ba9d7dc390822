"""Undo respects the same field rights as the form of the person undoing, and history shows
each person only the fields their role may see (security review, issue 23 points 3 and 4)."""

import pytest
from django.urls import reverse

from places.models import Place
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "stranger", "wijkteam", "beleid", "redactie"]


def close_as_editor(client, place, editor):
    """The redactie closes and unpublishes a place, with an internal note."""
    log_in(client, editor)
    data = form_data(
        place,
        editor=True,
        status="closed",
        closed_on="2026-11-30",
        internal_notes="Sentinel-notitie: pand verkocht",
    )
    data.pop("is_published", None)
    assert client.post(reverse("places:edit", args=[place.slug]), data).status_code == 302
    client.logout()
    return Place.history.filter(id=place.pk).latest()


def undo(client, people, role, place, record):
    if role != "anonymous":
        log_in(client, people[role])
    return client.post(reverse("places:revert", args=[place.slug, record.history_id]))


@pytest.mark.parametrize(
    "role, status, reopened",
    [
        ("anonymous", 302, False),  # to the login page
        ("owner", 302, False),  # a member: nothing of an editor's decision is theirs to undo
        ("stranger", 404, False),
        ("wijkteam", 404, False),
        ("beleid", 404, False),
        ("redactie", 302, True),
    ],
)
def test_undoing_an_editors_decision_per_role(client, places, people, role, status, reopened):
    kamer = places["kamer"]
    record = close_as_editor(client, kamer, people["redactie"])
    response = undo(client, people, role, kamer, record)
    assert response.status_code == status
    place = Place.objects.get(pk=kamer.pk)
    assert (place.status == "active" and place.is_published) is reopened
    assert (place.internal_notes == "") is reopened


def test_a_member_is_told_that_nothing_was_undone(client, places, people):
    kamer = places["kamer"]
    record = close_as_editor(client, kamer, people["redactie"])
    undo(client, people, "owner", kamer, record)
    page = client.get(kamer.get_absolute_url()).content.decode()
    assert "Er is niets ongedaan gemaakt" in page
    assert "alleen de redactie mag ze wijzigen" in page


def test_a_member_undoes_their_own_field_but_not_the_editors_in_the_same_record(
    client, places, people
):
    kamer = places["kamer"]
    kamer.phone = "020 111 2222"
    kamer.save()
    kamer.phone, kamer.status, kamer.closed_on = "", "closed", "2026-11-30"
    kamer.save()  # one change of a member's field and an editor's field together
    record = kamer.history.latest()
    undo(client, people, "owner", kamer, record)
    place = Place.objects.get(pk=kamer.pk)
    assert place.phone == "020 111 2222"
    assert place.status == "closed"


def test_every_undo_is_in_the_audit_trail_with_its_fields(client, places, people, audit):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    client.post(reverse("places:edit", args=[kamer.slug]), form_data(kamer, phone="06 1"))
    undo(client, people, "owner", kamer, kamer.history.latest())
    (entry,) = audit("place.revert")
    assert entry["actor"] == f"auth.user:{people['owner'].pk}"
    assert entry["fields"] == ["phone"]


def test_the_undo_button_is_offered_only_for_what_the_person_may_undo(client, places, people):
    kamer = places["kamer"]
    close_as_editor(client, kamer, people["redactie"])
    log_in(client, people["owner"])
    page = client.get(reverse("places:history", args=[kamer.slug])).content.decode()
    assert "Gesloten" in page  # the member sees the decision
    assert "Ongedaan maken" not in page  # but is not offered to undo it


@pytest.mark.parametrize(
    "role, sees_notes",
    [("owner", False), ("redactie", True)],
)
def test_history_shows_internal_notes_to_editors_only(client, places, people, role, sees_notes):
    kamer = places["kamer"]
    close_as_editor(client, kamer, people["redactie"])
    log_in(client, people[role])
    page = client.get(reverse("places:history", args=[kamer.slug])).content.decode()
    assert ("Sentinel-notitie" in page) is sees_notes
    assert ("Interne notities" in page) is sees_notes


def test_recent_changes_are_for_editors_and_show_them_the_notes(client, places, people):
    kamer = places["kamer"]
    close_as_editor(client, kamer, people["redactie"])
    for role in ("owner", "wijkteam", "beleid"):
        log_in(client, people[role])
        assert client.get(reverse("places:changes")).status_code == 403
    log_in(client, people["redactie"])
    assert "Sentinel-notitie" in client.get(reverse("places:changes")).content.decode()


def test_public_exports_never_hold_internal_notes(client, places, people):
    kamer = places["kamer"]
    close_as_editor(client, kamer, people["redactie"])
    for role in ("anonymous", "owner", "wijkteam"):
        if role != "anonymous":
            log_in(client, people[role])
        for fmt in ("csv", "geojson", "hsds"):
            url = reverse("places:export", args=[fmt]) + "?status=all&prive=1"
            assert "Sentinel-notitie" not in client.get(url).content.decode()
