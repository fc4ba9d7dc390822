import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from places import urls as place_urls
from places.models import ContactMoment, Place, YearlyCosts
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db

SENTINELS = {
    "contact_name": "Sentinel Contactpersoon",
    "contact_email": "sentinel-contact@example.org",
    "contact_phone": "0600011122",
    "internal_notes": "Sentinel interne notitie",
}


@pytest.fixture
def secrets(places, people):
    Place.objects.filter(pk=places["kamer"].pk).update(**SENTINELS)
    YearlyCosts.objects.create(place=places["kamer"], year=2025, rent=98765)
    ContactMoment.objects.create(
        place=places["kamer"], date=timezone.localdate(), note="Sentinel contactmoment"
    )
    # The rent as stored and as the page writes it (€ 98.765,00).
    return [*SENTINELS.values(), "98765", "98.765", "Sentinel contactmoment"]


def public_urls(places):
    """Every public page and data URL, with real arguments."""
    kamer = places["kamer"]
    urls = [
        reverse("places:list"),
        reverse("places:list") + "?status=all",
        reverse("places:map-data"),
        reverse("places:map-data") + "?status=all",
        reverse("places:nearby") + "?lat=52.37&lng=4.9&straal=5000",
        reverse("places:handout") + f"?plek={kamer.slug}&plek={places['huis'].slug}",
        reverse("places:about"),
        reverse("places:detail", args=[kamer.slug]),
        reverse("places:report", args=[kamer.slug]),
    ]
    urls += [reverse("places:area", args=[code]) for code in ("GM0363", "WK036301", "BU03630102")]
    return urls


def test_no_public_page_or_data_contains_personal_data(client, secrets, places):
    for url in public_urls(places):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)


def test_the_crawl_covers_every_public_url(places):
    public = {"list", "map-data", "nearby", "handout", "about", "detail", "report", "area"}
    crawled = " ".join(public_urls(places))
    for pattern in place_urls.urlpatterns:
        if pattern.name in public:
            prefix = str(pattern.pattern).split("<")[0]
            assert f"/{prefix}" in crawled, pattern.name


def test_members_see_contact_person_and_costs_but_not_internal_notes(
    client, secrets, places, people
):
    log_in(client, people["owner"])
    body = client.get(places["kamer"].get_absolute_url()).content.decode()
    assert "Sentinel Contactpersoon" in body and "€ 98.765,00" in body
    assert "Sentinel interne notitie" not in body and "Sentinel contactmoment" not in body


def test_wijkteam_sees_contact_person_and_moments_but_not_costs(client, secrets, places, people):
    log_in(client, people["wijkteam"])
    body = client.get(places["kamer"].get_absolute_url()).content.decode()
    assert "Sentinel Contactpersoon" in body and "Sentinel contactmoment" in body
    assert "98765" not in body and "98.765" not in body


def test_policy_staff_see_everything_private(client, secrets, places, people):
    log_in(client, people["beleid"])
    body = client.get(places["kamer"].get_absolute_url()).content.decode()
    for secret in secrets:
        if secret != "98765":  # the page writes the rent the Dutch way: € 98.765,00
            assert secret in body


def test_pages_with_personal_data_are_not_cached(client, secrets, places, people):
    log_in(client, people["owner"])
    response = client.get(places["kamer"].get_absolute_url())
    assert "no-store" in response["Cache-Control"]


def test_a_person_downloads_their_own_data(client, places, people):
    log_in(client, people["owner"])
    response = client.get(reverse("places:my-data-download"))
    data = json.loads(response.content)
    assert data["account"]["email"] == "eigenaar@example.org"
    assert data["memberships"][0]["place"] == "Buurtkamer Het Anker"
    assert "attachment" in response["Content-Disposition"]


def test_erasure_removes_the_account_and_purges_history(client, places, people):
    owner = people["owner"]
    kamer = places["kamer"]
    kamer.contact_email, kamer.contact_name = owner.email, "Olga Eigenaar"
    kamer.save()
    log_in(client, owner)
    client.post(reverse("places:edit", args=[kamer.slug]), _edit(kamer))
    assert Place.history.filter(history_user=owner).exists()
    response = client.post(reverse("places:erase"), {"password": "een-lang-wachtwoord"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(username="eigenaar").exists()
    assert not Place.history.filter(contact_email=owner.email).exists()
    assert not Place.history.filter(contact_name="Olga Eigenaar").exclude(contact_email="").exists()
    assert Place.objects.get(pk=kamer.pk).contact_email == ""


def test_erasure_needs_the_password(client, places, people):
    log_in(client, people["owner"])
    response = client.post(reverse("places:erase"), {"password": "fout"})
    assert response.status_code == 400
    assert get_user_model().objects.filter(username="eigenaar").exists()


def _edit(place):
    from tests.helpers.editing import form_data

    return form_data(place, phone="020 555 0000")
