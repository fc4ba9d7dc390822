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
    def current(cls):
        return cls.objects.values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(number=F("number") + 1):
            cls.objects.get_or_create(pk=1)
