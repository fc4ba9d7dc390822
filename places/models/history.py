"""How a place's history is recorded: each record knows what kind of change it was and,
for an import, which run made it; a form's tags are part of the record of its save."""

import contextvars
from contextlib import contextmanager

from django.db import connections, models, router
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record, pre_create_historical_record

_import_run = contextvars.ContextVar("import_run", default="")


class ChangeKind(models.TextChoices):
    NEW = "new", _("new concept")
    EDIT = "edit", _("edit")
    PUBLISH = "publish", _("published or withdrawn")
    CLOSE = "close", _("closed or reopened")
    MERGE = "merge", _("merge")
    IMPORT = "import", _("import")


class PlaceChange(models.Model):
    """Fields of every historical record of a place (the base of HistoricalPlace)."""

    change_kind = models.CharField(
        _("kind of change"), max_length=10, choices=ChangeKind.choices, default=ChangeKind.EDIT
    )
    import_run = models.CharField(_("import run"), max_length=60, blank=True, db_index=True)

    class Meta:
        abstract = True


@contextmanager
def import_run(source):
    """Mark every place saved inside as part of one import run of this source."""
    token = _import_run.set(f"{source}@{timezone.now().isoformat(timespec='seconds')}")
    try:
        yield
    finally:
        _import_run.reset(token)


def kind_of(history_type, before, after, run):
    """The kind of a change from the values before (None for a new place) and after."""
    if run:
        return ChangeKind.IMPORT
    if history_type == "+" or before is None:
        return ChangeKind.NEW
    if after.merged_into_id != before["merged_into_id"]:
        return ChangeKind.MERGE
    if after.status != before["status"]:
        return ChangeKind.CLOSE
    if after.is_published != before["is_published"]:
        return ChangeKind.PUBLISH
    return ChangeKind.EDIT


class PlaceHistory(HistoricalRecords):
    """simple-history with the kind of each change, and one record per save: tags set by
    the form after the place was saved (save_m2m) update that save's record instead of
    adding records of their own."""

    def create_historical_record(self, instance, history_type, using=None):
        manager = getattr(instance, self.manager_name)
        before = (
            manager.model.objects.filter(id=instance.pk)
            .order_by("-history_date", "-history_id")
            .values("merged_into_id", "status", "is_published")
            .first()
        )
        run = _import_run.get()
        instance._change_kind = kind_of(history_type, before, instance, run)
        instance._import_run = run
        super().create_historical_record(instance, history_type, using)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        record = getattr(instance, "_history_record", None)
        if reverse or record is None or not _still_open(instance, record[1]):
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action in ("post_add", "post_remove", "post_clear"):
            history = record[0]
            for field in history._history_m2m_fields:
                self.m2m_models[field].objects.filter(history=history).delete()
            self.create_historical_record_m2ms(history, instance)


def _connection(instance):
    return connections[router.db_for_write(type(instance))]


def _open_block(instance):
    """The innermost transaction block a save happens in, with its depth."""
    blocks = _connection(instance).atomic_blocks
    return (blocks[-1], len(blocks) - 1) if blocks else None


def _still_open(instance, block):
    """Whether the block of a save is still open: tags set within it belong to the save
    (the related manager opens a block of its own inside it)."""
    blocks = _connection(instance).atomic_blocks
    atomic, depth = block
    return len(blocks) > depth and blocks[depth] is atomic


@receiver(post_create_historical_record)
def remember_record(sender, instance, history_instance, **kwargs):
    """The save's record, for the tags saved after it (see PlaceHistory)."""
    if isinstance(history_instance, PlaceChange):
        block = _open_block(instance)
        instance._history_record = (history_instance, block) if block else None


@receiver(pre_create_historical_record)
def fill_change_fields(sender, instance, history_instance, **kwargs):
    """The kind and import run worked out for this save (see PlaceHistory)."""
    if isinstance(history_instance, PlaceChange):
        history_instance.change_kind = getattr(instance, "_change_kind", ChangeKind.EDIT)
        history_instance.import_run = getattr(instance, "_import_run", "")
