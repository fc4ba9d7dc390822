from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from places import hours, hours_words
from places.hours import AMSTERDAM


def at(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def test_in_words_in_dutch():
    with translation.override("nl"):
        lines = hours_words.in_words('Mo-Fr 10:00-16:00; Sa 10:00-12:00 "inloop"; PH off')
    assert lines == ["ma–vr 10:00–16:00", "za 10:00–12:00 (inloop)", "feestdagen gesloten"]


def test_in_words_in_english():
    with translation.override("en"):
        assert hours_words.in_words("Mo,We 09:00-12:00") == ["Mon, Wed 09:00–12:00"]


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


def test_past_midnight_counts_for_the_next_day():
    # Friday 20:00 until Saturday 02:00.
    assert hours.state_at("Fr 20:00-02:00", at(2026, 11, 28, 1, 0)).is_open
    assert not hours.state_at("Fr 20:00-02:00", at(2026, 11, 28, 3, 0)).is_open


def test_by_appointment_is_not_open_for_walking_in():
    text = 'Mo-Fr 10:00-16:00 unknown "op afspraak"'
    state = hours.state_at(text, at(2026, 11, 23, 12, 0))
    assert not state.is_open and state.is_unknown and state.comment == "op afspraak"
    assert not hours.is_open(text, at(2026, 11, 23, 12, 0))


def test_by_appointment_in_words():
    with translation.override("nl"):
        assert hours_words.in_words('Mo-Fr 10:00-16:00 unknown "op afspraak"') == [
            "ma–vr 10:00–16:00 (op afspraak)"
        ]


def test_invalid_text_is_refused_with_a_clear_dutch_message():
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        hours.validate_opening_hours("elke dag open")
    assert "openingstijden" in error.value.messages[0].lower()
