"""The API's query parameters, declared once: each gives its OpenAPI parameter and its check.

A request with a bad value is refused as a whole (400) with a message per parameter, in the
request's language; parameters that are not declared are ignored, as the document says.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

BOOLEANS = {"true": True, "false": False}


class InvalidParameters(Exception):
    """{name: message} for each parameter that cannot be used."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Param:
    name: str
    schema: dict
    description: str = ""
    required: bool = False
    many: bool = False  # ?type=a&type=b
    extra: dict = field(default_factory=dict)  # e.g. an example

    def openapi(self):
        schema = listed(self.schema)
        schema = {"type": "array", "items": schema} if self.many else schema
        body = {"name": self.name, "in": "query", "required": self.required, "schema": schema}
        if self.many:
            body.update(style="form", explode=True)
        if self.description:
            body["description"] = str(self.description)
        return {**body, **self.extra}

    def clean(self, values):
        """The value(s) as Python, or raise ValueError with the message for the person."""
        if self.many:
            return [convert(self.schema, value) for value in values]
        if len(values) > 1:
            raise ValueError(_("Give this parameter once."))
        return convert(self.schema, values[0])


def listed(schema):
    """The schema with its enum read (apiparams.enum may hold a queryset)."""
    return {**schema, "enum": list(schema["enum"])} if "enum" in schema else schema


def convert(schema, text):
    """The value as Python; a schema's own x-message says what is wrong instead of ours."""
    try:
        return converted(schema, text)
    except ValueError:
        if "x-message" in schema:
            raise ValueError(schema["x-message"]) from None
        raise


def converted(schema, text):
    kind = schema.get("type", "string")
    if kind == "boolean":
        if text not in BOOLEANS:
            raise ValueError(_("Use true or false."))
        return BOOLEANS[text]
    if kind in ("integer", "number"):
        return in_range(schema, number(kind, text))
    if "enum" in schema and text not in schema["enum"]:
        raise ValueError(_("Unknown value: use one of %(values)s.") % {"values": choices(schema)})
    if len(text) > schema.get("maxLength", len(text)):
        raise ValueError(_("Too long: at most %(n)d characters.") % {"n": schema["maxLength"]})
    if "pattern" in schema and not re.search(schema["pattern"], text):
        raise ValueError(_("This value has the wrong form."))
    if schema.get("format") == "date-time":
        return moment(text)
    return text.replace("\x00", "")  # PostgreSQL refuses NUL characters in text


def choices(schema):
    values = list(schema["enum"])
    shown = ", ".join(values[:12])
    return shown + (", …" if len(values) > 12 else "")


INTEGER = re.compile(r"[-+]?\d{1,15}")
NUMBER = re.compile(r"[-+]?(\d{1,15}(\.\d{0,30})?|\.\d{1,30})([eE][-+]?\d{1,3})?")


def number(kind, text):
    """A whole number or a decimal one (not inf or nan), as a JSON number is written."""
    if kind == "integer":
        if not INTEGER.fullmatch(text):
            raise ValueError(_("Give a whole number."))
        return int(text)
    if not NUMBER.fullmatch(text):
        raise ValueError(_("Give a number."))
    return float(text)


def in_range(schema, value):
    low, high = schema.get("minimum"), schema.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(
            _("Out of range: from %(low)s to %(high)s.")
            % {"low": "…" if low is None else low, "high": "…" if high is None else high}
        )
    return value


def moment(text):
    """An ISO 8601 date and time, with or without a UTC offset (then local time)."""
    try:
        value = parse_datetime(text) if "T" in text.upper() else None
    except ValueError:
        value = None
    if not isinstance(value, datetime):
        raise ValueError(_("Give a date and time as 2026-03-01T14:30 (ISO 8601)."))
    if value.tzinfo is None:
        return value
    try:  # in UTC: the database takes offsets up to 15:59 only, ISO 8601 up to 23:59
        return value.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+01:00 is before the first year
        raise ValueError(_("Give a date and time as 2026-03-01T14:30 (ISO 8601).")) from None


def check(query, params):
    """The cleaned values of the declared parameters in `query` (a QueryDict)."""
    cleaned, errors = {}, {}
    for param in params:
        values = query.getlist(param.name)
        if not values:
            if param.required:
                errors[param.name] = _("This parameter is required.")
            continue
        try:
            cleaned[param.name] = param.clean(values)
        except ValueError as error:
            errors[param.name] = str(error)
    if errors:
        raise InvalidParameters(errors)
    return cleaned
