"""Keeps the states on a date (places.models.states) up to date.

A saved or deleted event, and a saved place (its opening date, or events written in bulk
before it), put the place in this thread's batch; the batch is worked out once the
transaction commits, for all its places together (an import of a thousand places rebuilds
them in a few statements), like the coverage table (places.policy.coverage_updates). Until
then, Place.objects.on() works out the batch first, so that a transaction reads its own
changes (a request that saves and then shows the map, a test that never commits). A
rolled-back transaction's batch is dropped with its on_commit callback.

Raw SQL and bulk_create send no signals: call `later(ids)` (or `rebuild_place_states`).
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from places.models import states
from places.models.events import PlaceEvent
from places.models.places import Place

_local = threading.local()  # per thread, as database connections are


class Batch:
    def __init__(self):
        self.ids, self.done = set(), False

    def flush(self):
        self.done = True
        ids, self.ids = self.ids, set()
        if ids:
            states.rebuild(ids)

    def waiting(self):
        hooks = transaction.get_connection().run_on_commit
        return not self.done and any(hook == self.flush for _ids, hook, _robust in hooks)


def later(ids):
    """Work out these places' states when the transaction commits (at once outside one)."""
    batch = getattr(_local, "batch", None)
    fresh = batch is None or not batch.waiting()
    if fresh:
        batch = _local.batch = Batch()
    batch.ids.update(ids)
    if fresh:
        transaction.on_commit(batch.flush)


def pending():
    """Work out what this thread's transaction changed so far (Place.objects.on() reads)."""
    batch = getattr(_local, "batch", None)
    if batch is not None and batch.ids:
        batch.flush()
        batch.done = False  # its on_commit callback may still come, for later changes


Place.flush_pending_states = staticmethod(pending)  # querysets may not import the models


@receiver(post_save, sender=PlaceEvent)
@receiver(post_delete, sender=PlaceEvent)
def event_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        later([instance.place_id])


@receiver(post_save, sender=Place)
def place_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        later([instance.pk])
