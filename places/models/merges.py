from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from places.models.places import Place


class Merge(models.Model):
    """One merge of a duplicate into the place kept, with what it moved and overwrote, so that
    it can be undone exactly (places/merging.py)."""

    duplicate = models.ForeignKey(
        Place, verbose_name=_("duplicate"), on_delete=models.CASCADE, related_name="merges_away"
    )
    target = models.ForeignKey(
        Place, verbose_name=_("place kept"), on_delete=models.CASCADE, related_name="merges_in"
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged on"), auto_now_add=True)
    # {"activities": [ids], ..., "memberships": [user ids], "memberships_added": [ids]}
    moved = models.JSONField(default=dict)
    # The values of the place kept that the duplicate's replaced, and the duplicate's state.
    target_before = models.JSONField(default=dict)
    duplicate_before = models.JSONField(default=dict)
    undone_at = models.DateTimeField(_("undone on"), null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self):
        return f"{self.duplicate} → {self.target}"
