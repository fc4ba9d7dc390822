"""Finding and merging duplicate places (issue 15): likely pairs, the fields that differ, a
merge that keeps the values the editor chose and records what it moved, and its undo."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from places.editing import MEMBER_FIELDS
from places.geo import transformed
from places.history.words import Words
from places.models import Membership, Merge, Place
from places.proposals import normal_postcode, similar

RD_NEW = 28992
NEAR_METRES = 25  # two listings this close are the same building
SIMILAR_NAME_METRES = 500
# What the editor chooses between: the fields a member's form sets, less the pin and the tags
# (the place kept keeps its own pin; tags are few and edited afterwards).
COMPARED = [name for name in MEMBER_FIELDS if name not in ("location", "services", "target_groups")]
MOVED = ["activities", "contact_moments", "reports", "claims", "yearly_costs"]


@dataclass
class Pair:
    first: Place
    second: Place
    reasons: list


def pairs(places=None):
    """Likely duplicates among the places not merged yet: the same address, a very similar
    name within 500 m, or two listings within 25 m; the strongest first."""
    places = list(
        (places if places is not None else Place.objects.all())
        .filter(merged_into=None)
        .select_related("place_type")
        .order_by("pk")
    )
    where = {p.pk: transformed(p.location, RD_NEW) for p in places}
    cells = defaultdict(list)
    for place in places:
        point = where[place.pk]
        cells[(int(point.x // SIMILAR_NAME_METRES), int(point.y // SIMILAR_NAME_METRES))].append(
            place
        )
    found = {}
    for place in places:
        point = where[place.pk]
        cx, cy = int(point.x // SIMILAR_NAME_METRES), int(point.y // SIMILAR_NAME_METRES)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in cells.get((cx + dx, cy + dy), []):
                    if other.pk <= place.pk:
                        continue
                    reasons = why(place, other, point.distance(where[other.pk]))
                    if reasons:
                        found[(place.pk, other.pk)] = Pair(place, other, reasons)
    by_address = defaultdict(list)
    for place in places:
        if place.postcode and place.house_number:
            by_address[(normal_postcode(place.postcode), place.house_number.upper())].append(place)
    for group in by_address.values():
        for i, place in enumerate(group):
            for other in group[i + 1 :]:
                pair = found.setdefault((place.pk, other.pk), Pair(place, other, []))
                if _("the same address") not in pair.reasons:
                    pair.reasons.insert(0, _("the same address"))
    return sorted(found.values(), key=lambda p: (-len(p.reasons), p.first.name, p.second.name))


def likely_for(place):
    """The likely duplicates of one place (it is not compared with the whole register)."""
    nearby = Place.objects.within(place.location, SIMILAR_NAME_METRES)
    same_address = (
        Place.objects.filter(postcode=place.postcode, house_number__iexact=place.house_number)
        if place.postcode and place.house_number
        else Place.objects.none()
    )
    candidates = Place.objects.filter(
        Q(pk__in=nearby.values("pk")) | Q(pk__in=same_address.values("pk"))
    )
    return [
        pair.second if pair.first == place else pair.first
        for pair in pairs(candidates)
        if place in (pair.first, pair.second)
    ]


def why(place, other, metres):
    reasons = []
    if similar(place.name, other.name):
        reasons.append(_("a very similar name"))
    if metres <= NEAR_METRES:
        reasons.append(_("%(metres)d m apart") % {"metres": round(metres)})
    return reasons


def differences(duplicate, target):
    """[(field name, label, duplicate's value in words, target's)] where they differ."""
    words = Words()
    rows = []
    for name in COMPARED:
        field = Place._meta.get_field(name)
        mine, theirs = field.value_from_object(duplicate), field.value_from_object(target)
        if mine != theirs:
            label = str(field.verbose_name).capitalize()
            rows.append((name, label, words.value(field, mine), words.value(field, theirs)))
    return rows


@transaction.atomic
def merge(duplicate, target, take, user):
    """Merge the duplicate into the target, which takes the duplicate's values of the fields
    in `take`; everything attached moves along. The Merge record allows an exact undo."""
    duplicate = Place.objects.select_for_update().get(pk=duplicate.pk)
    target = Place.objects.select_for_update().get(pk=target.pk)
    record = Merge(duplicate=duplicate, target=target, merged_by=user)
    record.target_before = {name: field_json(target, name) for name in take}
    record.duplicate_before = {
        "status": duplicate.status,
        "is_published": duplicate.is_published,
        "closed_on": duplicate.closed_on.isoformat() if duplicate.closed_on else None,
    }
    moved = {}
    taken_years = set(target.yearly_costs.values_list("year", flat=True))
    for name in MOVED:
        related = getattr(duplicate, name).all()
        if name == "yearly_costs":
            related = related.exclude(year__in=taken_years)
        moved[name] = list(related.values_list("pk", flat=True))
        related.update(place=target)
    moved["memberships"], moved["memberships_added"] = [], []
    for membership in duplicate.memberships.select_related("user"):
        moved["memberships"].append(membership.user_id)
        if not target.memberships.filter(user=membership.user).exists():
            added = Membership.objects.create(user=membership.user, place=target)
            moved["memberships_added"].append(added.pk)
        membership.delete()
    record.moved = moved
    record.save()
    for name in take:
        setattr(target, name, getattr(duplicate, name))
    if take:
        target._change_reason = f"samengevoegd met {duplicate.name}"
        target.save()
    duplicate.merged_into = target
    duplicate.is_published = False
    duplicate.status = Place.Status.CLOSED
    duplicate.closed_on = timezone.localdate()
    duplicate._change_reason = f"samengevoegd met {target.name}"
    duplicate.save()
    return record


@transaction.atomic
def unmerge(record):
    """Undo a merge: both places as they were, everything moved back."""
    record = Merge.objects.select_for_update().get(pk=record.pk)
    duplicate, target = record.duplicate, record.target
    for name in MOVED:
        model = Place._meta.get_field(name).related_model
        model.objects.filter(pk__in=record.moved.get(name, []), place=target).update(
            place=duplicate
        )
    Membership.objects.filter(pk__in=record.moved.get("memberships_added", [])).delete()
    for user_id in record.moved.get("memberships", []):
        Membership.objects.get_or_create(user_id=user_id, place=duplicate)
    for name, value in record.target_before.items():
        setattr(target, Place._meta.get_field(name).attname, from_json(name, value))
    if record.target_before:
        target._change_reason = f"samenvoeging met {duplicate.name} ongedaan gemaakt"
        target._undoing = True  # takes away the dated events of the merge
        target.save()
    before = record.duplicate_before
    duplicate.merged_into = None
    duplicate.status = before["status"]
    duplicate.is_published = before["is_published"]
    duplicate.closed_on = date.fromisoformat(before["closed_on"]) if before["closed_on"] else None
    duplicate._change_reason = f"samenvoeging met {target.name} ongedaan gemaakt"
    duplicate._undoing = True
    duplicate.save()
    record.undone_at = timezone.now()
    record.save(update_fields=["undone_at"])
    return duplicate


def field_json(place, name):
    value = Place._meta.get_field(name).value_from_object(place)
    return str(value) if value is not None and not isinstance(value, str | bool | int) else value


def from_json(name, value):
    field = Place._meta.get_field(name)
    return field.to_python(value) if value is not None else None
