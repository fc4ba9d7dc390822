"""The public map on a date, told as changes to today's map (places.maps.changes).

Today's pre-aggregated cells (MapCell) count every active published place by its type and
management form now. A place counts differently on an earlier day only when one of its states
on a date (PlaceState) ends or starts after that day. MapChange holds those steps: +1 where a
state counted on the public map starts, -1 where it ends, with the place's location. The map
on a day is then today's cells minus the steps after the day. MapChangeCell adds up the steps
per cell and year, so that a request adds up at most half a year of steps itself.

Both are built with the cells by `manage.py aggregate_map`, so that they agree with them.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class MapChange(models.Model):
    day = models.DateField(_("day"))
    count = models.SmallIntegerField(_("step"))  # +1 or -1
    place_type = models.IntegerField(_("type (number)"))
    management_form = models.CharField(_("management form"), max_length=30)
    location = models.PointField(_("location"), srid=settings.STORAGE_SRID)  # for the box
    x = models.FloatField("x")  # its coordinates, cheaper to add up than the point's
    y = models.FloatField("y")

    class Meta:
        verbose_name = _("map change")
        verbose_name_plural = _("map changes")
        indexes = [models.Index(fields=["day"], name="mapchange_day")]

    def __str__(self):
        return f"{self.day}: {self.count:+d}"


class MapChangeCell(models.Model):
    """The steps of a year per grid cell, zoom level, type and management form."""

    zoom = models.PositiveSmallIntegerField(_("zoom"))
    x = models.IntegerField("x")
    y = models.IntegerField("y")
    year = models.PositiveSmallIntegerField(_("year"))
    place_type = models.IntegerField(_("type (number)"))
    management_form = models.CharField(_("management form"), max_length=30)
    count = models.IntegerField(_("number of places"))
    sum_x = models.FloatField(_("sum of x"))
    sum_y = models.FloatField(_("sum of y"))

    class Meta:
        verbose_name = _("map change per year")
        verbose_name_plural = _("map changes per year")
        indexes = [models.Index(fields=["zoom", "x", "y", "year"], name="mapchangecell_zoom_xy")]

    def __str__(self):
        return f"{self.zoom}/{self.x}/{self.y} {self.year}: {self.count:+d}"
