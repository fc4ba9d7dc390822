"""Keeps the coverage table (places.policy.coverage) up to date.

When a place is saved or deleted, its location, buurt, publication and status before and after
are compared; if it counted (active and published) before or after and something of that
changed, the buurten within N metres of its old and new location are computed again. That
happens once the transaction commits, for all places changed in it together: an import of a
thousand places computes each buurt once. A buurt whose boundary is saved is computed again.
After `migrate` the rows that are missing are filled in (a new table, a new distance N).

The counts of places per buurt, type and management form (places.policy.counts) are counted
again for the place's buurten before and after at once, in the same transaction, when its
buurt, type, management form, publication or status changed.

Raw SQL sends no signals: generate_places rebuilds the table itself, and
`manage.py rebuild_coverage` does it by hand.
"""

import threading

from django.conf import settings
from django.db import connections, transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver

from places.models import Area, Place
from places.policy import counts, coverage

FIELDS = ("location", "buurt_id", "is_published", "status")
COUNTED = ("buurt_id", "place_type_id", "management_form", "is_published", "status")
_local = threading.local()  # per thread, as database connections are


class Batch:
    """What changed in one transaction, computed once when it commits (a rolled-back
    transaction's batch is dropped with its on_commit callback)."""

    def __init__(self):
        self.points, self.buurten, self.done = [], set(), False

    def flush(self):
        self.done = True
        if self.points or self.buurten:
            coverage.refresh(self.points, self.buurten)

    def waiting(self):
        hooks = transaction.get_connection().run_on_commit
        return not self.done and any(hook == self.flush for _ids, hook, _robust in hooks)


def later(points=(), buurten=()):
    """Compute these when the transaction commits (at once outside a transaction)."""
    batch = getattr(_local, "batch", None)
    fresh = batch is None or not batch.waiting()
    if fresh:
        batch = _local.batch = Batch()
    batch.points.extend(points)
    batch.buurten.update(buurten)
    if fresh:
        transaction.on_commit(batch.flush)


def saved_state(place):
    """(location, buurt id) of a place as the database holds it, if it counts there; else None;
    and its counts key (count_key)."""
    if place.pk is None:
        return None, None
    row = Place.objects.filter(pk=place.pk).values_list(*FIELDS, *COUNTED).first()
    if row is None:
        return None, None
    return counted(row[: len(FIELDS)]), count_key(row[len(FIELDS) :])


def count_key(row):
    """(buurt id, type id, management form) of a place that counts, else None."""
    buurt, place_type, form, published, status = row
    return (buurt, place_type, form) if published and status == Place.Status.ACTIVE else None


def recount(before, after):
    """Count the buurten of a place again (in this transaction) when its key changed."""
    if before != after:
        counts.refresh({key[0] for key in (before, after) if key})


def counted(row):
    if row is None or row[0] is None:
        return None
    location, buurt, published, status = row
    if not published or status != Place.Status.ACTIVE:
        return None
    if location.srid != settings.STORAGE_SRID:
        location = location.transform(settings.STORAGE_SRID, clone=True)
    return (location, buurt)


@receiver(pre_save, sender=Place)
@receiver(pre_delete, sender=Place)
def remember_before(sender, instance, raw=False, **kwargs):
    if not raw:
        instance._coverage_before, instance._counts_before = saved_state(instance)


@receiver(post_save, sender=Place)
def place_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        now = counted(tuple(getattr(instance, field) for field in FIELDS))
        changed(getattr(instance, "_coverage_before", None), now)
        key = count_key(tuple(getattr(instance, field) for field in COUNTED))
        recount(getattr(instance, "_counts_before", None), key)


@receiver(post_delete, sender=Place)
def place_deleted(sender, instance, **kwargs):
    changed(getattr(instance, "_coverage_before", None), None)
    recount(getattr(instance, "_counts_before", None), None)


def changed(before, after):
    if before == after:
        return  # neither counts, or the same location and buurt
    states = [state for state in (before, after) if state]
    later([location for location, _b in states], [b for _l, b in states if b is not None])


@receiver(post_save, sender=Area)
def area_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.kind == Area.Kind.BUURT:
        later(buurten=[instance.pk])


@receiver(post_delete, sender=Area)
def area_deleted(sender, instance, **kwargs):
    """Its places are outside every buurt now (SET_NULL, without signals); its rows went."""
    if instance.kind == Area.Kind.BUURT:
        counts.refresh({None})


@receiver(post_migrate)
def fill_after_migrate(sender, using="default", **kwargs):
    if sender.name != "places" or using != "default":
        return
    if coverage.BuurtCoverage._meta.db_table in connections[using].introspection.table_names():
        coverage.ensure_filled()
    if counts.PlaceCount._meta.db_table in connections[using].introspection.table_names():
        counts.ensure_filled()
