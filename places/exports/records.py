"""A place as the API describes it, the same in every endpoint: the list, its GeoJSON and the
nearby search (where a distance is added). Public fields only."""

from django.conf import settings
from django.contrib.gis.db.models.functions import Transform

from places import hours

FIELDS = [
    "slug",
    "name",
    "place_type__slug",
    "place_type__name",
    "management_form",
    "status",
    "street",
    "house_number",
    "postcode",
    "city",
    "buurt__code",
    "opening_hours",
    "visitor_cost",
    "wheelchair",
    "website",
    "email",
    "phone",
    "updated_at",
]


def values(places):
    """The rows record() describes, with the point in WGS84."""
    places = places.annotate(point=Transform("location", settings.WEB_SRID))
    return places.values(*FIELDS, "point")


def record(row, moment):
    point = row.pop("point")
    row["open_now"] = open_now(row["opening_hours"], moment)
    row["type"] = row.pop("place_type__slug")
    row["type_name"] = row.pop("place_type__name")
    row["buurt"] = row.pop("buurt__code")
    row["updated_at"] = row["updated_at"].isoformat()
    row["geometry"] = {"type": "Point", "coordinates": [round(point.x, 6), round(point.y, 6)]}
    return row


def with_distances(found, moment):
    """The records of places found near a point (with .distance), nearest first."""
    if not found:
        return []
    model = type(found[0])
    rows = {
        row["slug"]: row
        for row in values(
            model.objects.using(settings.MAP_DATABASE).filter(pk__in=[p.pk for p in found])
        )
    }
    return [
        {**record(rows[place.slug], moment), "distance_m": round(place.distance.m)}
        for place in found
    ]


def open_now(text, moment):
    """Open, closed or unknown now, and until when: the answer the pages give."""
    state = hours.state_at(text, moment)
    return state.as_json() if state else None


def area(area, request):
    return {
        "code": area.code,
        "name": area.name,
        "kind": area.kind,
        "parent": area.parent.code if area.parent else None,
        "population": area.population,
        "url": request.build_absolute_uri(area.get_absolute_url()),
    }
