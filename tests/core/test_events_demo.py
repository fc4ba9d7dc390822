"""The demo details include plausible, marked histories (issue 19, part 3): openings spread
over 2015–2025, closings, takeovers by residents; --remove takes exactly them away."""

import datetime
import re

import pytest
from django.core.management import call_command

from places import demo
from places.models import Place, PlaceEvent
from places.models.events import disagreements
from tests.core.test_merging import text
from tests.helpers.factories import PlaceFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)
K = PlaceEvent.Kind


@pytest.fixture
def network(vocabularies):
    PlaceFactory.create_batch(60)
    PlaceFactory.create_batch(6, status="closed")
    PlaceFactory.create_batch(3, status="temporarily_closed")
    return Place.objects.select_related("place_type", "buurt")


def test_a_network_that_moves(network):
    demo.generate(network, 7, TODAY)
    openings = PlaceEvent.objects.filter(kind=K.OPENED)
    years = {day.year for day in openings.values_list("happened_on", flat=True)}
    assert len(years) >= 7 and min(years) >= 2015 and max(years) <= 2025
    assert 35 <= openings.count() <= 65  # some opening dates stay unknown
    takeovers = PlaceEvent.objects.filter(kind=K.MANAGEMENT_FORM, new_value="zelfbeheer")
    assert takeovers.count() >= 4
    assert set(takeovers.values_list("place__management_form", flat=True)) == {"zelfbeheer"}
    assert takeovers.filter(old_value="sociaal_beheer").count() == takeovers.count()
    closings = PlaceEvent.objects.filter(kind=K.CLOSED)
    assert set(closings.values_list("place__status", flat=True)) == {"closed"}
    assert closings.count() == 6


def test_every_history_ends_where_the_place_is_and_in_order(network):
    demo.generate(network, 7, TODAY)
    for place in Place.objects.all():
        assert disagreements(place) == []
        days = list(place.events.chronological().values_list("kind", "happened_on"))
        if days and K.OPENED in dict(days):
            assert days[0][0] == K.OPENED
        assert all(day <= TODAY for _kind, day in days)
        assert place.opened_on == dict(days).get(K.OPENED)
        marked = {int(m.split(":")[1]) for m in place.demo_fields if m.startswith("event:")}
        assert marked == set(place.events.values_list("pk", flat=True))


def test_the_story_says_it_is_an_example(client, network):
    demo.generate(network, 7, TODAY)
    place = Place.objects.filter(events__kind=K.OPENED, is_published=True).first()
    page = text(client.get(place.get_absolute_url()))
    # "Geopend in 2016", "in maart 2016" or "op 4 maart 2016", by the date's precision
    # (which place comes first depends on the factories' numbering, so on the test order).
    story = page.split("Door de jaren heen", 1)[1]
    assert re.search(r"Geopend (in|op) ", story) and "(voorbeeld)" in story


def test_remove_takes_the_histories_away_and_leaves_real_events(network):
    real = network.first()
    PlaceEvent.objects.create(
        place=real, kind=K.OPENED, happened_on="2012-04-01", precision="month"
    )
    closed_on = dict(Place.objects.values_list("pk", "closed_on"))
    call_command("generate_demo_details", "--seed", "7", "--commit", verbosity=0)
    assert PlaceEvent.objects.count() > 30
    call_command("generate_demo_details", "--remove", "--commit", verbosity=0)
    assert list(PlaceEvent.objects.values_list("place", "kind")) == [(real.pk, K.OPENED)]
    assert list(Place.objects.exclude(opened_on=None).values_list("pk", flat=True)) == [real.pk]
    assert dict(Place.objects.values_list("pk", "closed_on")) == closed_on
