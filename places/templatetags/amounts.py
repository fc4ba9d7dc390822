"""Amounts in euros as Dutch readers write them: '€ 12.000,00'."""

from django import template
from django.utils.formats import number_format

from places.fields import in_dutch

register = template.Library()


@register.filter
def euro(amount):
    """'€ 12.000,00', or '—' when the amount is not known."""
    return "—" if amount is None or amount == "" else f"€ {in_dutch(amount)}"


@register.filter
def grouped(number):
    """A whole number as Dutch readers write it: '12.400'."""
    return "" if number is None else number_format(number, force_grouping=True)
