"""A demo cost or figures row that a person edits in the place form is theirs from then on:
it is no longer marked as example data, and removing the demo leaves it alone. Rows saved
unchanged stay marked; a deleted row's mark goes with it."""

import datetime

import pytest
from django.urls import reverse

from places import demo
from places.models import Place
from tests.accounts.test_audit_events import browser_post_data
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)  # demo rows for 2023, 2024 and 2025
COSTS = ["year", "rent", "operating_costs", "volunteer_fees", "subsidy", "other_income"]
FIGURES = [
    "year",
    "visitors_per_week",
    "volunteers",
    "activities",
    "target_visitors_per_week",
    "target_activities",
]


def rows_as_posted(prefix, rows, fields, changes=None, delete=()):
    """The formset's POST data for these saved rows, with some values changed."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows))}
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-id"] = str(row.pk)
        for name in fields:
            value = (changes or {}).get((row.year, name), getattr(row, name))
            data[f"{prefix}-{index}-{name}"] = "" if value is None else str(value)
        if row.year in delete:
            data[f"{prefix}-{index}-DELETE"] = "on"
    return data


@pytest.fixture
def kamer(places):
    demo.generate(Place.objects.select_related("place_type", "buurt"), 7, TODAY)
    kamer = Place.objects.get(pk=places["kamer"].pk)
    marks = {"yearly_costs:2023", "yearly_costs:2024", "yearly_costs:2025", "year_figures:2025"}
    assert marks <= set(kamer.demo_fields)
    return kamer


def test_an_edited_demo_cost_row_is_real_and_stays_when_the_demo_goes(client, kamer, people):
    log_in(client, people["owner"])
    costs = list(kamer.yearly_costs.order_by("year"))
    figures = list(kamer.year_figures.order_by("year"))
    data = form_data(
        kamer,
        **rows_as_posted("costs", costs, COSTS, {(2025, "rent"): "1234.00"}, delete={2023}),
        **rows_as_posted("figures", figures, FIGURES, {(2024, "visitors_per_week"): "77"}),
    )
    assert client.post(reverse("places:edit", args=[kamer.slug]), data).status_code == 302
    kamer.refresh_from_db()
    marks = set(kamer.demo_fields)
    assert {"yearly_costs:2025", "yearly_costs:2023", "year_figures:2024"}.isdisjoint(marks)
    assert {"yearly_costs:2024", "year_figures:2023", "year_figures:2025"} <= marks
    assert "management_form" in marks  # the fields nobody touched are still examples

    demo.remove(Place.objects.filter(pk=kamer.pk))
    assert list(kamer.yearly_costs.values_list("year", "rent")) == [(2025, 1234)]
    assert list(kamer.year_figures.values_list("year", "visitors_per_week")) == [(2024, 77)]


def test_a_demo_row_moved_to_another_year_is_real(client, kamer, people):
    log_in(client, people["owner"])
    costs = list(kamer.yearly_costs.order_by("year"))
    data = form_data(kamer, **rows_as_posted("costs", costs, COSTS, {(2023, "year"): "2022"}))
    assert client.post(reverse("places:edit", args=[kamer.slug]), data).status_code == 302
    kamer.refresh_from_db()
    assert "yearly_costs:2023" not in kamer.demo_fields
    assert "yearly_costs:2022" not in kamer.demo_fields
    demo.remove(Place.objects.filter(pk=kamer.pk))
    assert list(kamer.yearly_costs.values_list("year", flat=True)) == [2022]


def test_demo_rows_saved_unchanged_stay_demo(client, kamer, people):
    log_in(client, people["owner"])
    costs = list(kamer.yearly_costs.order_by("year"))
    data = form_data(kamer, **rows_as_posted("costs", costs, COSTS))
    assert client.post(reverse("places:edit", args=[kamer.slug]), data).status_code == 302
    kamer.refresh_from_db()
    rows = [mark for mark in kamer.demo_fields if mark.startswith(("yearly_costs", "year_fig"))]
    assert len(rows) == 6


def test_demo_subsidy_is_a_share_of_the_demo_costs(kamer):
    rows = list(kamer.yearly_costs.all())
    assert rows and all(row.subsidy <= row.total_costs for row in rows)
    shares = {round(float(row.subsidy / row.total_costs), 2) for row in rows if row.total_costs}
    assert shares <= {0, 0.4, 0.6, 0.8, 1}


def test_a_demo_cost_row_edited_in_the_admin_is_real_and_stays(admin_client, kamer):
    url = reverse("admin:places_place_change", args=[kamer.pk])
    data = browser_post_data(admin_client.get(url).content.decode())
    (year_field,) = [k for k, v in data.items() if k.endswith("-year") and v == ["2025"]]
    data[year_field.replace("-year", "-rent")] = ["4321.00"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    kamer.refresh_from_db()
    assert "yearly_costs:2025" not in kamer.demo_fields
    assert {"yearly_costs:2023", "yearly_costs:2024", "management_form"} <= set(kamer.demo_fields)
    demo.remove(Place.objects.filter(pk=kamer.pk))
    assert list(kamer.yearly_costs.values_list("year", "rent")) == [(2025, 4321)]


def test_a_demo_place_saved_unchanged_in_the_admin_stays_demo(admin_client, kamer):
    url = reverse("admin:places_place_change", args=[kamer.pk])
    marks = set(kamer.demo_fields)
    data = browser_post_data(admin_client.get(url).content.decode())
    assert admin_client.post(url, data).status_code == 302
    kamer.refresh_from_db()
    assert set(kamer.demo_fields) == marks
