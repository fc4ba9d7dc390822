"""The query parameters of each endpoint of our own API, with the values the register knows
(types, target groups, area codes): the OpenAPI document lists them and the views check them."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from places.exports.params import Param
from places.filters import SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS, SHOW_ALL
from places.geo import NETHERLANDS_BBOX
from places.models import Area, Place, PlaceType, TargetGroup

MAX_PAGE = 10**6
MAX_PAGE_SIZE, NEARBY_RADIUS, NEARBY_MAX_RADIUS, NEARBY_MAX_K = 1000, 5000, 50_000, 100
# The Netherlands' bounding box, as the nearby page accepts it.
LONGITUDES, LATITUDES = NETHERLANDS_BBOX[::2], NETHERLANDS_BBOX[1::2]


# The whitespace Python's str.split() splits words on (places.filters counts words so),
# written out: JSON Schema's \s (ECMA-262) is another set.
SPACE = (
    "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0"
    "\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
)


def search():
    """The map's search text (places.filters): at most 10 words and 200 characters, no NUL."""
    words = SEARCH_MAX_WORDS - 1
    return {
        "type": "string",
        "maxLength": SEARCH_MAX_LENGTH,
        "pattern": f"^[{SPACE}]*([^{SPACE}\\x00]+[{SPACE}]+){{0,{words}}}[^{SPACE}\\x00]*$",
        "x-message": gettext(
            "The search text is too long: use at most %(words)d words and %(length)d characters."
        )
        % {"words": SEARCH_MAX_WORDS, "length": SEARCH_MAX_LENGTH},
    }


def codes(kind):
    return Area.objects.filter(kind=kind).order_by("code").values_list("code", flat=True)


def enum(values):
    """The values may be a queryset: it is read only when a request gives the parameter, or
    for the document (every request read all 9,000 buurt codes at 1M places, 20 ms)."""
    return {"type": "string", "enum": values}


def boolean():
    return {"type": "boolean"}


def filters():
    """The map's filter (places.filters.PlaceFilter), parameter by parameter."""
    return [
        Param(
            "q",
            search(),
            _("Search text: every word must occur in the name, address or description."),
        ),
        Param("type", enum(PlaceType.objects.values_list("slug", flat=True)), _("Type"), many=True),
        Param("beheer", enum(Place.ManagementForm.values), _("Management form"), many=True),
        Param("gemeente", enum(codes(Area.Kind.GEMEENTE)), _("Municipality (CBS code)")),
        Param("wijk", enum(codes(Area.Kind.WIJK)), _("District (CBS code)")),
        Param("buurt", enum(codes(Area.Kind.BUURT)), _("Neighbourhood (CBS code)")),
        Param(
            "doelgroep",
            enum(TargetGroup.objects.values_list("slug", flat=True)),
            _("Target group"),
            many=True,
        ),
        Param("open_now", boolean(), _("Open now")),
        Param(
            "open_at",
            {"type": "string", "format": "date-time"},
            _("Open at this moment (ISO 8601; without an offset: local time, Europe/Amsterdam)"),
            extra={"example": "2026-03-02T14:30:00+01:00"},
        ),
        Param("rolstoel", boolean(), _("Wheelchair accessible")),
        Param("ook_onbekend", boolean(), _("Also places where that is not known")),
        Param(
            "status",
            enum([*Place.Status.values, SHOW_ALL]),
            _("Status; without it, active places only"),
        ),
    ]


def places():
    return [
        *filters(),
        Param(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            _("Page number (from 1)"),
        ),
        Param(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 100},
            _("Places per page"),
        ),
    ]


def nearby():
    return [
        Param("lat", number(*LATITUDES), _("Latitude (WGS84)"), required=True),
        Param("lng", number(*LONGITUDES), _("Longitude (WGS84)"), required=True),
        Param(
            "k",
            {"type": "integer", "minimum": 1, "maximum": NEARBY_MAX_K, "default": 10},
            _("How many places at most"),
        ),
        Param(
            "straal",
            {"type": "integer", "minimum": 1, "maximum": NEARBY_MAX_RADIUS, "default": 5000},
            _("Radius in metres"),
        ),
        *filters(),
    ]


def number(low, high):
    message = gettext("This location lies outside the Netherlands.")
    return {"type": "number", "minimum": low, "maximum": high, "x-message": message}


def areas():
    return [
        Param("kind", enum(Area.Kind.values), _("Only areas of this kind")),
        Param(
            "parent",
            enum(
                Area.objects.exclude(kind=Area.Kind.BUURT)
                .order_by("code")
                .values_list("code", flat=True)
            ),
            _("Only the areas within this area (CBS code)"),
        ),
    ]
