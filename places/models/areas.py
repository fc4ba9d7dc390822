"""Gemeenten, wijken and buurten: the CBS areas places lie in."""

from django.conf import settings
from django.contrib.gis.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from places.querysets import AreaQuerySet
from places.text import validate_one_line


class Area(models.Model):
    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("municipality")
        WIJK = "wijk", _("district")
        BUURT = "buurt", _("neighbourhood")

    code = models.CharField(_("CBS code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    geometry = models.MultiPolygonField(_("boundary"), srid=settings.STORAGE_SRID)
    source = models.CharField(_("source"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    water = models.BooleanField(_("mainly water"), default=False)
    boundary_year = models.PositiveSmallIntegerField(_("boundary year"), null=True, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:area", kwargs={"code": self.code})

    @property
    def ancestors(self):
        """Gemeente first, then wijk: for breadcrumbs."""
        chain, area = [], self.parent
        while area is not None:
            chain.insert(0, area)
            area = area.parent
        return chain
