"""The OpenAPI 3.1 document of our own API, generated from what the views use: each view's
declared parameters (apiparams.py) and the response schemas below, which the contract tests
(tests/exports/test_contract.py) hold the answers to."""

from django.utils.translation import gettext as _

from places.exports import apiparams, schemas


def document(request, paths):
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Ontmoeting API",
            "version": "2.0",
            "description": _(
                "Read-only open data: the published meeting places and the areas. Answers in "
                "Dutch, in English with Accept-Language: en. Parameters that are not listed "
                "are ignored; a listed parameter with a bad value is refused (400) with a "
                "message per parameter. Every endpoint answers GET, HEAD and OPTIONS, and "
                "sends Access-Control-Allow-Origin: *. More than the rate limit of requests a "
                "minute from one address gets a 429 with Retry-After."
            ),
        },
        "servers": [{"url": request.build_absolute_uri("/")[:-1]}],
        "paths": {
            paths["places"]: operation(
                _("Places (JSON, paginated)"),
                apiparams.places(),
                ok("PlaceList", etag=True),
                paged=True,
            ),
            paths["places_geojson"]: operation(
                _("Places (GeoJSON, paginated)"),
                apiparams.places(),
                ok("PlaceCollection", "application/geo+json", etag=True),
                paged=True,
            ),
            paths["nearby"]: operation(
                _("The nearest places to a point, nearest first, with their distance"),
                apiparams.nearby(),
                ok("NearbyList"),
            ),
            paths["areas"]: operation(_("Areas"), apiparams.areas(), ok("AreaList")),
            paths["areas_geojson"]: operation(
                _("Area boundaries (simplified GeoJSON, cacheable for a day)"),
                apiparams.areas(),
                ok("AreaCollection", "application/geo+json", cached=True),
            ),
            paths["openapi"]: operation(
                _("This document"), [], ok(None, description=_("OpenAPI 3.1"))
            ),
        },
        "components": {
            "schemas": schemas.ALL,
            "headers": {
                "ETag": {
                    "description": _("Send it back in If-None-Match: 304 while nothing changed"),
                    "required": True,
                    "schema": {"type": "string"},
                },
                "Cache-Control": {"required": True, "schema": {"type": "string"}},
                "Access-Control-Allow-Origin": {
                    "required": True,
                    "schema": {"type": "string", "const": "*"},
                },
            },
            "responses": errors(),
        },
    }


def operation(summary, params, success, paged=False):
    responses = {
        "200": success,
        "400": {"$ref": "#/components/responses/BadRequest"},
        "405": {"$ref": "#/components/responses/MethodNotAllowed"},
        "429": {"$ref": "#/components/responses/TooManyRequests"},
    }
    if paged:
        responses["304"] = {"description": _("Not modified: the ETag still holds")}
        responses["404"] = {"$ref": "#/components/responses/NoSuchPage"}
    return {
        "get": {
            "summary": str(summary),
            "parameters": [param.openapi() for param in params],
            "responses": responses,
        }
    }


def ok(schema, media="application/json", etag=False, cached=False, description=None):
    headers = {
        "Access-Control-Allow-Origin": {"$ref": "#/components/headers/Access-Control-Allow-Origin"}
    }
    if etag:
        headers["ETag"] = {"$ref": "#/components/headers/ETag"}
    if cached:
        headers["Cache-Control"] = {"$ref": "#/components/headers/Cache-Control"}
    body = {"schema": {"$ref": f"#/components/schemas/{schema}"} if schema else {"type": "object"}}
    if schema in schemas.EXAMPLES:
        body["example"] = schemas.EXAMPLES[schema]
    return {
        "description": str(description or _("OK")),
        "headers": headers,
        "content": {media: body},
    }


def errors():
    def answer(description, schema="Error"):
        return {
            "description": str(description),
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        }

    refused = answer(_("A parameter has a bad value: each is named with the reason"))
    refused["content"]["application/json"]["example"] = schemas.EXAMPLES["Error"]
    not_allowed = answer(_("Any other method than GET, HEAD or OPTIONS"))
    not_allowed["headers"] = {
        "Allow": {"required": True, "schema": {"type": "string", "const": "GET, HEAD, OPTIONS"}}
    }
    too_many = answer(_("Past the rate limit of requests a minute from one address"))
    too_many["headers"] = {
        "Retry-After": {
            "description": _("Seconds to wait before the next request"),
            "required": True,
            "schema": {"type": "string", "pattern": "^[1-9][0-9]*$"},
        }
    }
    return {
        "BadRequest": refused,
        "TooManyRequests": too_many,
        "NoSuchPage": answer(_("The page number is past the last page")),
        "MethodNotAllowed": not_allowed,
    }
