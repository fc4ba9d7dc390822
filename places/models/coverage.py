"""Coverage per buurt, kept up to date: what the policy dashboard reads for its default view."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from places.models.areas import Area


class BuurtCoverage(models.Model):
    """One buurt at one distance N of settings.POLICY_COVERAGE_DISTANCES: its area and the part
    farther than N metres from every active published place.

    Written by places.policy.coverage only: updated for the buurten within N metres of a place
    that changes, rebuilt in full by `manage.py rebuild_coverage`.
    """

    buurt = models.ForeignKey(
        Area, verbose_name=_("neighbourhood"), on_delete=models.CASCADE, related_name="+"
    )
    metres = models.PositiveIntegerField(_("distance (metres)"))
    area_m2 = models.FloatField(_("area (m²)"))
    uncovered_m2 = models.FloatField(_("area farther than N metres (m²)"))
    # The uncovered part, simplified, as GeoJSON in WGS84; empty when all of it is covered.
    gap = models.TextField(_("uncovered part (GeoJSON)"), blank=True)

    class Meta:
        verbose_name = _("coverage of a neighbourhood")
        verbose_name_plural = _("coverage of neighbourhoods")
        constraints = [
            models.UniqueConstraint(fields=["metres", "buurt"], name="buurtcoverage_metres_buurt")
        ]

    def __str__(self):
        return f"{self.buurt_id} at {self.metres} m"


class PlaceCount(models.Model):
    """How many active published places a buurt has of one type and management form (buurt
    empty: the places outside every buurt), so that the dashboard's counts and breakdowns
    need no pass over every place.

    Written by places.policy.counts only: counted again for a place's buurt (old and new) in
    the transaction that changes it, rebuilt in full by `manage.py rebuild_place_counts`.
    """

    buurt = models.ForeignKey(
        Area,
        verbose_name=_("neighbourhood"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    place_type = models.ForeignKey(
        "places.PlaceType", verbose_name=_("type"), on_delete=models.CASCADE, related_name="+"
    )
    management_form = models.CharField(_("management form"), max_length=30)
    count = models.PositiveIntegerField(_("number of places"))

    class Meta:
        verbose_name = _("number of places in a neighbourhood")
        verbose_name_plural = _("numbers of places in neighbourhoods")

    def __str__(self):
        return f"{self.buurt_id}/{self.place_type_id}/{self.management_form}: {self.count}"
