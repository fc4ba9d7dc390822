"""Form fields and validators that refuse what Django's own let through."""

import math
import re
from decimal import Decimal

from django import forms
from django.contrib.auth import password_validation
from django.contrib.gis import forms as gis_forms
from django.contrib.gis.db import models as gis_models
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from leaflet.admin import LeafletAdminWidget
from leaflet.forms.widgets import LeafletWidget

AMOUNT_GROUPS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")


def dutch_amount(text):
    """'€ 12.000,50' -> '12000.50'; '12.000' -> '12000'; '12.5' stays: amounts as people in
    the Netherlands type them (a comma before the cents, dots between thousands)."""
    text = re.sub(r"[€\s\u00a0]", "", text)
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if AMOUNT_GROUPS.match(text):
        return text.replace(".", "")
    return text


class AmountInput(forms.TextInput):
    """An amount in Dutch notation ('12.000,00'); what was typed is shown back as typed."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "size": 10, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float):
            return in_dutch(value)
        return super().format_value(value)


def in_dutch(amount):
    """12000.5 -> '12.000,50'."""
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


class FiniteDecimalField(forms.DecimalField):
    """Django's DecimalField reads 'sNaN', and comparing that (has_changed, which every empty
    extra row of a formset calls) raises InvalidOperation: a server error. Refuse it here.
    Amounts are read and shown in Dutch notation (AmountInput, dutch_amount)."""

    widget = AmountInput

    def to_python(self, value):
        if isinstance(value, str):
            value = dutch_amount(value)
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class LocationField(gis_forms.PointField):
    """A pin: one point with two finite coordinates. GeoDjango's own field lets an unknown
    SRID, a coordinate of 1e308 (both fail in GDAL: a server error) and a third dimension
    (refused by the database) through; here each is a form error."""

    default_error_messages = {
        "invalid_point": _("This is not a point on the map. Place the pin on the map again."),
    }

    def to_python(self, value):
        try:
            point = super().to_python(value)
        except (GDALException, GEOSException, ValueError, TypeError, OverflowError) as error:
            raise forms.ValidationError(self.error_messages["invalid_point"]) from error
        if point is not None and not is_plain_point(point):
            raise forms.ValidationError(self.error_messages["invalid_point"])
        return point

    def clean(self, value):
        try:
            point = super().clean(value)
        except (GDALException, GEOSException, OverflowError) as error:  # the transform
            raise forms.ValidationError(self.error_messages["invalid_point"]) from error
        if point is not None and not is_plain_point(point):
            raise forms.ValidationError(self.error_messages["invalid_point"])
        return point


class UnreadablePinAsNone:
    """For django-leaflet's map widgets: an unreadable posted value is shown as no pin,
    instead of failing in GDAL while the form is shown again with its error."""

    def deserialize(self, value):
        try:
            return super().deserialize(value)
        except (GDALException, GEOSException, ValueError, TypeError, OverflowError):
            return None


class PinWidget(UnreadablePinAsNone, LeafletWidget):
    pass


class AdminPinWidget(UnreadablePinAsNone, LeafletAdminWidget):
    # The admin's map with its controls in Dutch ({% leaflet_texts %}).
    template_name = "places/widgets/admin_pin.html"


def is_plain_point(geometry):
    return (
        geometry.geom_type == "Point"
        and not geometry.empty
        and not geometry.hasz
        and all(math.isfinite(value) for value in geometry.coords)
    )


def finite_decimals(model_field, **kwargs):
    """A formfield_callback: decimal model fields get a FiniteDecimalField, points a
    LocationField."""
    if isinstance(model_field, models.DecimalField):
        kwargs.setdefault("form_class", FiniteDecimalField)
    if isinstance(model_field, gis_models.PointField):
        kwargs.setdefault("form_class", LocationField)
    return model_field.formfield(**kwargs)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2 changed this message and its Dutch translation was not updated with it."""

    def get_error_message(self):
        return (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                self.min_length,
            )
            % self.min_length
        )
