import pytest
from django.core.cache import cache

from places.geocoder import GeocodeError, geocode
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point


def test_an_address_resolves_to_pdoks_point(pdok):
    location = geocode("Hoofdweg 495A Amsterdam")
    assert location.label == "Hoofdweg 495A, 1055SC Amsterdam"
    assert (location.point.x, location.point.y) == pytest.approx((4.846776, 52.375917))
    assert location.source == "pdok"


def test_answers_are_cached(pdok):
    geocode("Hoofdweg 495A Amsterdam")
    geocode("  hoofdweg   495A amsterdam ")
    assert len(pdok.requests) == 1


def test_nothing_found_says_so_in_dutch(pdok, db):
    with pytest.raises(GeocodeError, match="Er is geen adres gevonden"):
        geocode("Nergensstraat 999 Nergenshuizen")


def test_an_empty_query_is_refused_without_calling_pdok(pdok):
    with pytest.raises(GeocodeError):
        geocode("   ")
    assert pdok.requests == []


def test_service_down_gives_a_clear_message(pdok, db):
    pdok.mode = "down"
    with pytest.raises(GeocodeError, match="PDOK.*niet bereikbaar"):
        geocode("Hoofdweg 495A Amsterdam")
    assert len(pdok.requests) == 1  # no retry storm


def test_a_slow_service_times_out(pdok, db):
    pdok.mode = "slow"
    with pytest.raises(GeocodeError, match="niet bereikbaar"):
        geocode("Hoofdweg 495A Amsterdam")


def test_postcode_falls_back_to_known_places_when_pdok_is_down(pdok, amsterdam):
    PlaceFactory(postcode="1011AB", location=web_point(4.890, 52.370))
    PlaceFactory(postcode="1011AB", location=web_point(4.900, 52.370))
    pdok.mode = "down"
    location = geocode("1011 ab")
    assert location.source == "postcode"
    assert location.point.x == pytest.approx(4.895, abs=1e-4)
    assert location.point.y == pytest.approx(52.370, abs=1e-4)


def test_postcode_digits_fall_back_when_the_letters_are_unknown(pdok, amsterdam):
    PlaceFactory(postcode="1011AB", location=web_point(4.890, 52.370))
    pdok.mode = "down"
    assert geocode("1011ZZ").point.x == pytest.approx(4.890, abs=1e-4)


def test_failures_are_not_cached(pdok, db):
    pdok.mode = "down"
    with pytest.raises(GeocodeError):
        geocode("Hoofdweg 495A Amsterdam")
    pdok.mode = "ok"
    assert geocode("Hoofdweg 495A Amsterdam").source == "pdok"
    cache.clear()
