from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from places.models.places import Place


class Report(models.Model):
    """'Klopt er iets niet?': anyone can tell the editors that a listing is out of date."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        HANDLED = "handled", _("handled")

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="reports"
    )
    message = models.TextField(_("what is not right?"), max_length=2000)
    email = models.EmailField(
        _("your e-mail (optional, only to ask you something back)"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("reported on"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)
    note = models.TextField(_("note of the editors"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.place}: {self.message[:40]}"
