"""Limits on what one visitor can make the app do: search text, password checks, reports
and reset mails (security review, issue 23 points 6, 10, 11 and 12)."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from places.models import Report
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord"
A_THOUSAND_WORDS = " ".join(["koffie"] * 1000)
SEARCHING_URLS = [
    ("places:list", {}),
    ("places:map-data", {}),
    ("places:nearby", {"lat": "52.37", "lng": "4.9"}),
    ("places:api-places", {"fmt": "json"}),
    ("places:export", {"fmt": "csv"}),
]


@pytest.mark.parametrize("name, kwargs", SEARCHING_URLS)
def test_a_thousand_search_words_get_a_dutch_400_not_a_503(client, places, name, kwargs):
    params = {"q": A_THOUSAND_WORDS, **({} if "fmt" in kwargs else kwargs)}
    url_kwargs = kwargs if "fmt" in kwargs else None
    response = client.get(reverse(name, kwargs=url_kwargs), params)
    assert response.status_code == 400
    assert "De zoektekst is te lang" in response.content.decode()


def test_the_api_says_it_in_json(client, places):
    response = client.get(
        reverse("places:api-nearby"), {"lat": "52.37", "lng": "4.9", "q": A_THOUSAND_WORDS}
    )
    assert response.status_code == 400
    assert response.json()["parameters"]["q"].startswith("De zoektekst is te lang")


def test_search_text_within_the_limits_still_finds_places(client, places):
    response = client.get(reverse("places:list"), {"q": "Buurtkamer Anker"})
    assert response.status_code == 200
    assert "Buurtkamer Het Anker" in response.content.decode()


def test_the_admin_search_has_the_same_limit(admin_client, places):
    response = admin_client.get(reverse("admin:places_place_changelist"), {"q": A_THOUSAND_WORDS})
    assert response.status_code == 400


def test_wrong_passwords_when_erasing_lead_to_the_lockout_and_are_logged(client, people, audit):
    owner = people["owner"]
    log_in(client, owner)
    for _attempt in range(4):
        response = client.post(reverse("places:erase"), {"password": "fout"})
        assert "Dat wachtwoord klopt niet" in response.content.decode()
    assert client.post(reverse("places:erase"), {"password": "fout"}).status_code == 429
    locked = client.post(reverse("places:erase"), {"password": PASSWORD})
    assert "Te vaak een verkeerd wachtwoord" in locked.content.decode()
    assert type(owner).objects.filter(pk=owner.pk).exists()  # not erased, right password or not
    failed = audit("password.confirm")
    assert {e["result"] for e in failed} >= {"failed", "locked"}
    assert {e["actor"] for e in failed} == {f"auth.user:{owner.pk}"}


def test_a_wrong_old_password_counts_towards_the_lockout(client, people, audit):
    log_in(client, people["owner"])
    url = reverse("password_change")
    new = {"new_password1": "nog-een-lang-wachtwoord", "new_password2": "nog-een-lang-wachtwoord"}
    for _attempt in range(5):
        client.post(url, {"old_password": "fout", **new})
    response = client.post(url, {"old_password": PASSWORD, **new})
    assert "Te vaak een verkeerd wachtwoord" in response.content.decode()
    people["owner"].refresh_from_db()
    assert people["owner"].check_password(PASSWORD)
    assert len([e for e in audit("password.confirm") if e["result"] == "failed"]) >= 5


def test_a_password_change_is_logged(client, people, audit):
    log_in(client, people["owner"])
    new = {"new_password1": "nog-een-lang-wachtwoord", "new_password2": "nog-een-lang-wachtwoord"}
    response = client.post(reverse("password_change"), {"old_password": PASSWORD, **new})
    assert response.status_code == 302
    (entry,) = audit("password.change")
    assert entry["actor"] == f"auth.user:{people['owner'].pk}"


def report(client, place, address="192.0.2.1", forwarded=None):
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return client.post(
        reverse("places:report", args=[place.slug]),
        {"message": "Het adres klopt niet"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def test_the_report_limit_holds_for_every_worker(client, places):
    """Each worker process has its own local memory: the limit must not live there."""
    for _n in range(5):
        assert report(client, places["kamer"]).status_code == 302
        cache.clear()  # as if the next request went to another worker
    assert report(client, places["kamer"]).status_code == 429
    assert Report.objects.count() == 5


def test_behind_a_proxy_each_visitor_has_their_own_report_limit(client, places, settings):
    settings.BEHIND_PROXY = True
    proxy = "10.0.0.1"
    for n in range(5):  # a made-up address before the proxy's own does not help
        report(client, places["kamer"], proxy, forwarded=f"203.0.113.{n}, 198.51.100.7")
    assert report(client, places["kamer"], proxy, forwarded="198.51.100.7").status_code == 429
    assert report(client, places["kamer"], proxy, forwarded="198.51.100.8").status_code == 302


def test_without_a_proxy_a_forwarded_for_header_is_ignored(client, places):
    for n in range(5):
        report(client, places["kamer"], forwarded=f"203.0.113.{n}")
    assert report(client, places["kamer"], forwarded="198.51.100.9").status_code == 429


def test_reset_mails_are_limited_per_account(client, people):
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"):
        response = client.post(
            reverse("password_reset"), {"email": "eigenaar@example.org"}, REMOTE_ADDR=address
        )
        assert response.status_code == 302  # never tells whether the address is known
    assert len(mail.outbox) == 3


def test_reset_requests_are_limited_per_address(client, people):
    for n in range(5):
        client.post(reverse("password_reset"), {"email": f"iemand{n}@example.org"})
    response = client.post(reverse("password_reset"), {"email": "eigenaar@example.org"})
    assert response.status_code == 429
    assert "veel herstellinks" in response.content.decode()
    assert mail.outbox == []


def test_behind_a_proxy_the_login_lockout_is_per_visitor(client, people, settings):
    settings.BEHIND_PROXY = True

    def login(password, visitor):
        return client.post(
            reverse("login"),
            {"username": "eigenaar", "password": password},
            REMOTE_ADDR="10.0.0.1",
            headers={"x-forwarded-for": visitor},
        )

    for _attempt in range(5):
        login("fout", "198.51.100.7")
    assert login(PASSWORD, "198.51.100.7").status_code == 429
    assert login(PASSWORD, "198.51.100.8").status_code == 302
