"""What a place offers and what it costs and achieves, per year."""

from decimal import Decimal

from django.contrib.gis.db import models
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from places.models.places import Place
from places.text import validate_one_line

COST_FIELDS = ("rent", "operating_costs", "volunteer_fees", "subsidy", "other_income")


def euro_field(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(Decimal("0"))],
    )


class YearlyCosts(models.Model):
    """What running the place costs per year, and who pays. Never public."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="yearly_costs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rent = euro_field(_("rent"))
    operating_costs = euro_field(_("other operating costs"))
    volunteer_fees = euro_field(_("volunteer fees"))
    subsidy = euro_field(_("subsidy received"))
    other_income = euro_field(_("other income"))

    AMOUNTS = COST_FIELDS
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "-year"]
        verbose_name = _("yearly costs")
        verbose_name_plural = _("yearly costs")
        constraints = [
            models.UniqueConstraint(fields=["place", "year"], name="costs_one_row_per_year"),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__gte": 0}), name=f"costs_{field}_not_negative"
                )
                for field in COST_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.place} {self.year}"

    @property
    def total_costs(self):
        return self.rent + self.operating_costs + self.volunteer_fees


class Activity(models.Model):
    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("on site")
        ONLINE = "online", _("online")

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    when = models.CharField(_("when"), max_length=200, blank=True)
    mode = models.CharField(_("where"), max_length=10, choices=Mode.choices, default="on_site")
    cost = models.CharField(_("cost"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "name"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.name


class YearFigures(models.Model):
    """What a place achieved in a year, as its members report it, with agreed targets."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="year_figures"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    visitors_per_week = models.PositiveIntegerField(_("visitors per week"), null=True, blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    activities = models.PositiveIntegerField(_("activities per week"), null=True, blank=True)
    # Resultaatafspraken: what was agreed with the municipality, for subsidised places.
    target_visitors_per_week = models.PositiveIntegerField(
        _("agreed visitors per week"), null=True, blank=True
    )
    target_activities = models.PositiveIntegerField(
        _("agreed activities per week"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "-year"]
        verbose_name = _("year figures")
        verbose_name_plural = _("year figures")
        constraints = [
            models.UniqueConstraint(fields=["place", "year"], name="one_figures_row_per_year")
        ]

    def __str__(self):
        return f"{self.place} {self.year}"
