"""The HSDS 3.0 schemas (data/hsds/schema/) as jsonschema validators."""

import json

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.helpers.paths import DATA

SCHEMAS = DATA / "hsds" / "schema"


def validator(name):
    resources = [
        (
            path.name,
            Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
        )
        for path in SCHEMAS.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
