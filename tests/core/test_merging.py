"""Finding and merging duplicates as an editor does (issue 15, point 7): the list of likely
pairs, a search over all places, the two side by side with a choice per field, a
confirmation, the old address leading on (301), and an undo that restores both."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from places.models import Activity, ContactMoment, Membership, Place
from tests.helpers.accounts import log_in
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split())


@pytest.fixture
def twins(amsterdam, people):
    """De Boeg twice (one a concept with a phone number), and a far-away place."""
    kept = PlaceFactory(
        name="Buurthuis De Boeg",
        postcode="1013AB",
        house_number="12",
        phone="",
        location=web_point(4.8900, 52.3700),
    )
    duplicate = PlaceFactory(
        name="Buurthuis de Boeg",
        postcode="1013 ab",
        house_number="12",
        phone="020 555 12 12",
        location=web_point(4.8901, 52.3700),
        is_published=False,
    )
    far = PlaceFactory(
        name="Wijkcentrum Verweg",
        postcode="1099ZZ",
        house_number="3",
        location=web_point(4.95, 52.33),
    )
    return {"kept": kept, "duplicate": duplicate, "far": far}


def test_the_duplicates_list_finds_the_pair_by_address_name_and_distance(client, people, twins):
    log_in(client, people["redactie"])
    page = client.get(reverse("places:duplicates"))
    said = text(page)
    assert "Buurthuis De Boeg" in said and "Buurthuis de Boeg" in said
    assert "Hetzelfde adres, een sterk lijkende naam, 7 m uit elkaar" in said
    assert "Wijkcentrum Verweg" not in said
    compare = reverse("places:merge-compare", args=[twins["duplicate"].slug, twins["kept"].slug])
    assert compare in page.content.decode()


def test_the_merge_page_searches_all_places_by_name_or_postcode(client, people, twins):
    log_in(client, people["redactie"])
    url = reverse("places:merge", args=[twins["duplicate"].slug])
    page = text(client.get(url))
    assert "Waarschijnlijk dezelfde plek Buurthuis De Boeg" in page
    by_name = client.get(url, {"zoek": "verweg"}).content.decode()
    assert reverse("places:merge-compare", args=[twins["duplicate"].slug, twins["far"].slug]) in (
        by_name
    )
    assert "1 plek gevonden." in text(client.get(url, {"zoek": "1099"}))


def test_compare_choose_confirm_merge_redirect_and_undo(client, people, twins):
    kept, duplicate = twins["kept"], twins["duplicate"]
    Membership.objects.create(user=people["stranger"], place=duplicate)
    Activity.objects.create(place=duplicate, name="Koffieochtend")
    ContactMoment.objects.create(place=duplicate, date=timezone.localdate(), kind="bezoek")
    log_in(client, people["redactie"])
    url = reverse("places:merge-compare", args=[duplicate.slug, kept.slug])

    compare = client.get(url)
    rows = dict(
        re.findall(
            r'<th scope="row" id="label-(\w+)">([^<]+)</th>', unescape(compare.content.decode())
        )
    )
    assert rows == {"name": "Naam", "postcode": "Postcode", "phone": "Telefoon"}
    assert "(niet ingevuld)" in text(compare) and "020 555 12 12" in text(compare)

    choices = {"name": "target", "postcode": "target", "phone": "duplicate"}
    check = client.post(url, choices)
    assert "Controleer dit voordat u samenvoegt" in text(check)
    assert "Telefoon: (niet ingevuld) → 020 555 12 12" in text(check)
    assert Place.objects.get(pk=duplicate.pk).merged_into is None  # nothing merged yet

    done = client.post(url, {**choices, "bevestigd": "1"}, follow=True)
    assert "Buurthuis de Boeg is samengevoegd met Buurthuis De Boeg." in text(done)
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert kept.phone == "020 555 12 12" and kept.name == "Buurthuis De Boeg"
    assert duplicate.merged_into == kept and duplicate.status == "closed"
    assert kept.activities.get().name == "Koffieochtend"
    assert kept.memberships.filter(user=people["stranger"]).exists()
    old = client.get(duplicate.get_absolute_url())
    assert old.status_code == 301 and old["Location"] == kept.get_absolute_url()
    client.logout()
    assert client.get(duplicate.get_absolute_url()).status_code == 301  # for everyone

    log_in(client, people["redactie"])
    page = client.get(kept.get_absolute_url())
    assert "Buurthuis de Boeg is op" in text(page)
    undo = re.search(r'action="(/redactie/samenvoeging/\d+/ongedaan/)"', page.content.decode())[1]
    back = client.post(undo, follow=True)
    assert "Het samenvoegen is ongedaan gemaakt" in text(back)
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and not duplicate.is_published
    assert duplicate.status == "active" and duplicate.closed_on is None
    assert kept.phone == ""  # its own value again
    assert duplicate.activities.get().name == "Koffieochtend"
    assert duplicate.contact_moments.count() == 1 and kept.contact_moments.count() == 0
    assert duplicate.memberships.filter(user=people["stranger"]).exists()
    assert not kept.memberships.filter(user=people["stranger"]).exists()
    assert client.get(duplicate.get_absolute_url()).status_code == 200
    assert "samengevoegd" not in text(client.get(kept.get_absolute_url())).lower()


def test_a_merge_needs_a_choice_per_field_and_changes_nothing_without(client, people, twins):
    log_in(client, people["redactie"])
    url = reverse("places:merge-compare", args=[twins["duplicate"].slug, twins["kept"].slug])
    response = client.post(url, {"name": "iets anders", "bevestigd": "1"})
    assert response.status_code == 400
    assert Place.objects.get(pk=twins["duplicate"].pk).merged_into is None
