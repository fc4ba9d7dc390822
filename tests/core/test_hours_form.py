from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from places.hours import parse as parse_hours
from places.hours_form import OpeningHoursFormField, OpeningHoursWidget, build, parse

WEEKDAYS = [[("10:00", "16:00")]] * 5 + [[], []]


def test_build_groups_equal_days():
    assert build(WEEKDAYS, holidays_closed=True) == "Mo-Fr 10:00-16:00; PH off"


def test_build_two_ranges_and_a_separate_saturday():
    days = [[("09:00", "12:00"), ("13:00", "17:00")], [], [], [], [], [("10:00", "12:00")], []]
    assert build(days) == "Mo 09:00-12:00,13:00-17:00; Sa 10:00-12:00"


def test_build_two_adjacent_days_and_a_gap():
    days = [[("10:00", "12:00")]] * 2 + [[]] + [[("10:00", "12:00")]] + [[]] * 3
    assert build(days) == "Mo,Tu,Th 10:00-12:00"


def test_build_by_appointment_and_a_remark():
    text = build(WEEKDAYS, appointment=True, comment="inloop")
    assert text == 'Mo-Fr 10:00-16:00 unknown "op afspraak, inloop"'
    parse_hours(text)  # valid for the library


def test_only_by_appointment_without_times():
    assert build([[]] * 7, appointment=True) == 'unknown "op afspraak"'


def test_a_remark_cannot_break_the_syntax():
    text = build(WEEKDAYS, comment='inloop"; 24/7 "')
    parse_hours(text)
    assert text.count('"') == 2


@pytest.mark.parametrize(
    "text",
    [
        "Mo-Fr 10:00-16:00; PH off",
        'Mo,We 09:00-12:00,13:00-17:00 open "inloop"; Sa 10:00-12:00 open "inloop"',
        'Mo-Su 10:00-16:00 unknown "op afspraak"',
    ],
)
def test_parse_reads_back_what_build_wrote(text):
    assert build(*parse(text)) == text


def test_parse_gives_up_on_text_the_grid_cannot_show():
    assert parse("Mo-Fr 10:00-16:00; Jan off") is None
    assert parse("sunrise-sunset") is None


def form_data(values=None):
    widget = OpeningHoursWidget()
    data = {f"hours_{i}": "" for i in range(len(widget.widgets))}
    data.update({f"hours_{i}": v for i, v in (values or {}).items()})
    return widget.value_from_datadict(data, {}, "hours")


def test_the_field_turns_a_grid_into_text():
    field = OpeningHoursFormField(required=False)
    # Monday 10:00-16:00, Wednesday 10:00-16:00, closed on public holidays.
    value = form_data({0: "10:00", 1: "16:00", 8: "10:00", 9: "16:00", 29: "on"})
    assert field.clean(value) == "Mo,We 10:00-16:00; PH off"


def test_midnight_closing_becomes_24_00():
    field = OpeningHoursFormField(required=False)
    assert field.clean(form_data({16: "20:00", 17: "00:00"})) == "Fr 20:00-24:00"


def test_half_a_range_is_refused_in_dutch():
    field = OpeningHoursFormField(required=False)
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        field.clean(form_data({0: "10:00"}))
    assert "maandag" in str(error.value).lower()


def test_advanced_text_wins_and_is_validated():
    field = OpeningHoursFormField(required=False)
    assert field.clean(form_data({0: "10:00", 1: "12:00", 31: "Mo-Sa 08:00-20:00"})) == (
        "Mo-Sa 08:00-20:00"
    )
    with pytest.raises(ValidationError):
        field.clean(form_data({31: "elke dag"}))


def test_decompress_fills_the_grid_or_keeps_the_text():
    widget = OpeningHoursWidget()
    values = widget.decompress("Mo-Fr 10:00-16:00; PH off")
    assert values[0:2] == ["10:00", "16:00"] and values[29] is True and values[31] == ""
    assert widget.decompress("Jan-Mar Mo 10:00-12:00")[31] == "Jan-Mar Mo 10:00-12:00"


def test_empty_grid_means_no_hours():
    assert OpeningHoursFormField(required=False).clean(form_data()) == ""


def test_time_objects_are_accepted():
    field = OpeningHoursFormField(required=False)
    values = [None] * 32
    values[0], values[1] = time(10), time(12)
    assert field.compress(values[:28] + [False, False, "", ""]) == "Mo 10:00-12:00"
