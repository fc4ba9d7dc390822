"""Every change to places, their types or areas moves the data version on (see DataVersion)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from places.models import Area, DataVersion, Place, PlaceType


@receiver([post_save, post_delete], sender=Place)
@receiver([post_save, post_delete], sender=PlaceType)
@receiver([post_save, post_delete], sender=Area)
def bump_data_version(sender, **kwargs):
    if not kwargs.get("raw"):
        DataVersion.bump()


@receiver(m2m_changed, sender=Place.target_groups.through)
@receiver(m2m_changed, sender=Place.services.through)
def bump_on_tags(sender, action, **kwargs):
    if action.startswith("post_"):
        DataVersion.bump()
