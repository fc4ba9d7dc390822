"""A place's own story on its page: its public events in Dutch, each dated at the precision
known (issue 19, part 2)."""

import datetime

import pytest

from places.models import Organisation, Place, PlaceEvent, PlaceType
from places.story import when
from tests.core.test_merging import text

pytestmark = pytest.mark.django_db
K = PlaceEvent.Kind


def event(precision, day):
    return PlaceEvent(happened_on=datetime.date.fromisoformat(day), precision=precision)


def test_a_date_in_words_at_its_precision():
    assert when(event("year", "2016-01-01")) == "in 2016"
    assert when(event("month", "2021-03-01")) == "in maart 2021"
    assert when(event("day", "2021-03-04")) == "op 4 maart 2021"


@pytest.fixture
def huis(places):
    """Opened in 2016 as a buurthuis, a Huis van de Wijk since 2019, taken over in 2021."""
    huis = places["huis"]
    buurthuis = PlaceType.objects.get(slug="buurthuis")
    Place.objects.filter(pk=huis.pk).update(management_form="sociaal_beheer")
    new = dict(place=huis, precision="year")
    PlaceEvent.objects.create(**new, kind=K.OPENED, happened_on=datetime.date(2016, 5, 1))
    PlaceEvent.objects.create(
        **new,
        kind=K.PLACE_TYPE,
        happened_on=datetime.date(2019, 1, 1),
        old_value=str(buurthuis.pk),
        new_value=str(huis.place_type_id),
    )
    PlaceEvent.objects.create(
        place=huis,
        kind=K.MANAGEMENT_FORM,
        happened_on=datetime.date(2021, 3, 1),
        precision="month",
        new_value="zelfbeheer",
    )
    PlaceEvent.objects.create(
        place=huis,
        kind=K.OPERATOR,
        happened_on=datetime.date(2022, 2, 2),
        new_value=str(Organisation.objects.create(name="Stichting Intern").pk),
        is_public=False,
        remark="intern: nog niet bekend",
    )
    return huis


def test_the_place_page_tells_its_story(client, huis):
    page = text(client.get(huis.get_absolute_url()))
    story = page.split("Door de jaren heen", 1)[1]
    assert story.index("Geopend in 2016 als Buurthuis") < story.index(
        "In 2019 van Buurthuis naar Huis van de Wijk"
    )
    assert "In maart 2021 overgenomen door bewoners (zelfbeheer)" in story
    assert "nieuwe beheerder" not in page and "Stichting Intern" not in story  # not public


def test_a_place_without_events_has_no_story(client, places):
    assert "Door de jaren heen" not in text(client.get(places["kamer"].get_absolute_url()))


def test_a_closing_on_a_day(client, places):
    kamer = places["kamer"]
    PlaceEvent.objects.create(place=kamer, kind=K.CLOSED, happened_on="2024-03-04")
    kamer.refresh_from_db()
    assert kamer.status == "closed"
    page = text(client.get(kamer.get_absolute_url()))
    assert "Gesloten op 4 maart 2024" in page
