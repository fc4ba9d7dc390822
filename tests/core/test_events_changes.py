"""Openings, closings and takeovers per wijk and per year (issue 19, part 4), against counts
made by hand for a small network in two wijken."""

import pytest

from places.models import Place, PlaceEvent
from tests.helpers.factories import AreaFactory, PlaceFactory, web_square

pytestmark = pytest.mark.django_db
K = PlaceEvent.Kind


@pytest.fixture
def two_wijken(amsterdam):
    oost = AreaFactory(
        code="WK036302",
        name="Oost",
        kind="wijk",
        parent=amsterdam["gemeente"],
        geometry=web_square(4.93, 52.37, 0.01),
    )
    buurt = AreaFactory(
        code="BU03630201",
        name="Dapperbuurt",
        kind="buurt",
        parent=oost,
        geometry=web_square(4.93, 52.37, 0.005),
    )
    return amsterdam["wijk"], oost, buurt


def place_in(buurt, **fields):
    middle = buurt.geometry.centroid
    place = PlaceFactory(location=middle, **fields)
    assert place.buurt == buurt
    return place


def add(place, kind, day, old="", new=""):
    PlaceEvent.objects.create(place=place, kind=kind, happened_on=day, old_value=old, new_value=new)


def test_changes_per_wijk_and_year(two_wijken, amsterdam):
    centrum, oost, dapper = two_wijken
    west = amsterdam["west"]
    a = place_in(west, management_form="sociaal_beheer")
    add(a, K.OPENED, "2016-03-01")
    add(a, K.MANAGEMENT_FORM, "2021-05-01", "sociaal_beheer", "zelfbeheer")
    b = place_in(west)
    add(b, K.OPENED, "2016-09-01")
    add(b, K.CLOSED, "2021-01-10")
    c = place_in(dapper, management_form="zelfbeheer")
    add(c, K.OPENED, "2021-02-01")
    add(c, K.MANAGEMENT_FORM, "2022-01-01", "zelfbeheer", "sociaal_beheer")
    add(c, K.MANAGEMENT_FORM, "2023-01-01", "sociaal_beheer", "particulier_initiatief")
    d = place_in(dapper)
    add(d, K.TEMPORARILY_CLOSED, "2021-04-01")  # not a closing
    merged = place_in(dapper)
    add(merged, K.CLOSED, "2021-06-01")
    Place.objects.filter(pk=merged.pk).update(merged_into=c)  # a merge, not a closing

    rows = [
        (
            row["wijk"],
            row["year"],
            row["openings"],
            row["closings"],
            row["to_self"],
            row["to_social"],
        )
        for row in PlaceEvent.objects.changes_per_wijk_and_year()
    ]
    assert rows == [
        (centrum.pk, 2016, 2, 0, 0, 0),
        (centrum.pk, 2021, 0, 1, 1, 0),
        (oost.pk, 2021, 1, 0, 0, 0),
        (oost.pk, 2022, 0, 0, 0, 1),
    ]
