"""Opening hours read as the OSM specification reads them, in Dutch (issue 21, first part):
a rule with only a comment is unknown, the next change is a change of state, an open end
has no closing time, 5 May is a public holiday, SH is refused, and common mistakes get a
suggestion."""

import json
import re
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from places import hours, hours_words
from places.hours import AMSTERDAM
from places.hours_form import build
from places.models import Place
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data
from tests.helpers.paths import TEST_DATA

SATURDAY_NOON = datetime(2026, 12, 5, 12, 0, tzinfo=AMSTERDAM)
TUESDAY_EVENING = datetime(2026, 12, 8, 19, 30, tzinfo=AMSTERDAM)
CHRISTMAS = datetime(2026, 12, 25, 12, 0, tzinfo=AMSTERDAM)  # a Friday
LIBERATION_DAY = datetime(2027, 5, 5, 12, 0, tzinfo=AMSTERDAM)  # a Wednesday
GOOD_FRIDAY = datetime(2027, 3, 26, 12, 0, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    "text",
    ['"op afspraak"', 'Sa 10:00-14:00 "inloop"', 'Mo-Su 00:00-24:00 "alleen op afspraak"'],
)
def test_a_rule_with_only_a_comment_is_unknown_not_open(text):
    state = hours.state_at(text, SATURDAY_NOON)
    assert not state.is_open and state.is_unknown
    assert not hours.is_open(text, SATURDAY_NOON)


def test_open_with_a_remark_stays_open():
    state = hours.state_at('Sa 10:00-14:00 open "inloop"', SATURDAY_NOON)
    assert state.is_open and state.comment == "inloop"


def test_the_week_grid_writes_a_remark_as_open():
    saturday = [[] for _day in range(5)] + [[("10:00", "14:00")], []]
    assert build(saturday, comment="inloop") == 'Sa 10:00-14:00 open "inloop"'


def test_the_next_change_skips_a_boundary_where_only_the_comment_changes():
    state = hours.state_at('Mo-Fr 09:00-17:00; PH off "gesloten op feestdagen"', CHRISTMAS)
    assert not state.is_open
    assert state.next_change == datetime(2026, 12, 28, 9, 0, tzinfo=AMSTERDAM)  # Monday


def test_an_open_end_has_no_closing_time():
    state = hours.state_at("Mo-Fr 09:00+", TUESDAY_EVENING)
    assert state.is_open and state.closing_unknown and state.next_change is None


@pytest.mark.django_db
def test_the_place_page_says_the_closing_time_is_not_known(client, places, monkeypatch):
    Place.objects.filter(pk=places["kamer"].pk).update(opening_hours="Mo-Su 00:00+")
    monkeypatch.setattr(hours, "now", lambda: TUESDAY_EVENING)
    page = client.get(places["kamer"].get_absolute_url()).content.decode()
    assert "Nu open" in page and "sluitingstijd onbekend" in page
    assert "sluit 00:00" not in page


def test_liberation_day_is_a_public_holiday_every_year():
    assert not hours.state_at("Mo-Fr 09:00-17:00; PH off", LIBERATION_DAY).is_open
    assert hours.state_at("Mo-Fr 09:00-17:00", LIBERATION_DAY).is_open  # no PH rule


def test_good_friday_is_not_a_general_public_holiday():
    assert hours.state_at("Mo-Fr 09:00-17:00; PH off", GOOD_FRIDAY).is_open


def test_school_holidays_are_refused_in_dutch():
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        hours.validate_opening_hours("Mo-Fr 09:00-17:00; SH off")
    assert "Schoolvakanties (SH) kunnen niet worden gebruikt" in str(refused.value)


def test_sh_inside_a_comment_is_just_text():
    hours.validate_opening_hours('Mo-Fr 09:00-17:00 open "ook in de SH"')


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("Ma-Vr 9-17", "Mo-Fr 09:00-17:00"),
        ("09.00-17.00", "09:00-17:00"),
        ("Mo - Fr 09:00 - 17:00", "Mo-Fr 09:00-17:00"),
        ("Dec 25,26 off", "Dec 25,Dec 26 off"),
    ],
)
def test_common_mistakes_get_a_suggestion(typed, meant):
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        hours.validate_opening_hours(typed)
    assert f"Bedoelt u: {meant} ?" in str(refused.value)


def test_unreadable_text_without_a_likely_meaning_gets_the_example():
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        hours.validate_opening_hours("zomaar wat tekst")
    assert "Bedoelt u" not in str(refused.value)
    assert "Mo-Fr 10:00-16:00" in str(refused.value)


@pytest.mark.django_db
def test_a_time_range_without_days_is_saved_with_a_warning(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    data = form_data(kamer, opening_hours_31="Mo-Fr 09:00-12:00;13:00-17:00")
    response = client.post(reverse("places:edit", args=[kamer.slug]), data, follow=True)
    page = response.content.decode()
    assert "Let op: &#x27;13:00-17:00&#x27; heeft geen dagen" in page
    assert Place.objects.get(pk=kamer.pk).opening_hours == "Mo-Fr 09:00-12:00;13:00-17:00"


def test_the_migration_gives_grid_remarks_the_open_they_meant():
    from importlib import import_module

    migration = import_module("places.migrations.0010_hours_remark_open")
    assert (
        migration.with_open('Mo-Fr 09:00-12:00 "inloop"; Sa 10:00-12:00 "koffie"; PH off')
        == 'Mo-Fr 09:00-12:00 open "inloop"; Sa 10:00-12:00 open "koffie"; PH off'
    )
    assert migration.with_open('unknown "op afspraak"') == 'unknown "op afspraak"'


RAW_NOTATION = re.compile(
    r"\b(Mo|Tu|We|Th|Fr|Sa|Su|PH|SH|off|closed|unknown|week|easter|sunrise|sunset|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|days?)\b|\[|\]|\+|;|\|\|",
    re.IGNORECASE,
)


def test_every_value_of_the_corpus_reads_as_dutch():
    corpus = json.loads((TEST_DATA / "hours-corpus.json").read_text())
    with translation.override("nl"):
        for value in corpus["values"]:
            for line in hours_words.in_words(value):
                words = re.sub(r"\([^)]*\)", "", line)  # comments stay as typed
                assert not RAW_NOTATION.search(words), f"{value!r} -> {line!r}"


@pytest.mark.parametrize(
    "value, lines",
    [
        ("Dec 25,Dec 26 off", ["25 december, 26 december gesloten"]),
        ("Mo[1] 14:00-16:00", ["eerste maandag van de maand 14:00–16:00"]),
        ("week 01-53/2 Mo 10:00-12:00", ["oneven weken ma 10:00–12:00"]),
        ("mo-fr 09:00-17:00", ["ma–vr 09:00–17:00"]),
        ('Mo-Fr 09:00-17:00 open "koffie; thee"', ["ma–vr 09:00–17:00 (koffie; thee)"]),
        ("Mo-Fr 09:00+", ["ma–vr vanaf 09:00, sluitingstijd onbekend"]),
        ('Mo-Fr 09:00-17:00 || "op afspraak"', ["ma–vr 09:00–17:00", "anders: (op afspraak)"]),
    ],
)
def test_constructs_in_dutch_words(value, lines):
    with translation.override("nl"):
        assert hours_words.in_words(value) == lines


def test_the_open_now_filter_and_the_pages_give_one_answer_for_every_corpus_value():
    """The filter (list, map, API: Place.objects.open_at) uses hours.is_open, the place page,
    nearby page and handout hours.state_at: for every value and moment they agree."""
    corpus = json.loads((TEST_DATA / "hours-corpus.json").read_text())
    for value in corpus["values"]:
        for moment in corpus["moments"][::4]:
            at = datetime.fromisoformat(moment).replace(tzinfo=AMSTERDAM)
            state = hours.state_at(value, at)
            assert hours.is_open(value, at) == bool(state and state.is_open), (value, moment)


def test_easter_and_whit_sunday_are_sundays_not_public_holidays():
    """A place open on Sundays with 'PH off' is open on Eerste Paas- and Pinksterdag."""
    for sunday in ("2027-03-28T12:00", "2027-05-16T12:00"):
        at = datetime.fromisoformat(sunday).replace(tzinfo=AMSTERDAM)
        assert hours.state_at("Su 10:00-16:00; PH off", at).is_open
    boxing_day = datetime(2027, 12, 26, 12, 0, tzinfo=AMSTERDAM)  # a Sunday and Tweede Kerstdag
    assert not hours.state_at("Su 10:00-16:00; PH off", boxing_day).is_open


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday():
    assert hours.public_holidays(2031)[2].isoformat() == "2031-04-26"
    assert hours.public_holidays(2027)[2].isoformat() == "2027-04-27"


def test_a_fallback_holds_wherever_the_rule_does_not():
    value = 'Mo-Fr 09:00-17:00 || "op afspraak"'
    evening = hours.state_at(value, TUESDAY_EVENING)
    assert evening.is_unknown and evening.comment == "op afspraak"
    assert evening.next_change == datetime(2026, 12, 9, 9, 0, tzinfo=AMSTERDAM)
    assert hours.state_at(value, SATURDAY_NOON).is_unknown
    assert hours.state_at(value, TUESDAY_EVENING.replace(hour=10)).is_open


def test_a_fallback_after_several_rules_holds_wherever_none_of_them_applies():
    value = 'Mo-Fr 09:00-17:00; We 10:00-12:00; PH off || "op afspraak"'
    wednesday = datetime(2026, 12, 9, 11, 0, tzinfo=AMSTERDAM)
    assert hours.state_at(value, wednesday).is_open
    assert hours.state_at(value, wednesday).next_change == wednesday.replace(hour=12)
    afternoon = hours.state_at(value, wednesday.replace(hour=14))
    assert afternoon.is_unknown and afternoon.comment == "op afspraak"
    assert afternoon.next_change == datetime(2026, 12, 10, 9, 0, tzinfo=AMSTERDAM)
    evening = hours.state_at(value, TUESDAY_EVENING)
    assert evening.is_unknown and evening.next_change == wednesday.replace(hour=10)
    # 'PH off' applies on Christmas (a Friday): closed, not the fallback; unknown again on Sunday.
    christmas = hours.state_at(value, datetime(2026, 12, 25, 12, 0, tzinfo=AMSTERDAM))
    assert not christmas.is_open and not christmas.is_unknown
    assert christmas.next_change == datetime(2026, 12, 27, 0, 0, tzinfo=AMSTERDAM)


@pytest.mark.django_db
def test_the_editor_accepts_the_suggested_notation_with_one_click(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    url = reverse("places:edit", args=[kamer.slug])
    data = form_data(kamer, opening_hours_31="Ma-Vr 9-17; PH off")
    refused = client.post(url, data).content.decode()
    assert "Bedoelt u: Mo-Fr 09:00-17:00; PH off ?" in refused  # at the field
    button = re.search(
        r'<button type="submit" name="opening_hours_accept" value="([^"]*)">', refused
    )
    assert button and button[1] == "Mo-Fr 09:00-17:00; PH off"
    assert "Gebruik deze notatie en sla op" in refused
    assert Place.objects.get(pk=kamer.pk).opening_hours != "Mo-Fr 09:00-17:00; PH off"
    saved = client.post(url, {**data, "opening_hours_accept": button[1]}, follow=True)
    assert Place.objects.get(pk=kamer.pk).opening_hours == "Mo-Fr 09:00-17:00; PH off"
    assert "Bedoelt u" not in saved.content.decode()


@pytest.mark.django_db
def test_no_suggestion_is_offered_for_readable_hours(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    data = form_data(kamer, opening_hours_31="Mo-Fr 09:00-17:00", name="")  # another error
    page = client.post(reverse("places:edit", args=[kamer.slug]), data).content.decode()
    assert "opening_hours_accept" not in page
