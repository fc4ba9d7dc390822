"""The staff exports hold the newest year's costs, and every export says which of its values
are example data (issue 16, item 5)."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from places.models import Place, YearFigures, YearlyCosts
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db
COST_HEADERS = [
    "Jaar van de kosten",
    "Huur",
    "Overige exploitatiekosten",
    "Vrijwilligersvergoeding",
    "Ontvangen subsidie",
    "Overige inkomsten",
    "Totale kosten (huur, exploitatiekosten, vrijwilligersvergoeding)",
]


@pytest.fixture
def costed(places):
    kamer = places["kamer"]
    YearlyCosts.objects.create(place=kamer, year=2024, rent=Decimal(1))
    YearlyCosts.objects.create(
        place=kamer,
        year=2025,
        rent=Decimal("12000.50"),
        operating_costs=Decimal(3000),
        volunteer_fees=Decimal(500),
        subsidy=Decimal(9000),
        other_income=Decimal(250),
    )
    YearFigures.objects.create(place=kamer, year=2025, visitors_per_week=30)
    # As generate_demo_details leaves it: the form and the 2025 costs are example data.
    Place.objects.filter(pk=kamer.pk).update(demo_fields=["management_form", "yearly_costs:2025"])
    return places


def export(client, fmt, **query):
    return client.get(reverse("places:export", args=[fmt]), query).content


def csv_rows(body):
    return {
        row["Naam"]: row
        for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")
    }


def test_the_staff_csv_has_the_newest_costs_and_says_what_is_demo(client, costed, people):
    log_in(client, people["beleid"])
    rows = csv_rows(export(client, "csv", prive="1"))
    kamer = rows["Buurtkamer Het Anker"]
    assert [kamer[header] for header in COST_HEADERS] == [
        "2025",
        "12000,50",
        "3000,00",
        "500,00",
        "9000,00",
        "250,00",
        "15500,50",
    ]
    assert kamer["Voorbeeldgegevens"] == "ja: Beheervorm, kosten 2025"
    assert rows["Huis van de Wijk De Boeg"]["Voorbeeldgegevens"] == "nee"
    assert rows["Huis van de Wijk De Boeg"]["Huur"] == ""


def test_real_costs_of_a_later_year_are_not_called_demo(client, costed, people):
    YearlyCosts.objects.create(place=costed["kamer"], year=2026, rent=Decimal(100))
    log_in(client, people["beleid"])
    kamer = csv_rows(export(client, "csv", prive="1"))["Buurtkamer Het Anker"]
    assert (kamer["Jaar van de kosten"], kamer["Voorbeeldgegevens"]) == ("2026", "ja: Beheervorm")


def test_the_public_csv_has_no_costs_but_says_what_is_demo(client, costed):
    rows = csv_rows(export(client, "csv", prive="1"))  # not staff: public columns only
    kamer = rows["Buurtkamer Het Anker"]
    assert not set(COST_HEADERS) & set(kamer)
    assert kamer["Voorbeeldgegevens"] == "ja: Beheervorm"


def test_the_workbook_keeps_costs_as_numbers(client, costed, people):
    log_in(client, people["beleid"])
    sheet = load_workbook(io.BytesIO(export(client, "xlsx", prive="1"))).active
    header = [cell.value for cell in sheet[1]]
    kamer = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Buurtkamer Het Anker")
    rent = kamer[header.index("Huur")]
    assert rent.value == pytest.approx(12000.5) and rent.number_format == "#,##0.00"
    assert kamer[header.index("Voorbeeldgegevens")].value == "ja: Beheervorm, kosten 2025"
