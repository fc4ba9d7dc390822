"""JSON Schemas (2020-12) of the answers of our own API: a place (records.py), an area,
their GeoJSON, the pages and the errors. The OpenAPI document carries them (openapi.py)."""

from places.models import Area, Place


def nullable(kind="string", **extra):
    return {"type": [kind, "null"], **extra}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def enum(values):
    return {"type": "string", "enum": list(values)}


def obj(properties, required=None, **extra):
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **extra,
    }


POSITION = {
    "type": "array",
    "description": "[longitude, latitude] in WGS84 (RFC 7946), six decimals",
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},
        {"type": "number", "minimum": -90, "maximum": 90},
    ],
    "minItems": 2,
    "maxItems": 2,
}
RING = {
    "type": "array",
    "description": "A closed ring; outer rings counter-clockwise, holes clockwise",
    "items": POSITION,
    "minItems": 4,
}

OPEN_NOW = nullable(
    "object",
    description="Open now, and until when; null when the opening hours are unknown",
    properties={
        "state": enum(["open", "closed", "unknown"]),
        "next_change": nullable(description="Local time (Europe/Amsterdam), ISO 8601"),
        "closing_time_known": {"type": "boolean"},
        "comment": {"type": "string"},
    },
    required=["state", "next_change", "closing_time_known", "comment"],
)

PLACE_PROPERTIES = {
    "slug": {"type": "string", "description": "The place's identifier, also in its page's URL"},
    "name": {"type": "string"},
    "type": {"type": "string", "description": "The type's slug"},
    "type_name": {"type": "string"},
    "management_form": enum(Place.ManagementForm.values),
    "status": enum(Place.Status.values),
    "street": nullable(),
    "house_number": nullable(),
    "postcode": nullable(),
    "city": nullable(),
    "buurt": nullable(description="CBS code of the buurt"),
    "opening_hours": nullable(description="OpenStreetMap opening_hours syntax"),
    "visitor_cost": enum(Place.VisitorCost.values),
    "wheelchair": enum(Place.Wheelchair.values),
    "website": nullable(),
    "email": nullable(),
    "phone": nullable(),
    "updated_at": {"type": "string", "format": "date-time"},
    "open_now": OPEN_NOW,
}
POINT = obj({"type": {"const": "Point"}, "coordinates": POSITION})
PLACE = obj({**PLACE_PROPERTIES, "geometry": POINT})
NEARBY_PLACE = obj(
    {**PLACE_PROPERTIES, "geometry": POINT, "distance_m": {"type": "integer", "minimum": 0}}
)
PAGE_LINKS = {
    "count": {"type": "integer", "minimum": 0, "description": "Places on all pages"},
    "next": nullable(format="uri"),
    "previous": nullable(format="uri"),
}
PLACE_FEATURE = obj(
    {
        "type": {"const": "Feature"},
        "id": {"type": "string"},
        "geometry": POINT,
        "properties": obj(PLACE_PROPERTIES),
    }
)
AREA = obj(
    {
        "code": {"type": "string", "description": "CBS code"},
        "name": {"type": "string"},
        "kind": enum(Area.Kind.values),
        "parent": nullable(),
        "population": nullable("integer", minimum=0),
        "url": {"type": "string", "format": "uri"},
    }
)
POLYGON = obj({"type": {"const": "Polygon"}, "coordinates": {"type": "array", "items": RING}})
MULTIPOLYGON = obj(
    {
        "type": {"const": "MultiPolygon"},
        "coordinates": {"type": "array", "items": {"type": "array", "items": RING}},
    }
)
AREA_FEATURE = obj(
    {
        "type": {"const": "Feature"},
        "id": {"type": "string"},
        "geometry": {"oneOf": [POLYGON, MULTIPOLYGON]},
        "properties": obj(
            {"code": {"type": "string"}, "name": {"type": "string"}, "kind": enum(Area.Kind.values)}
        ),
    }
)


def collection(item, **members):
    return obj(
        {
            "type": {"const": "FeatureCollection"},
            **members,
            "features": {"type": "array", "items": item},
        }
    )


def listing(item, **members):
    return obj({**members, "results": {"type": "array", "items": item}})


ALL = {
    "Place": PLACE,
    "PlaceList": listing(ref("Place"), **PAGE_LINKS),
    "PlaceFeature": PLACE_FEATURE,
    "PlaceCollection": collection(ref("PlaceFeature"), **PAGE_LINKS),
    "NearbyPlace": NEARBY_PLACE,
    "NearbyList": listing(ref("NearbyPlace"), count={"type": "integer", "minimum": 0}),
    "Area": AREA,
    "AreaList": listing(ref("Area"), count={"type": "integer", "minimum": 0}),
    "AreaFeature": AREA_FEATURE,
    "AreaCollection": collection(ref("AreaFeature")),
    "Error": obj(
        {
            "error": {"type": "string", "description": "What went wrong, for a person"},
            "parameters": {
                "type": "object",
                "description": "Each bad parameter with the reason",
                "additionalProperties": {"type": "string"},
            },
            "retry_after": {
                "type": "integer",
                "minimum": 1,
                "description": "Past the rate limit (429): seconds to wait, as Retry-After",
            },
        },
        required=["error"],
    ),
}

EXAMPLE_PLACE = {
    "slug": "buurtkamer-het-anker",
    "name": "Buurtkamer Het Anker",
    "type": "buurtkamer",
    "type_name": "Buurtkamer",
    "management_form": "zelfbeheer",
    "status": "active",
    "street": "Hoofdweg",
    "house_number": "495a",
    "postcode": "1055SC",
    "city": "Amsterdam",
    "buurt": "BU03630101",
    "opening_hours": "Mo-Fr 10:00-16:00",
    "visitor_cost": "free",
    "wheelchair": "yes",
    "website": "",
    "email": "",
    "phone": "",
    "updated_at": "2026-03-02T10:15:00+00:00",
    "open_now": {
        "state": "open",
        "next_change": "2026-03-02T16:00:00",
        "closing_time_known": True,
        "comment": "",
    },
    "geometry": {"type": "Point", "coordinates": [4.8505, 52.3702]},
}
EXAMPLES = {
    "PlaceList": {"count": 1, "next": None, "previous": None, "results": [EXAMPLE_PLACE]},
    "NearbyList": {"count": 1, "results": [{**EXAMPLE_PLACE, "distance_m": 240}]},
    "Error": {
        "error": "Some parameters cannot be used.",
        "parameters": {"type": "Unknown value: use one of buurtkamer, buurthuis, huiskamer."},
    },
}
