"""Form fields and validators that refuse what Django's own let through."""

from django import forms
from django.contrib.auth import password_validation
from django.db import models
from django.utils.translation import ngettext


class FiniteDecimalField(forms.DecimalField):
    """Django's DecimalField reads 'sNaN', and comparing that (has_changed, which every empty
    extra row of a formset calls) raises InvalidOperation: a server error. Refuse it here."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


def finite_decimals(model_field, **kwargs):
    """A formfield_callback: decimal model fields get a FiniteDecimalField."""
    if isinstance(model_field, models.DecimalField):
        kwargs.setdefault("form_class", FiniteDecimalField)
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
