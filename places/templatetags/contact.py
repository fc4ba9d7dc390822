"""Contact a person can act on: a phone number as a tel: link, a route to the address."""

import re
from urllib.parse import urlencode

from django import template

from places.geo import to_web

register = template.Library()


@register.filter
def tel_href(phone):
    """'020 - 123 45 67' -> 'tel:0201234567'; '+31 (0)20 123' -> 'tel:+3120123'."""
    number = re.sub(r"\(0\)", "", phone or "")
    digits = ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)
    return f"tel:{digits}" if len(digits.lstrip("+")) >= 3 else ""


@register.filter
def route_url(place):
    """A route to the place in OpenStreetMap's route planner (opened only on a tap)."""
    if place.location is None:
        return ""
    point = to_web(place.location)
    return "https://www.openstreetmap.org/directions?" + urlencode(
        {"route": f";{point.y:.6f},{point.x:.6f}"}
    )
