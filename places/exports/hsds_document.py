"""The OpenAPI document of our HSDS API: Open Referral's own (data/hsds/schema/openapi.json),
narrowed to the endpoints we serve, its remote schema references pointed at the copies in
data/hsds/schema/, and what it leaves open said precisely (page numbers from 1, the one
format, the errors). The views (hsds_api.py) declare their parameters from it."""

import copy
import json
from functools import cache
from pathlib import Path

from django.conf import settings

from places.exports import apiparams
from places.exports.params import Param

SCHEMAS = Path(settings.BASE_DIR) / "data" / "hsds" / "schema"
REMOTE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
MAX_PER_PAGE = 1000
PATHS = [
    "/",
    "/services",
    "/services/{id}",
    "/organizations",
    "/organizations/{id}",
    "/service_at_locations",
    "/service_at_locations/{id}",
    "/taxonomies",
    "/taxonomies/{id}",
    "/taxonomy_terms",
    "/taxonomy_terms/{id}",
]
# Compiled "list" schemas are not in the specification's schema folder: a list item holds a
# subset of the full object's fields, so it is checked against the full object's schema.
# Open Referral's document names service.json for one service_at_location (a slip).
SAME_AS = {
    "compiled/service_list": "service",
    "compiled/organization_list": "organization",
    "compiled/service_at_location_list": "service_at_location",
}
REFINED = {
    "page": {"type": "integer", "minimum": 1, "maximum": 10**6},
    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 50},
    "format": {"type": "string", "enum": ["json"]},
    "modified_after": {"type": "string", "format": "date-time"},
}
NOTES = {
    "proximity": "Not supported here: ignored.",
    "postcode": "Places with this postcode (1055SC), or in this postcode area (1055).",
    "format": "Only json.",
}


@cache
def original():
    return json.loads((SCHEMAS / "openapi.json").read_text())


@cache
def local_schemas():
    return {
        path.stem: json.loads(path.read_text())
        for path in sorted(SCHEMAS.glob("*.json"))
        if path.stem != "openapi"
    }


def local_ref(reference):
    """A reference to a schema file (theirs or a sibling) as one to our components."""
    name = reference.removeprefix(REMOTE).removesuffix(".json")
    name = SAME_AS.get(name, name.removeprefix("compiled/"))
    return f"#/components/schemas/{name}"


def relinked(value):
    if isinstance(value, dict):
        return {
            key: local_ref(item) if key == "$ref" and not item.startswith("#") else relinked(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [relinked(item) for item in value]
    return value


def document(server):
    source = copy.deepcopy(original())
    parameters = source["components"]["parameters"]
    for name, schema in {**REFINED, "search": apiparams.search()}.items():
        parameters[name]["schema"] = schema
    for name, note in NOTES.items():
        parameters[name]["description"] += " " + note
    paths = {path: relinked(source["paths"][path]) for path in PATHS}
    paths["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ] = {"$ref": "#/components/schemas/service_at_location"}
    for path, item in paths.items():
        responses = item["get"]["responses"]
        responses["200"]["headers"] = {"Access-Control-Allow-Origin": CORS}
        responses["400"] = answer("A parameter has a bad value: each is named with the reason")
        responses["405"] = answer("Any other method than GET, HEAD or OPTIONS")
        responses["405"]["headers"] = {"Allow": ALLOW}
        responses["429"] = answer("Past the rate limit of requests a minute from one address")
        responses["429"]["headers"] = {"Retry-After": RETRY_AFTER}
        if path != "/":
            responses["404"] = answer("No such record, or a page past the last one")
    schemas = {name: relinked(schema) for name, schema in local_schemas().items()}
    return {
        **source,
        "info": INFO,
        "servers": [{"url": server}],
        "paths": paths,
        "components": {
            **source["components"],
            "schemas": {**schemas, **ERRORS, **source["components"]["schemas"]},
        },
    }


def answer(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


CORS = {"required": True, "schema": {"type": "string", "const": "*"}}
RETRY_AFTER = {"required": True, "schema": {"type": "string", "pattern": "^[1-9][0-9]*$"}}
ALLOW = {"required": True, "schema": {"type": "string", "const": "GET, HEAD, OPTIONS"}}
ERRORS = {
    "Error": {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "parameters": {"type": "object", "additionalProperties": {"type": "string"}},
            "retry_after": {"type": "integer", "minimum": 1},
        },
        "required": ["error"],
    }
}
INFO = {
    "title": "Ontmoeting HSDS API",
    "version": "3.0",
    "summary": "The register's meeting places as Open Referral HSDS 3.0 services, read-only.",
    "description": (
        "Open Referral's HSDS API (the document in its specification, version 3.0), for the "
        "published meeting places: each place is a service at a location, delivered by its "
        "organisation (or by itself when none is known). Pages count from 1. Parameters "
        "that are not listed are ignored; a listed parameter with a bad value gets a 400; "
        "past the rate limit of requests a minute from one address, a 429 with Retry-After."
    ),
}


def params(path):
    """The query parameters of the GET at `path`, as the views check them."""
    source = original()
    found = []
    for item in source["paths"][path]["get"].get("parameters", []):
        if "$ref" in item:
            item = source["components"]["parameters"][item["$ref"].rsplit("/", 1)[1]]
        schema = REFINED.get(item["name"], item["schema"])
        if item["name"] == "search":
            schema = apiparams.search()  # the map's search, with its limits
        found.append(Param(item["name"], schema))
    return found
