"""The texts of the Leaflet controls in the page's language: Leaflet and Leaflet.draw have
them in English only (static/js/map-texts.js puts these in their place)."""

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def texts():
    return {
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        "layers": _("Map layers"),
        "closePopup": _("Close"),
        "draw": {
            "toolbar": {
                "actions": {"title": _("Cancel placing the pin"), "text": _("Cancel")},
                "finish": {"title": _("Finish"), "text": _("Finish")},
                "undo": {"title": _("Delete last point drawn"), "text": _("Delete last point")},
                "buttons": {"marker": _("Place the pin")},
            },
            "handlers": {"marker": {"tooltip": {"start": _("Click the map to place the pin.")}}},
        },
        "edit": {
            "toolbar": {
                "actions": {
                    "save": {"title": _("Save changes"), "text": _("Save")},
                    "cancel": {"title": _("Cancel moving, undo the changes"), "text": _("Cancel")},
                    "clearAll": {"title": _("Remove the pin"), "text": _("Remove all")},
                },
                "buttons": {
                    "edit": _("Move the pin"),
                    "editDisabled": _("No pin to move"),
                    "remove": _("Remove the pin"),
                    "removeDisabled": _("No pin to remove"),
                },
            },
            "handlers": {
                "edit": {
                    "tooltip": {
                        "text": _("Drag the pin to the right place."),
                        "subtext": _("Click Cancel to undo the changes."),
                    }
                },
                "remove": {"tooltip": {"text": _("Click the pin to remove it.")}},
            },
        },
    }


@register.simple_tag
def leaflet_texts():
    """Include after Leaflet's own scripts and before the map is drawn (at window load)."""
    return json_script(texts(), "leaflet-texts") + format_html(
        '<script src="{}"></script>', static("js/map-texts.js")
    )


@register.simple_tag
def map_library():
    """Leaflet's stylesheets and scripts with these texts (places/_map_library.html): the same
    on every page in one language, so rendered once per process and language. Rendering them
    cost a fifth of the nearby page."""
    return _map_library(get_language())


@lru_cache(maxsize=16)
def _map_library(language):
    return mark_safe(get_template("places/_map_library.html").render())  # noqa: S308 (our template)
