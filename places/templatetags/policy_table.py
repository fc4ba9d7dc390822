"""The rows of the dashboard's table, written in Python: the 900 buurten of one gemeente cost
more through the template engine (a few tags per cell) than all of the page's queries. And
json_script for JSON that is text already (the gaps layer, places.policy.figures.gaps_json)."""

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()
ROW = '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>'


@register.simple_tag
def dashboard_rows(rows):
    """<tr> per AreaFigures: name, places, per 10,000, share beyond N m, people beyond N m."""
    area_url = reverse("places:area", kwargs={"code": "CODE"})  # one reverse, not one a row
    words = {
        "unknown": _("number of inhabitants unknown"),
        "none": _("no inhabitants"),
        "area": _("area unknown"),
        "few": _("no or few inhabitants"),
        "water": _("mainly water"),
    }
    return format_html_join(
        "",
        ROW,
        (
            (
                area_url.replace("CODE", row.area.code),
                row.area.name,
                localize(row.places),
                per_10000(row, words),
                share(row, words),
                people(row, words),
            )
            for row in rows
        ),
    )


def per_10000(row, words):
    if row.per_10000 is not None:
        return localize(row.per_10000)
    return words["unknown"] if row.population is None else words["none"]


def share(row, words):
    return words["area"] if row.uncovered_share is None else f"{localize(row.uncovered_share)}%"


def people(row, words):
    if row.few_inhabitants:
        count = words["water"] if row.population is None else localize(row.population)
        return format_html("{} ({})", words["few"], count)
    if row.people_beyond is None:
        return words["unknown"]
    if not row.unknown_parts:
        return localize(row.people_beyond)
    parts = ngettext(
        "%(counter)s neighbourhood without a figure not counted",
        "%(counter)s neighbourhoods without a figure not counted",
        row.unknown_parts,
    ) % {"counter": row.unknown_parts}
    return format_html("{} ({})", localize(row.people_beyond), parts)


# As django.utils.html.json_script escapes: the text cannot end the <script> element.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_text_script(text, element_id):
    """<script type="application/json"> holding JSON that is text already."""
    escaped = mark_safe(text.translate(SCRIPT_ESCAPES))  # noqa: S308 (escaped above)
    return format_html('<script id="{}" type="application/json">{}</script>', element_id, escaped)
