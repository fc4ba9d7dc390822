from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from places.models import Area, Place, YearlyCosts
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db


def test_buurt_is_assigned_from_the_location(amsterdam):
    place = PlaceFactory(location=web_point(4.889, 52.371))
    assert place.buurt == amsterdam["west"]
    assert place.wijk == amsterdam["wijk"]


def test_buurt_follows_when_the_pin_moves(amsterdam):
    place = PlaceFactory(location=web_point(4.889, 52.371))
    place.location = web_point(4.901, 52.371)
    place.save()
    assert Place.objects.get(pk=place.pk).buurt == amsterdam["east"]


def test_place_outside_every_buurt_has_none(amsterdam):
    assert PlaceFactory(location=web_point(5.5, 52.0)).buurt is None


def test_location_is_stored_in_the_storage_srid(settings, amsterdam):
    place = PlaceFactory(location=web_point(4.889, 52.371))
    stored = Place.objects.get(pk=place.pk).location
    assert stored.srid == settings.STORAGE_SRID == 28992
    assert 100_000 < stored.x < 140_000 and 470_000 < stored.y < 500_000


def test_slugs_stay_unique_for_equal_names(amsterdam):
    first, second = PlaceFactory(name="De Kamer"), PlaceFactory(name="De Kamer")
    assert (first.slug, second.slug) == ("de-kamer", "de-kamer-2")


def test_location_outside_the_netherlands_is_refused(amsterdam):
    place = PlaceFactory.build(location=web_point(52.37, 4.90))  # lat/lng swapped
    with pytest.raises(ValidationError) as error:
        place.full_clean(exclude=["slug", "place_type"])
    assert "outside_netherlands" in str(error.value.error_dict["location"][0].code)


def test_invalid_opening_hours_are_refused(amsterdam):
    place = PlaceFactory.build(opening_hours="9-17")
    with pytest.raises(ValidationError) as error:
        place.full_clean(exclude=["slug"])
    assert "opening_hours" in error.value.error_dict


def test_valid_opening_hours_pass(amsterdam):
    place = PlaceFactory.build(opening_hours="Mo-Fr 10:00-16:00; Sa 10:00-12:00; PH off")
    place.full_clean(exclude=["slug"])


def test_negative_yearly_costs_are_refused_by_the_form_rules(amsterdam):
    costs = YearlyCosts(place=PlaceFactory(), year=2025, rent=Decimal("-1"))
    with pytest.raises(ValidationError) as error:
        costs.full_clean()
    assert "rent" in error.value.error_dict


def test_negative_yearly_costs_are_refused_by_the_database(amsterdam):
    place = PlaceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyCosts.objects.create(place=place, year=2025, subsidy=Decimal("-5"))


def test_one_costs_row_per_place_and_year(amsterdam):
    place = PlaceFactory()
    YearlyCosts.objects.create(place=place, year=2025, rent=Decimal("1200"))
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyCosts.objects.create(place=place, year=2025)


def test_total_costs_add_up(amsterdam):
    costs = YearlyCosts(rent=Decimal(100), operating_costs=Decimal(20), volunteer_fees=Decimal(3))
    assert costs.total_costs == Decimal(123)


def test_published_hides_concepts(places):
    assert places["concept"] not in Place.objects.published()
    assert places["kamer"] in Place.objects.published()


def test_staff_see_concepts(places, admin_user, django_user_model):
    visitor = django_user_model(username="visitor")
    assert places["concept"] in Place.objects.visible_to(admin_user)
    assert places["concept"] not in Place.objects.visible_to(visitor)


def test_in_area_takes_buurt_wijk_and_gemeente(places, amsterdam):
    in_west = set(Place.objects.in_area(amsterdam["west"]))
    in_wijk = set(Place.objects.in_area(amsterdam["wijk"]))
    assert in_west == {places["huis"]}
    assert in_wijk == set(places.values())
    assert set(Place.objects.in_area(amsterdam["gemeente"])) == in_wijk


def test_search_matches_every_word(places):
    assert list(Place.objects.search("anker buurtkamer")) == [places["kamer"]]
    assert not Place.objects.search("anker boeg").exists()


def test_nearest_is_ordered_by_true_distance_in_metres(places):
    origin = web_point(4.9000, 52.3700)
    nearest = list(Place.objects.nearest(origin, 3))
    assert [p.name for p in nearest] == [
        "Buurtkamer Het Anker",
        "Nieuwe Huiskamer",
        "Oude Buurtkamer",
    ]
    # 0.0005° east and 0.0002° north of the origin at 52.37°N: about 40 m.
    assert 30 < nearest[0].distance.m < 50


def test_nearby_leaves_out_the_place_itself_and_concepts(places):
    nearby = list(places["kamer"].nearby())
    assert places["kamer"] not in nearby and places["concept"] not in nearby
    assert nearby[0] == places["closed"] or nearby[0] == places["huis"]


def test_area_ancestors_run_from_gemeente_down(amsterdam):
    assert amsterdam["west"].ancestors == [amsterdam["gemeente"], amsterdam["wijk"]]


def test_buurt_at_finds_the_containing_buurt(amsterdam):
    assert Area.objects.buurt_at(web_point(4.901, 52.369)) == amsterdam["east"]
