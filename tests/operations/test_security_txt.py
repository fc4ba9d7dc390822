"""/.well-known/security.txt as RFC 9116 asks, and the checks that keep it valid."""

import datetime

import pytest
from django.core.checks import run_checks

import ontmoeting

pytestmark = pytest.mark.db_agnostic

URL = "/.well-known/security.txt"
CONTACT = "mailto:security@gemeente.example.nl"


@pytest.fixture
def contact(settings):
    settings.SECURITY_TXT_CONTACT = [CONTACT]
    settings.SECURITY_TXT_EXPIRES = ""
    settings.SECURITY_TXT_POLICY = "https://www.gemeente.example.nl/responsible-disclosure"
    return settings


def fields(response):
    """The file as (name, value) pairs, in order; comments and blank lines left out."""
    lines = response.content.decode("utf-8").splitlines()
    return [tuple(line.split(": ", 1)) for line in lines if line and not line.startswith("#")]


def values(response, name):
    return [value for field, value in fields(response) if field == name]


def test_it_names_the_contact_expiry_languages_canonical_and_policy(client, contact):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert values(response, "Contact") == [CONTACT]
    assert values(response, "Preferred-Languages") == ["nl, en"]
    assert values(response, "Canonical") == ["http://testserver/.well-known/security.txt"]
    assert values(response, "Policy") == [contact.SECURITY_TXT_POLICY]


def test_expires_is_once_in_rfc_3339_and_in_the_future(client, contact):
    # As production sets it (the default, a year after the release, is tested below without
    # the calendar: a suite run after that year would otherwise fail here).
    contact.SECURITY_TXT_EXPIRES = f"{datetime.date.today() + datetime.timedelta(days=200)}"
    (expires,) = values(client.get(URL), "Expires")
    moment = datetime.datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert moment > datetime.datetime.now(datetime.UTC)


def test_every_line_is_a_known_field_and_only_contact_may_repeat(client, contact):
    contact.SECURITY_TXT_CONTACT = [CONTACT, "https://www.gemeente.example.nl/melden"]
    names = [name for name, _value in fields(client.get(URL))]
    assert set(names) <= {"Contact", "Expires", "Preferred-Languages", "Canonical", "Policy"}
    assert names.count("Contact") == 2
    assert all(names.count(name) == 1 for name in set(names) - {"Contact"})


def test_the_default_expiry_is_a_year_after_the_release(client, contact):
    released = datetime.date.fromisoformat(ontmoeting.RELEASE_DATE)
    year_later = released + datetime.timedelta(days=365)
    assert values(client.get(URL), "Expires") == [f"{year_later:%Y-%m-%d}T00:00:00Z"]


def test_a_given_expiry_is_said_in_utc(client, contact):
    contact.SECURITY_TXT_EXPIRES = "2031-06-30T12:00:00+02:00"
    assert values(client.get(URL), "Expires") == ["2031-06-30T10:00:00Z"]


def test_without_a_contact_there_is_no_file_and_the_deploy_check_says_so(client, settings, db):
    # db: the 404 page is the site's own, in its frame.
    settings.SECURITY_TXT_CONTACT = []
    assert client.get(URL).status_code == 404
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "ontmoeting.W002" in ids


def test_a_past_expiry_is_warned_about(contact):
    contact.SECURITY_TXT_EXPIRES = "2020-01-01"
    (warning,) = [m for m in run_checks() if m.id == "ontmoeting.W003"]
    assert "expired on 2020-01-01" in warning.msg


def test_a_future_expiry_is_not_warned_about(contact):
    contact.SECURITY_TXT_EXPIRES = f"{datetime.date.today().year + 1}-06-30"
    assert "ontmoeting.W003" not in {m.id for m in run_checks()}


def test_an_unreadable_expiry_is_an_error(contact):
    contact.SECURITY_TXT_EXPIRES = "volgend jaar"
    (error,) = [m for m in run_checks() if m.id == "ontmoeting.E002"]
    assert "volgend jaar" in error.msg


def test_only_get_and_head(client, contact):
    assert client.post(URL).status_code == 405
