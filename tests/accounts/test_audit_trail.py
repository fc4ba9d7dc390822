"""The audit trail (ontmoeting/audit.py): every login, permission change, publish, revert,
export and erasure, with actor, action, object, result, IP and UTC time; and nothing secret or
personal in anything the app logs."""

import datetime
import io
import json
import logging
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from places.models import Place
from tests.helpers.accounts import authenticator, log_in

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord"
# Seeded where people type them; none may show up in a log line.
SENTINELS = {
    "contact_name": "Sentinelia Contactpersoon",
    "contact_email": "sentinel.contact@example.org",
    "contact_phone": "06-13572468",
    "wrong_password": "Sentinel-Fout-Wachtwoord-1",
    "password_as_username": "Sentinel-In-Gebruikersnaam-2",
    "new_password": "Sentinel-Nieuw-Wachtwoord-3",
    "invitation_password": "Sentinel-Uitnodiging-4",
    "bad_code": "sentinelcode5",
    "tampered_token": "SentinelToken6",
}


@pytest.fixture
def written():
    """What the app's configured log handler writes (settings.LOGGING), as text."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def events(stream, action=None):
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if '"action"' in line]
    return [line for line in lines if action is None or line["action"] == action]


def test_every_entry_names_actor_action_object_result_ip_and_utc_time(client, people, written):
    client.post(reverse("login"), {"username": "eigenaar", "password": PASSWORD})
    (entry,) = events(written, "login")
    assert set(entry) >= {"time", "actor", "action", "object", "result", "ip"}
    assert entry["actor"] == entry["object"] == f"auth.user:{people['owner'].pk}"
    assert (entry["result"], entry["ip"]) == ("ok", "127.0.0.1")
    when = datetime.datetime.fromisoformat(entry["time"])
    assert when.utcoffset() == datetime.timedelta(0)
    assert abs(datetime.datetime.now(datetime.UTC) - when) < datetime.timedelta(minutes=1)


def test_failed_logins_and_lockouts_are_logged_without_what_was_typed(client, people, written):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "eigenaar", "password": "fout"})
    client.post(reverse("login"), {"username": "eigenaar", "password": PASSWORD})
    client.post(reverse("login"), {"username": "niemand-bekend", "password": "fout"})
    logins = events(written, "login")
    # Nobody is logged in yet: the actor is anonymous, the account tried is the object.
    assert {e["actor"] for e in logins} == {"anonymous"}
    results = [(e["object"], e["result"]) for e in logins]
    owner = f"auth.user:{people['owner'].pk}"
    assert results.count((owner, "failed")) >= 5
    assert (owner, "locked") in results
    assert (owner, "ok") not in results  # locked out: the right password does not get in
    assert (None, "failed") in results
    assert "niemand-bekend" not in written.getvalue()


def test_logout_is_logged(client, people, written):
    log_in(client, people["owner"])
    client.post(reverse("logout"))
    assert [e["actor"] for e in events(written, "logout")] == [f"auth.user:{people['owner'].pk}"]


def test_permission_changes_in_the_admin_are_logged(admin_client, people, written):
    group = Group.objects.get(name="beleid")
    permission = Permission.objects.get(codename="view_place")
    response = admin_client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": "beleid", "permissions": [permission.pk]},
    )
    assert response.status_code == 302
    changes = events(written, "permission.permissions")
    assert {"object": f"auth.group:{group.pk}", "change": "add"}.items() <= changes[-1].items()
    assert changes[-1]["permission"] == [permission.pk]
    assert changes[-1]["ip"] == "127.0.0.1"
    assert changes[-1]["actor"].startswith("auth.user:")


def test_roles_staff_flags_and_memberships_are_logged(people, places, written):
    owner = people["owner"]
    owner.groups.add(Group.objects.get(name="beleid"))
    owner.is_staff = True
    owner.save()
    places["kamer"].memberships.get(user=owner).delete()
    account = f"auth.user:{owner.pk}"
    assert events(written, "permission.groups")[-1]["object"] == account
    assert events(written, "permission.flags")[-1] == {
        **events(written, "permission.flags")[-1],
        "object": account,
        "is_staff": True,
    }
    revoked = events(written, "membership.revoke")[-1]
    assert (revoked["object"], revoked["user"]) == (f"places.place:{places['kamer'].pk}", owner.pk)


def test_a_login_that_only_saves_last_login_logs_no_permission_change(client, people, written):
    client.post(reverse("login"), {"username": "beleid", "password": PASSWORD})
    assert events(written, "permission.flags") == []


def test_publish_revert_export_and_erasure_are_logged(client, places, people, written):
    editor = f"auth.user:{people['redactie'].pk}"
    concept = places["concept"]
    log_in(client, people["redactie"])
    client.post(reverse("places:publish", args=[concept.slug]), {"publish": "1"})
    client.post(reverse("places:publish", args=[concept.slug]), {"publish": "0"})
    record = Place.history.filter(id=concept.pk).order_by("-history_date").first()
    client.post(reverse("places:revert", args=[concept.slug, record.history_id]))
    client.get(reverse("places:export", args=["xlsx"]), {"prive": "1"})
    owner = people["owner"]
    log_in(client, owner)
    client.get(reverse("places:my-data-download"))
    client.post(reverse("places:erase"), {"password": PASSWORD})

    place = f"places.place:{concept.pk}"
    seen = [(e["action"], e["actor"], e["object"]) for e in events(written)]
    assert ("place.publish", editor, place) in seen
    assert ("place.unpublish", editor, place) in seen
    assert ("place.revert", editor, place) in seen
    assert ("export", editor, None) in seen
    account = f"auth.user:{owner.pk}"
    assert ("export", account, account) in seen
    assert ("account.erase", account, account) in seen


def test_survey_answer_exports_are_logged(client, survey, people, written):
    round_, _questions = survey
    log_in(client, people["beleid"])
    assert client.get(reverse("surveys:export", args=[round_.slug])).status_code == 200
    (entry,) = events(written, "export")
    assert entry["object"] == f"surveys.surveyround:{round_.pk}"
    assert (entry["actor"], entry["format"]) == (f"auth.user:{people['beleid'].pk}", "survey-csv")


def test_nothing_secret_or_personal_is_ever_logged(client, places, people, written, settings):
    """The sentinels go through every path that logs: logins (right, wrong, password in the
    username box), a locked account, codes, invitations, password reset, links with bad keys,
    private exports, contact persons and erasure."""
    kamer = places["kamer"]
    Place.objects.filter(pk=kamer.pk).update(
        contact_name=SENTINELS["contact_name"],
        contact_email=SENTINELS["contact_email"],
        contact_phone=SENTINELS["contact_phone"],
    )
    login = reverse("login")
    client.post(login, {"username": "beleid", "password": SENTINELS["wrong_password"]})
    client.post(login, {"username": SENTINELS["password_as_username"], "password": "x"})
    client.post(login, {"username": "beleid", "password": PASSWORD})
    client.get(reverse("places:export", args=["csv"]), {"prive": "1"})
    client.get(reverse("places:detail", args=[kamer.slug]))
    client.post(reverse("logout"))

    authenticator(people["redactie"])
    client.post(login, {"username": "redacteur", "password": PASSWORD})
    client.post(reverse("two-factor-verify"), {"code": SENTINELS["bad_code"]})
    client.post(reverse("logout"))

    client.get(f"/uitnodiging/{SENTINELS['tampered_token']}/")
    client.get(f"/rondvraag/ronde/link/{SENTINELS['tampered_token']}/")
    log_in(client, people["redactie"])
    client.post(reverse("places:invite", args=[kamer.slug]), {"email": "nieuw@example.org"})
    invitation = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[-1].body)[0]
    client.post(reverse("logout"))
    password = SENTINELS["invitation_password"]
    client.post(invitation, {"name": "Nina", "password1": password, "password2": password})
    client.post(reverse("logout"))

    client.post(reverse("password_reset"), {"email": "eigenaar@example.org"})
    reset = re.search(r"https?://\S+/account/reset/\S+/", mail.outbox[-1].body)[0]
    set_password = client.get(reset).url
    new = SENTINELS["new_password"]
    client.post(set_password, {"new_password1": new, "new_password2": new})
    log_in(client, people["owner"])
    client.post(reverse("places:erase"), {"password": new})

    text = written.getvalue()
    assert "/uitnodiging/[verborgen]/" in text  # the bad link was logged, its key hidden
    assert len(events(written)) > 10
    secrets = [*SENTINELS.values(), invitation.rsplit("/", 2)[-2], reset.rsplit("/", 2)[-2]]
    leaked = [secret for secret in secrets if secret.lower() in text.lower()]
    assert leaked == []
