"""The history of what belongs to a place: activities, yearly costs and figures, members."""

from django.utils.translation import gettext as _

from places.history.timeline import Entry, person
from places.history.words import Words, is_empty
from places.models import Activity, Membership, YearFigures, YearlyCosts

NOT_SHOWN = {"id", "place", "created_at", "user"}


def action(history_type):
    return {"+": _("added"), "~": _("changed"), "-": _("removed")}[history_type]


def title_of(record):
    model = record.instance_type
    if model is Activity:
        return _("Activity ‘%(name)s’") % {"name": record.name}
    if model is YearlyCosts:
        return _("Yearly costs %(year)s") % {"year": record.year}
    if model is YearFigures:
        return _("Year figures %(year)s") % {"year": record.year}
    return _("Member %(name)s") % {"name": person(record.user) if record.user else _("(deleted)")}


def shown_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in NOT_SHOWN]


def sentences_of(record, words):
    """A new row: its filled-in values; a changed row: each value that changed."""
    fields = shown_fields(record.instance_type)
    previous = record.prev_record if record.history_type == "~" else None
    sentences = []
    for model_field in fields:
        after = getattr(record, model_field.attname)
        if record.history_type == "+" and not is_empty(after):
            sentences.append(words.sentence(model_field, None, after))
        elif previous is not None:
            before = getattr(previous, model_field.attname)
            if before != after:
                sentences.append(words.sentence(model_field, before, after))
    return sentences


def related_records(place, sees_costs):
    models = [Activity, Membership, *((YearlyCosts, YearFigures) if sees_costs else ())]
    for model in models:
        records = model.history.filter(place_id=place.pk).select_related("history_user")
        if model is Membership:
            records = records.select_related("user")
        yield from records.order_by("-history_date")[:100]


def related_entries(place, sees_costs, words=None):
    """Entries of the place's activities, members and (for who may see them) costs."""
    words = words or Words()
    entries = []
    for record in related_records(place, sees_costs):
        sentences = sentences_of(record, words)
        if record.history_type == "~" and not sentences:
            continue
        entries.append(
            Entry(
                date=record.history_date,
                who=person(record.history_user),
                kind=action(record.history_type),
                title=title_of(record),
                sentences=sentences,
            )
        )
    return entries
