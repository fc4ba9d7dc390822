from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from places import hours
from places.hours import AMSTERDAM


def at(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def test_in_words_in_dutch():
    with translation.override("nl"):
        lines = hours.in_words('Mo-Fr 10:00-16:00; Sa 10:00-12:00 "inloop"; PH off')
    assert lines == ["ma–vr 10:00–16:00", "za 10:00–12:00 (inloop)", "feestdagen gesloten"]


def test_in_words_in_english():
    with translation.override("en"):
        assert hours.in_words("Mo,We 09:00-12:00") == ["Mon, Wed 09:00–12:00"]


def test_open_on_a_weekday_afternoon():
    state = hours.state_at("Mo-Fr 10:00-16:00; PH off", at(2026, 11, 23, 14, 0))
    assert state.is_open
    assert state.next_change == at(2026, 11, 23, 16, 0)


def test_closed_at_night_and_says_when_it_opens():
    state = hours.state_at("Mo-Fr 10:00-16:00; PH off", at(2026, 11, 23, 20, 0))
    assert not state.is_open
    assert state.next_change == at(2026, 11, 24, 10, 0)


def test_closed_on_a_dutch_public_holiday():
    # 25 December 2026 is a Friday and Eerste Kerstdag.
    assert not hours.state_at("Mo-Fr 10:00-16:00; PH off", at(2026, 12, 25, 12, 0)).is_open


def test_unreadable_hours_give_no_state():
    assert hours.state_at("9-17") is None


@pytest.mark.parametrize("text", ["9-17", "ma-vr 9-17", "Mo-Fr 25:00-26:00"])
def test_loose_text_is_refused(text):
    with pytest.raises(ValidationError):
        hours.validate_opening_hours(text)
