"""Open Referral HSDS 3.0: each place as a service delivered at a location by an organisation.

Identifiers are UUIDs derived from the place, so an export is stable from run to run; those
of services, locations, their links and organisations hold the database key (key_id), so that
the HSDS API (hsds_api.py) finds the record a client asks for by its id.
Public exports hold public fields only (no contact person, no costs).
"""

import re
import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from places import hours_words
from places.geo import to_web

NAMESPACE = uuid.UUID("6f0a9b3e-2f55-4c2e-9a0e-0e5a7c1d4b21")
DAYS = {"Mo": "MO", "Tu": "TU", "We": "WE", "Th": "TH", "Fr": "FR", "Sa": "SA", "Su": "SU"}
STATUS = {"active": "active", "temporarily_closed": "temporarily closed", "closed": "defunct"}


# UUID version 8 (RFC 9562, custom): a fixed prefix, the kind of record and its key.
KEYED = {
    "service": 1,
    "service_at_location": 2,
    "location": 3,
    "organization": 4,
    "place": 5,
    "taxonomy": 6,
    "place_type": 7,
}
KEYED_ID = re.compile(r"6f0a9b3e-(?P<kind>[0-9a-f]{4})-8000-8000-(?P<key>[0-9a-f]{12})")


def uid(kind, key):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def key_id(kind, key):
    return f"6f0a9b3e-{KEYED[kind]:04x}-8000-8000-{key:012x}"


def parse_id(text):
    """(kind, key) of a key_id, or None."""
    found = KEYED_ID.fullmatch(text.lower()) if len(text) == 36 else None
    if not found:
        return None
    kinds = {number: kind for kind, number in KEYED.items()}
    kind = kinds.get(int(found["kind"], 16))
    return (kind, int(found["key"], 16)) if kind else None


def service(place):
    service_id = key_id("service", place.pk)
    location = location_of(place)
    return {
        "id": service_id,
        "organization_id": organisation_of(place)["id"],
        "name": place.name,
        "description": place.description or place.place_type.name,
        "url": place.website or None,
        "email": place.email or None,
        "status": STATUS[place.status],
        "fees_description": fees_description(place),
        "last_modified": place.updated_at.isoformat(),
        "organization": organisation_of(place),
        "phones": phones(place, service_id=service_id),
        "schedules": schedules(place, service_id=service_id),
        "cost_options": cost_options(place, service_id),
        "service_at_locations": [
            {
                "id": key_id("service_at_location", place.pk),
                "service_id": service_id,
                "location_id": location["id"],
                "location": location,
            }
        ],
        "attributes": attributes(place, service_id),
        "metadata": [],
    }


def taxonomy():
    """The register's one taxonomy: its types of place (huiskamer, buurtkamer…)."""
    return {
        "id": key_id("taxonomy", 1),
        "name": _("Types of meeting places"),
        "description": _("The kinds of meeting place in this register, as its map shows them."),
        "version": "1",
    }


def term(place_type):
    found = taxonomy()
    return {
        "id": key_id("place_type", place_type.pk),
        "code": place_type.slug,
        "name": place_type.name,
        "description": place_type.name,
        "taxonomy": found["name"],
        "taxonomy_id": found["id"],
        "taxonomy_detail": found,
    }


def attributes(place, service_id):
    """The service's type as a term of the register's taxonomy."""
    found = term(place.place_type)
    return [
        {
            "id": uid("attribute-type", place.pk),
            "link_id": service_id,
            "link_type": "type",
            "link_entity": "service",
            "taxonomy_term_id": found["id"],
            "taxonomy_term": found,
            "value": place.place_type.slug,
        }
    ]


def organisation_of(place):
    """The place's organisation; the place itself when none is known."""
    if place.organisation:
        return organization(place.organisation)
    return {
        "id": key_id("place", place.pk),
        "name": place.name,
        "description": "",
        "website": place.website or None,
    }


def organization(organisation):
    return {
        "id": key_id("organization", organisation.pk),
        "name": organisation.name,
        "description": organisation.get_kind_display(),
        "website": organisation.website or None,
    }


def location_of(place):
    point = to_web(place.location)
    location_id = key_id("location", place.pk)
    return {
        "id": location_id,
        "location_type": "physical",
        "name": place.name,
        "latitude": round(point.y, 6),
        "longitude": round(point.x, 6),
        "external_identifier": place.external_id or None,
        "external_identifier_type": place.source or None,
        "addresses": [address(place, location_id)] if place.street else [],
        "accessibility": accessibility(place, location_id),
        "phones": phones(place, location_id=location_id),
        "schedules": schedules(place, location_id=location_id),
    }


def address(place, location_id):
    return {
        "id": uid("address", place.pk),
        "location_id": location_id,
        "address_1": " ".join(p for p in (place.street, place.house_number) if p),
        "city": place.city or "",
        "state_province": "",
        "postal_code": place.postcode or "",
        "country": "NL",
        "address_type": "physical",
    }


def accessibility(place, location_id):
    details = [place.get_wheelchair_display()]
    if place.accessible_toilet:
        details.append(str(place._meta.get_field("accessible_toilet").verbose_name))
    if place.hearing_loop:
        details.append(str(place._meta.get_field("hearing_loop").verbose_name))
    return [
        {
            "id": uid("accessibility", place.pk),
            "location_id": location_id,
            "description": "; ".join(details),
            "details": place.wheelchair,
        }
    ]


def phones(place, **links):
    if not place.phone:
        return []
    key = "-".join(f"{k}" for k in links)
    return [{"id": uid(f"phone-{key}", place.pk), "number": place.phone, **links}]


def schedules(place, **links):
    """One WEEKLY schedule per simple rule of the opening hours; the rest as a description."""
    if not place.opening_hours:
        return []
    key = "-".join(links)
    found = []
    for number, (days, opens, closes) in enumerate(simple_rules(place.opening_hours)):
        found.append(
            {
                "id": uid(f"schedule-{key}-{number}", place.pk),
                **links,
                "freq": "WEEKLY",
                "byday": days,
                "opens_at": opens,
                "closes_at": closes,
                # HSDS' timezone is a fixed UTC offset; local time follows daylight saving.
                "notes": f"Lokale tijd ({settings.TIME_ZONE})",
                "description": "; ".join(hours_words.in_words(place.opening_hours)),
            }
        )
    if not found:
        found.append(
            {
                "id": uid(f"schedule-{key}", place.pk),
                **links,
                "description": "; ".join(hours_words.in_words(place.opening_hours)),
            }
        )
    return found


def simple_rules(text):
    """('MO,TU', '10:00', '16:00') for rules like 'Mo-Tu 10:00-16:00'."""
    from places.hours_form import parse

    grid = parse(text)
    if grid is None:
        return []
    rules, seen = [], {}
    for index, ranges in enumerate(grid[0]):
        for opens, closes in ranges:
            seen.setdefault((opens, closes), []).append(index)
    for (opens, closes), indexes in seen.items():
        days = ",".join(DAYS[list(DAYS)[i]] for i in indexes)
        rules.append((days, opens, closes))
    return rules


def fees_description(place):
    text = place.get_visitor_cost_display()
    if place.visitor_cost_amount is not None:
        text += f": € {place.visitor_cost_amount}"
    if place.visitor_cost_note:
        text += f" ({place.visitor_cost_note})"
    return text


def cost_options(place, service_id):
    if place.visitor_cost == "free":
        return [
            {
                "id": uid("cost", place.pk),
                "service_id": service_id,
                "option": "gratis",
                "currency": "EUR",
                "amount": 0,
            }
        ]
    if place.visitor_cost_amount is not None:
        return [
            {
                "id": uid("cost", place.pk),
                "service_id": service_id,
                "option": place.visitor_cost_note or "bijdrage",
                "currency": "EUR",
                "amount": float(place.visitor_cost_amount),
            }
        ]
    return []


def export(places):
    """An HSDS 3.0 document: every place as a service, with its location and organisation."""
    return {
        "hsds_version": "3.0",
        "services": [without_none(service(place)) for place in places],
    }


def without_none(value):
    """HSDS fields are optional but typed: leave out what is unknown instead of null."""
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(item) for item in value]
    return value
