"""Changes as sentences a volunteer reads: "Toegang met rolstoel: onbekend → toegankelijk met
rolstoel", "Gepubliceerd: ja → nee", "Samengevoegd met De Boeg". Choices by their label,
yes/no for booleans, names for related objects, euros and dates the Dutch way, local time."""

from django.contrib.gis.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from places.fields import in_dutch
from places.geo import transformed
from places.hours import OpeningHoursField
from places.hours_words import in_words

RD_NEW = 28992  # metres everywhere in the Netherlands, whatever the storage SRID


def empty():
    return _("(not filled in)")


def euro(amount):
    """€ 12.000,00, as everywhere else (places.fields.in_dutch)."""
    return f"€ {in_dutch(amount)}"


def when(moment):
    """A moment in local time, as the history's headings show it: '5 maart 2026 14:03'."""
    return date_format(timezone.localtime(moment), "j F Y H:i")


def is_empty(value):
    return value is None or value == "" or value == frozenset()


class Words:
    """Values in words for one page; related objects are looked up once each."""

    def __init__(self):
        self._names = {}

    def name_of(self, model, pk):
        key = (model, pk)
        if key not in self._names:
            found = model._default_manager.filter(pk=pk).first()
            self._names[key] = str(found) if found else _("(deleted)")
        return self._names[key]

    def value(self, field, value):
        """One value of a model field in words."""
        if field.many_to_many:
            model = field.related_model
            names = sorted(self.name_of(model, pk) for pk in value)
            return ", ".join(names) if names else empty()
        if value is None and isinstance(field, models.BooleanField):
            return _("unknown")
        if is_empty(value):
            return empty()
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.BooleanField):
            return _("yes") if value else _("no")
        if field.is_relation:
            return self.name_of(field.related_model, value)
        if isinstance(field, models.DecimalField):
            return euro(value)
        if isinstance(field, models.DateTimeField):
            return when(value)
        if isinstance(field, models.DateField):
            return date_format(value, "j F Y")
        if isinstance(field, OpeningHoursField):
            return "; ".join(in_words(value)) or value
        return str(value)

    def sentence(self, field, before, after):
        """The change of one field: 'Label: before → after', or 'Label: after' when it was
        empty before."""
        label = capfirst(field.verbose_name)
        if isinstance(field, models.PointField):
            return self.moved(label, before, after)
        if field.name == "merged_into":
            return self.merged(before, after)
        new = self.value(field, after)
        if is_empty(before) and not isinstance(field, models.BooleanField):
            return _("%(field)s: %(after)s") % {"field": label, "after": new}
        old = self.value(field, before)
        return _("%(field)s: %(before)s → %(after)s") % {
            "field": label,
            "before": old,
            "after": new,
        }

    def moved(self, label, before, after):
        if before is None or after is None:
            return _("%(field)s: %(after)s") % {"field": label, "after": _("placed on the map")}
        metres = transformed(before, RD_NEW).distance(transformed(after, RD_NEW))
        return _("%(field)s: moved %(metres)s m on the map") % {
            "field": label,
            "metres": number_format(round(metres), 0, force_grouping=True),
        }

    def merged(self, before, after):
        from places.models import Place

        if after is not None:
            return _("Merged with %(name)s") % {"name": self.name_of(Place, after)}
        return _("No longer merged with %(name)s") % {"name": self.name_of(Place, before)}
