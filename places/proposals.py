"""Checks before a proposed place is saved (issue 15): the pin from the address, likely
duplicates, and a pin that lies in another buurt than the postcode's places."""

import hashlib
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from places.geocoder import GeocodeError, geocode
from places.models import Area, Municipality, Place

POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")
NEAR_METRES = 200
SIMILAR = 0.8


def normal_postcode(text):
    match = POSTCODE.match(text or "")
    return f"{match[1]}{match[2].upper()}" if match else (text or "").strip()


def address_query(data):
    """'Javaplein 21, 1094HH Beekdal' from the form's address fields, or ''."""
    street = " ".join(part for part in (data.get("street"), data.get("house_number")) if part)
    town = " ".join(p for p in (normal_postcode(data.get("postcode")), data.get("city")) if p)
    return ", ".join(part for part in (street, town) if part)


def pin_from_address(data):
    """(WGS84 point, None) for the typed address, or (None, the reason in Dutch)."""
    query = address_query(data)
    if not (data.get("street") or data.get("postcode")):
        return None, _("Type the address (or place the pin on the map).")
    try:
        return geocode(query, Municipality.current().gemeente_digits).point, None
    except GeocodeError as error:
        return None, _("%(reason)s Check the address, or place the pin on the map yourself.") % {
            "reason": error
        }


def similar(one, other):
    one, other = one.casefold().strip(), other.casefold().strip()
    return one in other or other in one or SequenceMatcher(None, one, other).ratio() >= SIMILAR


def likely_duplicates(name, postcode, house_number, point):
    """Places with the same postcode and house number, or a very similar name within 200 m."""
    found = {}
    postcode = normal_postcode(postcode)
    if postcode and house_number:
        same_address = Place.objects.filter(
            postcode=postcode, house_number__iexact=house_number.strip(), merged_into=None
        )
        found.update({place.pk: place for place in same_address})
    if point is not None and name:
        for place in Place.objects.filter(merged_into=None).within(point, NEAR_METRES):
            if similar(name, place.name):
                found.setdefault(place.pk, place)
    return sorted(found.values(), key=lambda place: place.name)


def buurt_doubt(postcode, point):
    """A note when the pin lies in another buurt than the known places of the postcode."""
    postcode = normal_postcode(postcode)
    if not postcode or point is None:
        return ""
    theirs = Area.objects.filter(
        pk__in=Place.objects.filter(postcode=postcode).values("buurt")
    ).order_by("name")
    pin = Area.objects.buurt_at(point)
    if not theirs or pin in theirs:
        return ""
    return _(
        "The pin lies in %(pin)s, but the other places with postcode %(postcode)s lie in "
        "%(theirs)s. Is the pin in the right place?"
    ) % {
        "pin": pin.name if pin else _("no known buurt"),
        "postcode": postcode,
        "theirs": ", ".join(area.name for area in theirs),
    }


@dataclass
class Review:
    """What the proposer should see before the place is saved."""

    pin_placed: bool = False
    duplicates: list = field(default_factory=list)
    buurt_note: str = ""

    def __bool__(self):
        return self.pin_placed or bool(self.duplicates) or bool(self.buurt_note)


def review(data, pin_placed):
    point = data.get("location")
    return Review(
        pin_placed=pin_placed,
        duplicates=likely_duplicates(
            data.get("name", ""), data.get("postcode", ""), data.get("house_number", ""), point
        ),
        buurt_note=buurt_doubt(data.get("postcode", ""), point),
    )


def fingerprint(data):
    """Changes when what was reviewed changes: the name, the address or the pin."""
    point = data.get("location")
    where = f"{point.x:.1f},{point.y:.1f}" if point is not None else ""
    parts = [data.get(n, "") or "" for n in ("name", "street", "house_number", "postcode")]
    return hashlib.sha256("|".join([*parts, where]).encode()).hexdigest()[:16]
