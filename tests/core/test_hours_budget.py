"""Stored opening hours can never make a page slow: every evaluation has a bounded horizon.

The budget is counted, not timed: the engine is wrapped so that every call and the horizon it
was built with are recorded (security review, issue 23 point 1).
"""

import opening_hours
import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from places import hours
from places.models import Place
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data

HOSTILE = "24/7; " + "; ".join(["Mo-Su off"] * 45)  # valid, 46 rules, 499 characters
ADVANCED = "opening_hours_31"  # the raw notation under 'advanced' in the week grid
REAL_ENGINE = opening_hours.OpeningHours


class CountingEngine:
    """The real engine, with every call and its horizon written down."""

    calls = []

    def __init__(self, text, **options):
        self.horizon = options.get("max_interval_days")
        self.engine = REAL_ENGINE(text, **options)

    def __getattr__(self, name):
        method = getattr(self.engine, name)

        def counted(*args, **kwargs):
            CountingEngine.calls.append((name, self.horizon))
            return method(*args, **kwargs)

        return counted


@pytest.fixture
def counted(monkeypatch):
    CountingEngine.calls = []
    monkeypatch.setattr(opening_hours, "OpeningHours", CountingEngine)
    hours.parsed.cache_clear()
    yield CountingEngine.calls
    hours.parsed.cache_clear()


def within_budget(calls, most):
    assert calls, "the hours were not evaluated at all"
    assert len(calls) <= most
    assert all(horizon is not None and horizon <= hours.LOOKAHEAD_DAYS for _n, horizon in calls)


@pytest.mark.django_db
def test_the_owner_form_refuses_hours_with_too_many_rules(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    response = client.post(
        reverse("places:edit", args=[kamer.slug]), form_data(kamer, **{ADVANCED: HOSTILE})
    )
    assert response.status_code == 400
    assert "meer dan 30 regels" in response.content.decode()
    assert Place.objects.get(pk=kamer.pk).opening_hours == kamer.opening_hours


@pytest.mark.django_db
def test_hours_already_stored_keep_the_place_page_within_budget(client, places, counted):
    kamer = places["kamer"]
    Place.objects.filter(pk=kamer.pk).update(opening_hours=HOSTILE)
    response = client.get(kamer.get_absolute_url())
    assert response.status_code == 200
    within_budget(counted, most=5)


@pytest.mark.django_db
def test_hours_already_stored_keep_the_nearby_search_within_budget(client, places, counted):
    Place.objects.update(opening_hours=HOSTILE)
    response = client.get(reverse("places:nearby"), {"lat": "52.37", "lng": "4.9"})
    assert "Buurtkamer Het Anker" in response.content.decode()
    within_budget(counted, most=5 * len(response.context["rows"]))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "24/7",
                "Mo-Su off",
                "Mo-Fr 09:00-17:00",
                "PH off",
                "2020 Jan 01-2020 Dec 31 Mo 10:00-12:00",
                "week 01-53/2 Mo 10:00-12:00",
                "Mo-Su 00:00-24:00",
                "SH off",
                "easter -2 days off",
            ]
        ),
        min_size=1,
        max_size=60,
    )
)
def test_state_at_never_looks_further_than_its_horizon(rules):
    calls = []
    CountingEngine.calls = calls
    original = opening_hours.OpeningHours
    opening_hours.OpeningHours = CountingEngine
    hours.parsed.cache_clear()
    try:
        hours.state_at("; ".join(rules))
    finally:
        opening_hours.OpeningHours = original
        hours.parsed.cache_clear()
    if calls:  # an unreadable value is not evaluated at all
        within_budget(calls, most=2)
