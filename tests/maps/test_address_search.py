"""The nearby search understands: unknown postcodes are called unknown, addresses are
suggested while typing (PDOK's suggest endpoint, replayed), residents are spoken to."""

import time

import pytest
from django.urls import reverse

from places.geocoder import GeocodeError, geocode
from tests.helpers.accounts import log_in
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point
from tests.helpers.paths import PDOK_ANSWERS

pytestmark = pytest.mark.django_db
SUGGESTED = [
    "Hoofdweg 495A, 1055SC Amsterdam",
    "Hoofdweg 495B, 1055SC Amsterdam",
    "Hoofdweg, Amsterdam",
    "Hoofdweg <script>alert(1)</script> 1, 1055SC Amsterdam",
]


def suggestions(client, query):
    response = client.get(reverse("places:address-suggest"), {"q": query})
    assert response.status_code == 200
    return response.json()["suggestions"]


def test_a_postcode_pdok_does_not_know_is_called_unknown(pdok):
    with pytest.raises(GeocodeError) as error:
        geocode("9999 zz")
    assert str(error.value) == (
        "Postcode 9999ZZ is niet bekend. Controleer de postcode, of klik op de kaart."
    )


def test_a_loose_match_on_another_postcode_is_not_taken(pdok):
    pdok.answer = lambda query, endpoint: (PDOK_ANSWERS / "postcode-1094pw.json").read_bytes()
    with pytest.raises(GeocodeError, match="Postcode 9999ZZ is niet bekend"):
        geocode("9999ZZ")
    assert geocode("1094PW").label == "Ambonplein, 1094PW Amsterdam"


def test_an_unknown_postcode_is_not_guessed_from_places_with_its_digits(pdok, amsterdam):
    PlaceFactory(postcode="9999AA", location=web_point(4.89, 52.37))
    with pytest.raises(GeocodeError, match="Postcode 9999ZZ is niet bekend"):
        geocode("9999ZZ")


def test_with_pdok_down_an_unknown_postcode_says_both(pdok, amsterdam):
    pdok.mode = "down"
    with pytest.raises(GeocodeError) as error:
        geocode("9999ZZ")
    assert "Postcode 9999ZZ is niet bekend in dit register" in str(error.value)
    assert "PDOK) is nu niet bereikbaar" in str(error.value)


def test_the_nearby_page_says_unknown_next_to_the_field(client, pdok, amsterdam):
    response = client.get(reverse("places:nearby"), {"adres": "9999ZZ"})
    page = response.content.decode()
    error = page.split('id="adres-error"', 1)[1].split("</p>", 1)[0]
    assert "Postcode 9999ZZ is niet bekend" in error
    assert "PDOK" not in error
    assert 'value="9999ZZ"' in page
    assert not response.context["searched"]


def test_addresses_are_suggested_as_text(client, pdok):
    assert suggestions(client, "Hoofdweg 4") == SUGGESTED
    assert pdok.endpoints == ["suggest"]
    assert pdok.requests == ["Hoofdweg 4"]


def test_suggestions_are_cached_and_short_queries_ask_nothing(client, pdok):
    suggestions(client, "Hoofdweg 4")
    suggestions(client, "  hoofdweg   4 ")
    assert suggestions(client, "Ho") == []
    assert pdok.requests == ["Hoofdweg 4"]


def test_nothing_to_suggest(client, pdok):
    assert suggestions(client, "Nergensstraat") == []


def test_no_suggestions_when_pdok_is_down_or_slow(client, pdok):
    pdok.mode = "down"
    assert suggestions(client, "Hoofdweg 4") == []
    pdok.mode = "slow"
    started = time.monotonic()
    assert suggestions(client, "Hoofdweg 49") == []
    assert time.monotonic() - started < 1.4  # the suggest timeout, not the visitor's patience


def test_the_address_field_knows_where_to_ask(client):
    page = client.get(reverse("places:nearby")).content.decode()
    assert f'data-suggest-url="{reverse("places:address-suggest")}"' in page
    assert "js/address-suggest.js" in page


def test_the_public_page_speaks_to_residents(client):
    page = client.get(reverse("places:nearby")).content.decode()
    assert "Plekken bij u in de buurt" in page
    assert "cliënt" not in page


def test_a_wijkteam_member_reads_about_their_client(client, people):
    log_in(client, people["wijkteam"])
    page = client.get(reverse("places:nearby")).content.decode()
    assert "uw cliënt" in page
    assert "Plekken bij u in de buurt" not in page
