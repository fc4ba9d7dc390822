"""A place's history as entries a person reads: when, who, what kind of change, and one
sentence per field that changed, limited to the fields this person may see."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from places import editing, roles
from places.history.words import Words
from places.models import Place
from places.models.history import ChangeKind

# Technical: they never change in a way a person needs to read.
NOT_SHOWN = {"id", "version", "created_at", "place", "demo_fields"}
CONTACT_FIELDS = {"contact_name", "contact_email", "contact_phone"}
TAGS = ("services", "target_groups")


@dataclass
class Entry:
    date: object
    who: str
    kind: str
    title: str = ""
    sentences: list = field(default_factory=list)
    reason: str = ""
    record: object = None  # the place's record, for undo
    undoable: bool = False
    slug: str = ""  # the place's slug now (a change may have been of the slug)


def person(user):
    if user is None:
        return _("the system")
    return user.get_full_name() or user.username


class Visibility:
    """What of a place this person may see, as on the place's page."""

    def __init__(self, user):
        self.user = user
        self.sees_all = roles.is_policy(user)
        self._hidden = {}

    def hidden(self, place):
        if self.sees_all:
            return set()
        if place.pk not in self._hidden:
            hidden = set(editing.hidden_fields(self.user))
            if not place.can_see_private(self.user):
                hidden |= CONTACT_FIELDS
            self._hidden[place.pk] = hidden
        return self._hidden[place.pk]

    def sees_costs(self, place):
        return self.sees_all or place.can_edit(self.user)


def place_fields():
    """The place's fields the history records, tags included, in the form's order."""
    recorded = {f.name for f in Place.history.model._meta.fields} | set(TAGS)
    fields = [*Place._meta.concrete_fields, *Place._meta.many_to_many]
    return [f for f in fields if f.name in recorded and f.name not in NOT_SHOWN]


def with_previous(records):
    """Each record of the list with the record of the same place just before it."""
    history = Place.history.model
    earlier = history.objects.filter(id=OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    previous_ids = dict(
        history.objects.filter(history_id__in=[r.history_id for r in records])
        .annotate(
            previous=Subquery(
                earlier.order_by("-history_date", "-history_id")[:1].values("history_id")
            )
        )
        .values_list("history_id", "previous")
    )
    previous = history.objects.in_bulk([p for p in previous_ids.values() if p])
    tags = tags_of([*records, *previous.values()])
    return [(r, previous.get(previous_ids.get(r.history_id)), tags) for r in records]


def tags_of(records):
    """{(history_id, tag field): frozenset of ids}, for all records in two queries."""
    found = {}
    ids = [r.history_id for r in records]
    for name in TAGS:
        model = Place.history.model.__dict__[name].model  # the tags' own history table
        column = Place._meta.get_field(name).m2m_reverse_name()
        rows = model.objects.filter(history_id__in=ids).values_list("history_id", column)
        for history_id, tag in rows:
            found.setdefault((history_id, name), set()).add(tag)
    return {key: frozenset(value) for key, value in found.items()}


def value_of(record, model_field, tags):
    if model_field.many_to_many:
        return tags.get((record.history_id, model_field.name), frozenset())
    return getattr(record, model_field.attname)


def place_sentences(record, previous, tags, hidden, words):
    """One sentence per visible field that differs from the record before."""
    sentences, fields = [], []
    for model_field in place_fields():
        if model_field.name in hidden:
            continue
        before = value_of(previous, model_field, tags)
        after = value_of(record, model_field, tags)
        if model_field.name == "location":
            changed = before.distance(after) > 0.01 if before and after else before != after
        else:
            changed = before != after
        if changed:
            sentences.append(words.sentence(model_field, before, after))
            fields.append(model_field.name)
    return sentences, fields


def kind_label(record):
    if record.change_kind == ChangeKind.NEW and record.is_published:
        return _("new place")
    return ChangeKind(record.change_kind).label if record.change_kind else _("edit")


def place_entries(records, user, words=None, show_place=False):
    """Entries of place records; a change that shows nothing to this person is left out."""
    words, seen = words or Words(), Visibility(user)
    allowed = editing.undoable_fields(user)
    entries, records = [], list(records)
    slugs = dict(Place.objects.filter(pk__in={r.id for r in records}).values_list("pk", "slug"))
    for record, previous, tags in with_previous(records):
        hidden = seen.hidden(record.instance)
        sentences, fields = [], []
        if previous is not None and record.history_type == "~":
            sentences, fields = place_sentences(record, previous, tags, hidden, words)
            if not sentences:
                continue
        reason = record.history_change_reason or ""
        entries.append(
            Entry(
                date=record.history_date,
                who=person(record.history_user),
                kind=str(kind_label(record)),
                title=record.name if show_place else "",
                sentences=sentences,
                reason="" if record.change_kind == ChangeKind.MERGE else reason,
                record=record,
                undoable=previous is not None
                and record.id in slugs
                and bool(allowed.intersection(fields)),
                slug=slugs.get(record.id, ""),
            )
        )
    return entries
