"""The states on a date (issue 19, part 7): validity intervals per place, kept up to date when
events and places change, give the same answer as the events themselves
(Place.objects._on_by_events, the subquery per place and attribute) on every date."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from places.models import Place, PlaceEvent, PlaceState, PlaceType, state_updates
from places.models import states as place_states
from tests.core.test_events_property import run as run_step
from tests.core.test_events_property import steps as event_steps
from tests.helpers.factories import PlaceFactory

pytestmark = pytest.mark.django_db
K = PlaceEvent.Kind
D = datetime.date
days = st.dates(D(2010, 1, 1), D(2026, 12, 31))


def answer(rows):
    return sorted(
        rows.values_list("name", "status_then", "management_form_then", "place_type_then")
    )


def agree(day):
    """The states table's answer and the events' answer on this day."""
    return answer(Place.objects.on(day)), answer(Place.objects.all()._on_by_events(day))


def rows_of(place):
    state_updates.pending()  # as Place.objects.on() does: the test's transaction never commits
    return list(
        PlaceState.objects.filter(place=place)
        .order_by(F("valid_from").asc(nulls_first=True))
        .values_list("valid_from", "valid_to", "status", "management_form", "place_type")
    )


@pytest.fixture
def types(vocabularies):
    return {t.slug: t for t in PlaceType.objects.all()}


def add(place, kind, day, old="", new="", precision="day"):
    PlaceEvent.objects.create(
        place=place, kind=kind, happened_on=day, old_value=old, new_value=new, precision=precision
    )


def test_the_intervals_of_a_small_network_written_out_by_hand(types):
    huis, kamer = types["huis-van-de-wijk"], types["buurthuis"]
    a = PlaceFactory(name="A", place_type=kamer, management_form="sociaal_beheer")
    add(a, K.OPENED, D(2015, 6, 1))
    add(a, K.PLACE_TYPE, D(2019, 7, 1), str(kamer.pk), str(huis.pk), "year")
    add(a, K.MANAGEMENT_FORM, D(2021, 3, 15), "sociaal_beheer", "zelfbeheer", "month")
    b = PlaceFactory(name="B", management_form="gemeentelijk")  # opening date unknown
    add(b, K.CLOSED, D(2020, 5, 4))
    c = PlaceFactory(name="C")  # nothing happened to it
    # A: nothing before its opening; its type known from 2019 (the year only), the takeover
    # from March 2021 (the month only); None says "as the place is now".
    assert rows_of(a) == [
        (D(2015, 6, 1), D(2019, 1, 1), None, "sociaal_beheer", kamer.pk),
        (D(2019, 1, 1), D(2021, 3, 1), None, "sociaal_beheer", huis.pk),
        (D(2021, 3, 1), None, None, "zelfbeheer", huis.pk),
    ]
    assert rows_of(b) == [
        (None, D(2020, 5, 4), "active", None, None),  # the event's old value: active
        (D(2020, 5, 4), None, "closed", None, None),
    ]
    assert rows_of(c) == [(None, None, None, None, None)]
    for day in ("2014-12-31", "2015-06-01", "2019-01-01", "2020-05-03", "2020-05-04", "2030-01-01"):
        mine, oracle = agree(D.fromisoformat(day))
        assert mine == oracle, day
    assert [name for name, *_rest in answer(Place.objects.on(D(2014, 1, 1)))] == ["B", "C"]
    assert answer(Place.objects.on(D(2022, 1, 1))) == [
        ("A", "active", "zelfbeheer", huis.pk),
        ("C", "active", c.management_form, c.place_type_id),
    ]


def test_deleting_the_newest_event_and_moving_the_opening_date_follow(types):
    place = PlaceFactory(name="A", management_form="sociaal_beheer")
    add(place, K.MANAGEMENT_FORM, D(2020, 1, 1), "sociaal_beheer", "zelfbeheer")
    place.events.get(kind=K.MANAGEMENT_FORM).delete()
    assert rows_of(place) == [(None, None, None, None, None)]
    place.refresh_from_db()
    place.opened_on = D(2018, 2, 3)
    place.save()
    assert rows_of(place) == [(D(2018, 2, 3), None, None, None, None)]
    assert answer(Place.objects.on(D(2018, 2, 2))) == []
    place.delete()
    assert not PlaceState.objects.exists()


def test_the_check_finds_rows_gone_wrong_and_the_rebuild_puts_them_right(types, capsys):
    place = PlaceFactory(name="A")
    add(place, K.CLOSED, D(2020, 5, 4))
    call_command("rebuild_place_states", "--check")
    PlaceState.objects.filter(place=place).update(status="temporarily_closed")  # raw changes
    with pytest.raises(CommandError, match="1"):
        call_command("rebuild_place_states", "--check")
    call_command("rebuild_place_states")
    call_command("rebuild_place_states", "--check")
    assert capsys.readouterr().out.strip()  # up to date, in the active language
    assert rows_of(place)[0][2] == "active"


def test_events_written_in_bulk_count_once_their_place_is_saved(types):
    place = PlaceFactory(name="A", management_form="zelfbeheer")
    state_updates.pending()
    PlaceEvent.objects.bulk_create(  # as the demo's histories are written: no signals
        [
            PlaceEvent(
                place=place,
                kind=K.MANAGEMENT_FORM,
                happened_on=D(2019, 1, 1),
                old_value="sociaal_beheer",
                new_value="zelfbeheer",
            )
        ]
    )
    state_updates.pending()
    assert place_states.disagreeing() == [place.pk]
    place.save()
    state_updates.pending()
    assert place_states.disagreeing() == []
    assert agree(D(2018, 6, 1))[0] == [("A", "active", "sociaal_beheer", place.place_type_id)]


steps = st.one_of(
    event_steps,
    st.tuples(st.just("opened_on"), st.one_of(st.none(), days)),
    st.tuples(st.just("type"), st.sampled_from(["buurthuis", "huis-van-de-wijk"]), days),
)


def run(place, step, editor):
    if step[0] == "opened_on":
        place.opened_on = step[1]
        place.save()
    elif step[0] == "type":
        place.place_type = PlaceType.objects.get(slug=step[1])
        place._event_dates = {"place_type_id": step[2]}
        place.save()
    else:
        run_step(place, step, editor)


def probe_days(places):
    """Before, on, between and after every event and opening date."""
    dates = set(PlaceEvent.objects.values_list("happened_on", flat=True))
    dates |= {p.opened_on for p in places if p.opened_on}
    around = {d + datetime.timedelta(days=shift) for d in dates for shift in (-1, 0, 1)}
    return sorted(around | {D(2000, 1, 1), D(2040, 1, 1)})


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.integers(0, 1), steps), max_size=8))
def test_the_states_table_says_what_the_events_say_on_every_date(places, people, sequence):
    pair = [PlaceFactory(management_form="sociaal_beheer"), PlaceFactory(name="Tweede")]
    for which, step in sequence:
        place = Place.objects.get(pk=pair[which].pk)
        run(place, step, people["redactie"])
    for day in probe_days(pair):
        mine, oracle = agree(day)
        assert mine == oracle, day
    state_updates.pending()
    assert place_states.disagreeing() == []
