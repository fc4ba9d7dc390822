from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row whose number moves on with every change to the places.

    ETags and cache keys are built from it: reading one row is cheap at any scale, and it
    is shared by every app server (a per-process counter would not be).
    """

    number = models.PositiveBigIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("data version")

    def __str__(self):
        return str(self.number)

    @classmethod
    def current(cls, using="default"):
        return cls.objects.using(using).values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(number=F("number") + 1):
            cls.objects.get_or_create(pk=1)


class MapCell(models.Model):
    """Pre-aggregated clusters of the public map: places per grid cell, zoom level, type and
    management form, for the active published places. Built by `manage.py aggregate_map`
    (places/mapcells.py) so that low zooms of a large register need no pass over every place.
    """

    zoom = models.PositiveSmallIntegerField()
    x = models.IntegerField()
    y = models.IntegerField()
    place_type = models.ForeignKey("places.PlaceType", on_delete=models.CASCADE)
    management_form = models.CharField(max_length=30)
    count = models.PositiveIntegerField()
    sum_x = models.FloatField()
    sum_y = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["zoom", "x", "y"], name="mapcell_zoom_xy")]

    def __str__(self):
        return f"{self.zoom}/{self.x}/{self.y}: {self.count}"


class MapCellsBuilt(models.Model):
    """When the map cells were last built, and for which data version (one row)."""

    data_version = models.PositiveBigIntegerField()
    built_at = models.DateTimeField()
    # The zooms 0 … zooms-1 were built: a new MAP_CELLS_BELOW_ZOOM makes the cells stale.
    zooms = models.PositiveSmallIntegerField(default=14)

    def __str__(self):
        return f"{self.data_version} ({self.built_at:%Y-%m-%d %H:%M})"
