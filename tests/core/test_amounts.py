"""Amounts in Dutch notation (issue 15, point 3): typed as '€ 12.000,50' and read right,
shown as '12.000,00' in the form and '€ 12.000,00' on the page."""

from decimal import Decimal

import pytest
from django import forms

from places.fields import AmountInput, FiniteDecimalField
from places.templatetags.amounts import euro


@pytest.mark.parametrize(
    "typed, read",
    [
        ("12.000,50", "12000.50"),
        ("€ 12.000,00", "12000.00"),
        ("12000,5", "12000.5"),
        ("12,50", "12.50"),
        ("12.5", "12.5"),  # a point before one or two digits is a decimal point
        ("1.234", "1234"),  # before three digits it separates thousands
        ("1.234.567,89", "1234567.89"),
        (" 2,50 ", "2.50"),
    ],
)
def test_amounts_are_read_as_typed_in_dutch(typed, read):
    field = FiniteDecimalField(max_digits=12, decimal_places=2, required=False)
    assert field.clean(typed) == Decimal(read)


@pytest.mark.parametrize("typed", ["twaalf", "12,50,3", "NaN", "sNaN", "€"])
def test_what_is_not_an_amount_is_refused(typed):
    field = FiniteDecimalField(max_digits=12, decimal_places=2, required=True)
    with pytest.raises(forms.ValidationError):
        field.clean(typed)


def test_the_form_and_the_page_show_amounts_in_dutch():
    assert AmountInput().format_value(Decimal("12000")) == "12.000,00"
    assert AmountInput().format_value("12.000,5") == "12.000,5"  # as typed, never lost
    assert euro(Decimal("4321")) == "€ 4.321,00"
    assert euro(None) == "—"
