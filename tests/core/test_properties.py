"""Property-based tests of every form: any input validates without an exception, and what is
refused (a pin outside the Netherlands, a negative amount, unreadable opening hours, text
that is too long) is refused with a Dutch message. Pages and importers: test_properties_*.
"""

import json
from decimal import Decimal, InvalidOperation

import pytest
from django.core.exceptions import BadRequest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from places import editing, hours, merging
from places.accounts.invitations import SetPasswordForm
from places.accounts.privacy import EraseForm
from places.admin import PlaceAdminForm
from places.filters import SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS, PlaceFilter
from places.models import Place
from places.policy.views import DashboardForm
from places.views.merging import ChoiceForm
from places.views.moderation import InviteForm
from places.views.nearby import NearbyForm
from places.views.people import ClaimForm, ContactMomentForm
from places.views.reports import ReportForm
from surveys.filters import ResultFilter
from surveys.forms import AnswerForm
from tests.helpers.editing import form_data
from tests.helpers.strategies import (
    FAST,
    anywhere,
    assert_dutch,
    errors_in_dutch,
    is_outside,
    oversized,
    text,
    value,
    values,
)

pytestmark = pytest.mark.django_db


def validated(form):
    with translation.override("nl"):
        valid = form.is_valid()
    return valid, errors_in_dutch(form)


def as_decimal(raw):
    try:
        return Decimal(raw.strip())
    except InvalidOperation:
        return None


def negative(raw):
    number = as_decimal(raw)
    return number is not None and number.is_finite() and number < 0


def hours_readable(raw):
    try:
        hours.validate_opening_hours(raw.strip())
    except Exception:
        return False
    return True


# --- The place form, its opening-hours editor and its formsets ----------------


@FAST
@given(
    point=anywhere,
    amount=st.one_of(value, st.decimals(-1000, 1000, places=2).map(str)),
    advanced=text,
    name=text,
    editor=st.booleans(),
)
def test_place_form_refuses_bad_values_in_dutch(places, point, amount, advanced, name, editor):
    place = Place.objects.get(pk=places["kamer"].pk)  # validating changes the instance
    data = form_data(place, editor=editor, name=name, visitor_cost_amount=amount)
    data["location"] = json.dumps({"type": "Point", "coordinates": list(point)})
    data["opening_hours_31"] = advanced  # the "advanced" text field of the grid
    form = (editing.EditorPlaceForm if editor else editing.PlaceForm)(data, instance=place)
    valid, messages = validated(form)
    if is_outside(*point):
        assert "location" in form.errors
        assert any("buiten Nederland" in m for m in form.errors["location"])
    if negative(amount):
        assert "visitor_cost_amount" in form.errors
    if advanced.strip() and not hours_readable(advanced):
        assert "opening_hours" in form.errors
    if len(name.strip()) > 200 or not name.strip() or "\x00" in name:
        assert "name" in form.errors
    assert valid == (not messages)


@FAST
@given(location=value)
def test_any_location_text_is_refused_or_a_point(places, location):
    form = editing.PlaceForm(form_data(places["kamer"], location=location))
    validated(form)
    assert "location" in form.errors or form.cleaned_data["location"].geom_type == "Point"


COST_FIELDS = ["year", "rent", "operating_costs", "volunteer_fees", "subsidy", "other_income"]


@FAST
@given(row=st.fixed_dictionaries({name: value for name in COST_FIELDS}))
def test_negative_or_absurd_costs_are_refused_in_dutch(places, row):
    data = {"costs-TOTAL_FORMS": "1", "costs-INITIAL_FORMS": "0"}
    data.update({f"costs-0-{name}": raw for name, raw in row.items()})
    formset = editing.CostsFormSet(data, instance=places["kamer"], prefix="costs")
    with translation.override("nl"):
        formset.is_valid()
    form = formset.forms[0]
    errors_in_dutch(form)
    for name in COST_FIELDS[1:]:
        if negative(row[name]):
            assert name in form.errors


# Up to 2,000 forms is what Django allows; a few keep the test fast.
counts = st.one_of(text, st.integers(-3, 3).map(str))


@FAST
@given(
    data=st.fixed_dictionaries(
        {}, optional={"TOTAL_FORMS": counts, "INITIAL_FORMS": counts, "0-year": value}
    )
)
def test_tampered_formset_management_data_is_an_error_not_a_crash(places, data):
    data = {f"figures-{key}": raw for key, raw in data.items()}
    formset = editing.FiguresFormSet(data, instance=places["kamer"], prefix="figures")
    with translation.override("nl"):
        formset.is_valid()
        assert_dutch(formset.non_form_errors())


@FAST
@given(advanced=text, seen_version=value)
def test_admin_place_form_validates_any_hours_and_version(places, advanced, seen_version):
    data = {"opening_hours_31": advanced, "seen_version": seen_version}
    form = PlaceAdminForm(data, instance=places["kamer"])
    validated(form)
    if advanced.strip() and not hours_readable(advanced):
        assert "opening_hours" in form.errors


# --- Search and filter forms ---------------------------------------------------


@FAST
@given(point=anywhere, adres=text, straal=value)
def test_nearby_form_refuses_points_outside_the_netherlands_in_dutch(point, adres, straal):
    lng, lat = point
    form = NearbyForm({"lat": str(lat), "lng": str(lng), "adres": adres, "straal": straal})
    validated(form)
    if is_outside(lng, lat):
        assert any("buiten Nederland" in m for m in form.non_field_errors())


FILTER_NAMES = list(PlaceFilter.base_filters)


@FAST
@given(data=st.dictionaries(st.sampled_from(FILTER_NAMES), values))
def test_place_filter_takes_any_query(places, data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, items in data.items():
        query.setlist(name, items)
    search = query.get("q") or ""
    if len(search) > SEARCH_MAX_LENGTH or len(search.split()) > SEARCH_MAX_WORDS:
        with pytest.raises(BadRequest, match="De zoektekst is te lang"):
            PlaceFilter(query, queryset=Place.objects.all())
        return
    place_filter = PlaceFilter(query, queryset=Place.objects.all())
    list(place_filter.qs)
    errors_in_dutch(place_filter.form)
    str(place_filter.form)  # the form renders its choices from the database


@FAST
@given(data=st.dictionaries(st.sampled_from(list(ResultFilter.base_filters)), value))
def test_result_filter_takes_any_query(places, data):
    result_filter = ResultFilter(data, queryset=Place.objects.all())
    list(result_filter.qs)
    errors_in_dutch(result_filter.form)


@FAST
@given(data=st.dictionaries(st.sampled_from(["niveau", "maat", "afstand", "sort"]), value))
def test_dashboard_form_gives_usable_settings_for_any_query(data):
    options = DashboardForm(data).settings()
    assert options["level"] in {"wijk", "buurt"}
    assert 100 <= options["metres"] <= 5000


# --- Small forms ---------------------------------------------------------------

SMALL_FORMS = {
    "claim": (ClaimForm, ["message"]),
    "contact": (ContactMomentForm, ["date", "kind", "note"]),
    "report": (ReportForm, ["message", "email", "website"]),
    "invite": (InviteForm, ["email"]),
    "password": (SetPasswordForm, ["name", "password1", "password2"]),
    "erase": (EraseForm, ["password"]),
}


@pytest.mark.parametrize("name", sorted(SMALL_FORMS))
def test_small_forms_take_any_input(name, places):
    form_class, fields = SMALL_FORMS[name]

    @FAST
    @given(data=st.fixed_dictionaries({field: value for field in fields}))
    def check(data):
        validated(form_class(data))

    check()


@FAST
@given(message=oversized)
def test_oversized_text_is_refused_in_dutch(message):
    for form in (ClaimForm({"message": message}), ReportForm({"message": message})):
        valid, messages = validated(form)
        if len(message.strip()) > 2000:
            assert not valid and messages


@FAST
@given(choice=value)
def test_the_merge_choices_take_any_input(places, choice):
    rows = merging.differences(places["concept"], places["kamer"])
    valid, _messages = validated(ChoiceForm({name: choice for name, *_rest in rows}, rows=rows))
    assert valid == (str(choice).strip() in ("target", "duplicate"))


KINDS = ["text", "scale", "multiple", "number", "yesno"]


@FAST
@given(answers=st.dictionaries(st.sampled_from(KINDS), value), final=st.booleans())
def test_survey_answer_form_refuses_bad_answers_in_dutch(survey, answers, final):
    round_, questions = survey
    field = {q.kind: f"q{q.pk}" for q in questions.values()}
    data = {field[kind]: raw for kind, raw in answers.items()}
    form = AnswerForm(data, questions=round_.questions(), final=final)
    valid, _messages = validated(form)
    if negative(answers.get("number", "")):
        assert field["number"] in form.errors
    if valid:
        json.dumps(form.answers())  # stored as JSON
