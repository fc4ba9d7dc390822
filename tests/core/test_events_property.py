"""Whatever happens to a place, in whatever order (edits with dates, events added back-dated
or deleted, undo), its timeline's last state is its present state (issue 19)."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from places import editing
from places.models import EventProposal, Place, PlaceEvent
from places.models.events import KINDS_OF, as_value, disagreements
from tests.helpers.factories import PlaceFactory

pytestmark = pytest.mark.django_db
K = PlaceEvent.Kind
STATUSES = Place.Status.values
FORMS = [f for f in Place.ManagementForm.values if f != "onbekend"]
days = st.dates(datetime.date(2010, 1, 1), datetime.date(2026, 12, 31))
precisions = st.sampled_from(PlaceEvent.Precision.values)

steps = st.one_of(
    st.tuples(st.just("status"), st.sampled_from(STATUSES), days),
    # An edit may also fill in or forget the form ('onbekend').
    st.tuples(st.just("form"), st.sampled_from(Place.ManagementForm.values), days),
    st.tuples(
        st.just("add"),
        st.sampled_from([K.CLOSED, K.TEMPORARILY_CLOSED, K.REOPENED]),
        days,
        precisions,
    ),
    st.tuples(st.just("add_form"), st.sampled_from(FORMS), days, precisions),
    st.tuples(
        st.just("propose"),
        st.sampled_from([K.CLOSED, K.TEMPORARILY_CLOSED, K.REOPENED, K.MANAGEMENT_FORM]),
        days,
        precisions,
        st.sampled_from(FORMS),
    ),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("undo"), st.integers(0, 20)),
)


def run(place, step, editor):
    kind = step[0]
    if kind == "status":
        place.status, place._event_dates = step[1], {"status": step[2]}
        place.closed_on = step[2] if step[1] == "closed" else place.closed_on
        place.save()
    elif kind == "form":
        place.management_form, place._event_dates = step[1], {"management_form": step[2]}
        place.save()
    elif kind == "add":
        PlaceEvent.objects.create(place=place, kind=step[1], happened_on=step[2], precision=step[3])
    elif kind == "add_form":
        PlaceEvent.objects.create(
            place=place,
            kind=K.MANAGEMENT_FORM,
            new_value=step[1],
            happened_on=step[2],
            precision=step[3],
        )
    elif kind == "propose":  # an owner's proposal, confirmed by an editor
        value = step[4] if step[1] == K.MANAGEMENT_FORM else ""
        proposal = EventProposal.objects.create(
            place=place, kind=step[1], happened_on=step[2], precision=step[3], new_value=value
        )
        proposal.confirm(editor)
    elif kind == "delete":
        events = list(place.events.all())
        if events:
            events[step[1] % len(events)].delete()
    else:
        records = list(place.history.order_by("history_id"))
        record = records[step[1] % len(records)]
        if record.prev_record is not None:
            editing.revert_to(record.prev_record, editor, "undo")


def last_state(place):
    """The value of each attribute after the last event, folding the timeline in order."""
    state = {}
    for event in place.events.chronological():
        if event.attribute in KINDS_OF:
            state[event.attribute] = as_value(event.attribute, event.new_value)
    return state


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(steps, max_size=8))
def test_the_timeline_ends_where_the_place_is(places, people, sequence):
    place = PlaceFactory(management_form="sociaal_beheer")
    for step in sequence:
        place = Place.objects.get(pk=place.pk)
        run(place, step, people["redactie"])
        place = Place.objects.get(pk=place.pk)
        assert disagreements(place) == []
        for attribute, value in last_state(place).items():
            assert getattr(place, attribute) == value, (step, attribute)
