"""Exports a Dutch spreadsheet reads right (issue 16, point 6): CSV numbers with a decimal
comma and no thousands separator, XLSX numbers as real numbers with display formats, and
HSDS as a file to download."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from places.exports.csv import cell, csv_text
from places.models import YearFigures
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, written",
    [
        (Decimal("12000.50"), "12000,50"),
        (4.9005, "4,9005"),
        (1234, "1234"),
        (-1.5, "-1,5"),  # a negative number is a number, not a formula
        ("-1,5 euro", "'-1,5 euro"),  # text that starts like a formula is still guarded
        ("=1+1", "'=1+1"),
        (None, ""),
    ],
)
def test_csv_cells_are_dutch_numbers_or_guarded_text(value, written):
    assert cell(value) == written


def test_the_csv_reads_as_dutch_numbers(client, places, people):
    YearFigures.objects.create(place=places["kamer"], year=2025, visitors_per_week=1250)
    log_in(client, people["beleid"])
    body = client.get(reverse("places:export", args=["csv"]), {"prive": "1"}).content
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    kamer = next(row for row in rows if row["Naam"] == "Buurtkamer Het Anker")
    assert kamer["Lengtegraad"] == "4,9005" and kamer["Breedtegraad"] == "52,3702"
    assert kamer["Bezoekers per week"] == "1250"  # no thousands separator


def test_the_workbook_keeps_real_numbers_with_dutch_display_formats(client, places, people):
    YearFigures.objects.create(place=places["kamer"], year=2025, visitors_per_week=1250)
    log_in(client, people["beleid"])
    body = client.get(reverse("places:export", args=["xlsx"]), {"prive": "1"}).content
    sheet = load_workbook(io.BytesIO(body)).active
    header = [c.value for c in sheet[1]]
    kamer = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Buurtkamer Het Anker")
    longitude = kamer[header.index("Lengtegraad")]
    visitors = kamer[header.index("Bezoekers per week")]
    assert longitude.value == pytest.approx(4.9005) and longitude.number_format == "0.000000"
    assert visitors.value == 1250 and visitors.number_format == "#,##0"


def test_hsds_downloads_as_a_file(client, places):
    response = client.get(reverse("places:export", args=["hsds"]))
    assert response["Content-Disposition"] == 'attachment; filename="ontmoetingsplekken.json"'
    assert response["Content-Type"] == "application/json"


def test_every_csv_header_is_guarded_text():
    assert csv_text(["=Naam"], [[1.5]]).splitlines() == ['\ufeff"\'=Naam"', '"1,5"']
