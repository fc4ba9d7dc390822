"""The register on a date (issue 19, part 4): Place.objects.on(day) against a small network
whose state on each date is written out by hand, before, on and between its events."""

import datetime

import pytest

from places.models import Place, PlaceEvent, PlaceType
from tests.helpers.factories import PlaceFactory

pytestmark = pytest.mark.django_db
K = PlaceEvent.Kind


def add(place, kind, day, precision="day", old="", new=""):
    PlaceEvent.objects.create(
        place=place,
        kind=kind,
        happened_on=datetime.date.fromisoformat(day),
        precision=precision,
        old_value=str(old),
        new_value=str(new),
    )


@pytest.fixture
def network(vocabularies):
    types = {t.slug: t for t in PlaceType.objects.all()}
    a = PlaceFactory(name="A", place_type=types["buurthuis"], management_form="sociaal_beheer")
    add(a, K.OPENED, "2015-06-01")
    add(a, K.PLACE_TYPE, "2019-07-01", "year", types["buurthuis"].pk, types["huis-van-de-wijk"].pk)
    add(a, K.MANAGEMENT_FORM, "2021-03-15", "month", "sociaal_beheer", "zelfbeheer")
    b = PlaceFactory(name="B", management_form="gemeentelijk")  # opening date unknown
    add(b, K.CLOSED, "2020-05-04")
    c = PlaceFactory(name="C", management_form="particulier_initiatief")
    add(c, K.OPENED, "2022-01-01", "year")
    d = PlaceFactory(name="D", management_form="zelfbeheer")
    add(d, K.TEMPORARILY_CLOSED, "2018-02-01")
    add(d, K.REOPENED, "2018-09-01")
    PlaceFactory(name="E", status="closed")  # closed, nobody knows since when
    f = PlaceFactory(name="F", is_published=False)  # as a merge leaves it
    Place.objects.filter(pk=f.pk).update(merged_into=a)
    return types


def state(day):
    rows = Place.objects.on(datetime.date.fromisoformat(day)).values_list(
        "name", "status_then", "management_form_then", "place_type_then"
    )
    slugs = dict(PlaceType.objects.values_list("pk", "slug"))
    return {name: (status, form, slugs[kind]) for name, status, form, kind in rows}


BEFORE_ALL = {
    "B": ("active", "gemeentelijk", "buurtkamer"),
    "D": ("active", "zelfbeheer", "buurtkamer"),
}


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2014-01-01", BEFORE_ALL),
        ("2015-06-01", {**BEFORE_ALL, "A": ("active", "sociaal_beheer", "buurthuis")}),
        (
            "2018-06-01",
            {
                "A": ("active", "sociaal_beheer", "buurthuis"),
                "B": ("active", "gemeentelijk", "buurtkamer"),
                "D": ("temporarily_closed", "zelfbeheer", "buurtkamer"),
            },
        ),
        (
            "2019-01-01",
            {
                "A": ("active", "sociaal_beheer", "huis-van-de-wijk"),  # 2019, the year only
                "B": ("active", "gemeentelijk", "buurtkamer"),
                "D": ("active", "zelfbeheer", "buurtkamer"),
            },
        ),
        (
            "2020-05-04",  # B closed that day
            {
                "A": ("active", "sociaal_beheer", "huis-van-de-wijk"),
                "D": ("active", "zelfbeheer", "buurtkamer"),
            },
        ),
        (
            "2021-03-01",  # taken over in March 2021: known to the month
            {
                "A": ("active", "zelfbeheer", "huis-van-de-wijk"),
                "D": ("active", "zelfbeheer", "buurtkamer"),
            },
        ),
        (
            "2030-01-01",
            {
                "A": ("active", "zelfbeheer", "huis-van-de-wijk"),
                "C": ("active", "particulier_initiatief", "buurtkamer"),
                "D": ("active", "zelfbeheer", "buurtkamer"),
            },
        ),
    ],
)
def test_the_network_on_a_date(network, day, expected):
    assert state(day) == expected


def test_after_the_last_event_it_is_the_present(network):
    present = {
        p.name: (p.status, p.management_form, p.place_type.slug)
        for p in Place.objects.filter(merged_into=None).exclude(status="closed")
    }
    assert state(datetime.date.today().isoformat()) == present


def map_on(client, *query):
    from django.urls import reverse

    data = client.get(reverse("places:map-data"), dict(query)).json()
    return {f["properties"]["name"]: f["properties"]["type"] for f in data["features"]}


def test_the_home_map_on_a_date(client, network):
    assert map_on(client, ("op", "2018-06-01")) == {"A": "buurthuis", "B": "buurtkamer"}
    assert map_on(client, ("op", "2019-06-01")) == {
        "A": "huis-van-de-wijk",
        "B": "buurtkamer",
        "D": "buurtkamer",
    }
    assert map_on(client) == {"A": "huis-van-de-wijk", "C": "buurtkamer", "D": "buurtkamer"}


def test_the_map_on_a_date_chooses_by_the_values_then(client, network):
    assert map_on(client, ("op", "2020-01-01"), ("beheer", "sociaal_beheer")) == {
        "A": "huis-van-de-wijk"
    }
    assert map_on(client, ("op", "2022-01-01"), ("beheer", "sociaal_beheer")) == {}
    assert map_on(client, ("op", "2018-06-01"), ("type", "buurthuis")) == {"A": "buurthuis"}


def test_a_date_that_is_none_shows_today(client, network):
    assert map_on(client, ("op", "2019-02-30")) == map_on(client)
