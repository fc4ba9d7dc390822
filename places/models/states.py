"""A place's state per date as validity intervals, so that the map on a date is one join.

Place.objects.on(day) asks, for every place, which status, management form and type it had
that day. Worked out from the dated events (places.models.events) that takes a subquery per
place and attribute; at a million places too slow for a map. PlaceState keeps the answer:
one row per interval between a place's events, valid from `valid_from` (None: since always)
up to, not including, `valid_to` (None: still). A value of None says "as the place is now":
the attribute has no event that says otherwise (the rule of Place.objects._on_by_events,
which stays as the oracle the tests compare with). Before the opening date there is no row:
the place did not exist yet.

The rows of a place are worked out again when its events or the place are saved
(places.models.state_updates); `manage.py rebuild_place_states [--check]` does it for all.
On PostGIS the intervals have a GiST index on daterange(valid_from, valid_to) (migration
0022); on SpatiaLite b-tree indexes on the two dates.
"""

from itertools import groupby

from django.db import connections, models, transaction
from django.utils.translation import gettext_lazy as _

ATTRIBUTES = ("status", "management_form", "place_type_id")
COLUMNS = {"status": "status", "management_form": "management_form", "place_type_id": "place_type"}
CHUNK = 2000


class PlaceState(models.Model):
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.CASCADE, related_name="states"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, null=True, blank=True)
    management_form = models.CharField(_("management form"), max_length=30, null=True, blank=True)
    place_type = models.IntegerField(_("type (number)"), null=True, blank=True)

    class Meta:
        verbose_name = _("state on a date")
        verbose_name_plural = _("states on a date")
        indexes = [
            models.Index(fields=["place", "valid_from"], name="placestate_place_from"),
            models.Index(fields=["valid_from"], name="placestate_from"),
            models.Index(fields=["valid_to"], name="placestate_to"),
        ]

    def __str__(self):
        return f"{self.place_id}: {self.valid_from or '…'} – {self.valid_to or '…'}"


def intervals(events, opened_on):
    """The rows of one place: dicts of valid_from, valid_to and the three values.

    `events`: (attribute, happened_on, old_value, new_value) in timeline order (date, then
    pk), of the attributes in ATTRIBUTES only."""
    dates = sorted({day for _a, day, _o, _n in events} | ({opened_on} if opened_on else set()))
    rows = []
    for start, end in zip([None, *dates], [*dates, None], strict=True):
        if opened_on and end is not None and end <= opened_on:
            continue  # not opened yet
        row = {"valid_from": max(start, opened_on) if start and opened_on else start or opened_on}
        row.update(valid_to=end, **{COLUMNS[a]: value_on(events, a, start) for a in ATTRIBUTES})
        same = rows and all(rows[-1][c] == row[c] for c in COLUMNS.values())
        if same:
            rows[-1]["valid_to"] = end
        else:
            rows.append(row)
    return rows


def value_on(events, attribute, day):
    """The value after the last event up to the day, else the one before the first event after
    it (when known), else None (as the place is now); day None: before all events."""
    mine = [(when, old, new) for a, when, old, new in events if a == attribute]
    before = [new for when, _old, new in mine if day is not None and when <= day]
    if before:
        return typed(attribute, before[-1])
    after = [old for when, old, _new in mine if day is None or when > day]
    return typed(attribute, after[0]) if after and after[0] != "" else None


def typed(attribute, text):
    if attribute == "place_type_id":
        return int(text) if str(text).isdigit() else None
    return text


def expected(place_model, event_model, ids, using="default"):
    """{place id: rows} for these places, from their events and opening dates."""
    kinds = [kind for a in ATTRIBUTES for kind in kinds_of(event_model, a)]
    attribute_of = {kind: a for a in ATTRIBUTES for kind in kinds_of(event_model, a)}
    places = place_model._base_manager.using(using).filter(pk__in=ids)
    opened = dict(places.values_list("pk", "opened_on"))
    events = (
        event_model._base_manager.using(using)
        .filter(place__in=list(opened), kind__in=kinds)
        .order_by("place", "happened_on", "pk")
        .values_list("place", "kind", "happened_on", "old_value", "new_value")
    )
    by_place = {
        pk: [(attribute_of[kind], day, old, new) for _p, kind, day, old, new in rows]
        for pk, rows in groupby(events, key=lambda row: row[0])
    }
    return {pk: intervals(by_place.get(pk, []), day) for pk, day in opened.items()}


def kinds_of(event_model, attribute):
    """The event kinds that change an attribute (the migration's models lack KINDS_OF)."""
    from places.models.events import KINDS_OF

    return [str(kind) for kind in KINDS_OF[attribute]]


def rebuild(ids, using="default", place_model=None, event_model=None, state_model=None):
    """Work out the rows of these places again (the models: the migration passes its own)."""
    from places.models.events import PlaceEvent
    from places.models.places import Place

    place_model, event_model = place_model or Place, event_model or PlaceEvent
    state_model = state_model or PlaceState
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        wanted = expected(place_model, event_model, chunk, using)
        with transaction.atomic(using):
            state_model._base_manager.using(using).filter(place__in=chunk).delete()
            state_model._base_manager.using(using).bulk_create(
                state_model(place_id=pk, **row) for pk, rows in wanted.items() for row in rows
            )
    return len(ids)


def rebuild_all(using="default", place_model=None, event_model=None, state_model=None):
    """Every place again: the places without events of these kinds in one statement, the
    others place by place. Returns the number of places."""
    from places.models.events import PlaceEvent
    from places.models.places import Place

    place_model, event_model = place_model or Place, event_model or PlaceEvent
    state_model = state_model or PlaceState
    kinds = [kind for a in ATTRIBUTES for kind in kinds_of(event_model, a)]
    table, places = state_model._meta.db_table, place_model._meta.db_table
    events = event_model._meta.db_table
    marks = ", ".join(["%s"] * len(kinds))
    with transaction.atomic(using), connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (table names of the models)
        cursor.execute(
            f"INSERT INTO {table} (place_id, valid_from, valid_to, status, management_form, "  # noqa: S608
            f"place_type) SELECT p.id, p.opened_on, NULL, NULL, NULL, NULL FROM {places} p "
            f"WHERE NOT EXISTS (SELECT 1 FROM {events} e WHERE e.place_id = p.id "
            f"AND e.kind IN ({marks}))",
            kinds,
        )
        with_events = event_model._base_manager.using(using).filter(kind__in=kinds)
        ids = list(with_events.values_list("place", flat=True).distinct())
        rebuild(ids, using, place_model, event_model, state_model)
    return place_model._base_manager.using(using).count()


def disagreeing(using="default"):
    """The ids of the places whose rows differ from what their events say (for --check)."""
    from places.models.places import Place

    wrong = []
    ids = list(Place._base_manager.using(using).order_by("pk").values_list("pk", flat=True))
    fields = ["valid_from", "valid_to", *COLUMNS.values()]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        wanted = expected(Place, Place.events.rel.related_model, chunk, using)
        stored = PlaceState.objects.using(using).filter(place__in=chunk)
        have = {}
        ordered = stored.order_by("place", models.F("valid_from").asc(nulls_first=True))
        for row in ordered.values("place", *fields):
            have.setdefault(row.pop("place"), []).append(row)
        wrong += [pk for pk in chunk if have.get(pk, []) != wanted.get(pk, [])]
    return wrong
