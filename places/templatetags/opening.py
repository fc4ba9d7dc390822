"""Open now, and until when: the one wording of hours.state_at for every page, list and
handout (a tag, not an included template: the nearby list shows it in every row)."""

from functools import lru_cache

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def hours_state(state):
    if not state:
        return _("Opening hours not known")
    if state.is_open:
        said = format_html('<strong class="open">{}</strong>', _("Open now"))
    elif state.is_unknown:
        said = format_html("{}", _("Perhaps open now"))
    else:
        said = format_html("<strong>{}</strong>", _("Closed now"))
    if state.comment:
        said = format_html("{} ({})", said, state.comment)
    if state.closing_unknown:
        return format_html("{} · {}", said, _("closing time not known"))
    if not state.next_change:
        return said
    if state.is_open:
        return format_html("{} · {} {}", said, _("closes"), when(state.next_change, "H:i"))
    word = _("until") if state.is_unknown else _("opens")
    return format_html("{} · {} {}", said, word, when(state.next_change, "l j F, H:i"))


def when(moment, form):
    return _when(moment, form, get_language())


@lru_cache(maxsize=512)
def _when(moment, form, language):
    # Places share their changes (most open at 9:00 on a weekday): formatting a date in
    # words costs more than the rest of the line.
    return formats.date_format(template_localtime(moment), form)
