"""Panels on a place's page that other apps add, so that places never imports them.

An app registers a panel in its ``AppConfig.ready()``: a template and a function that
gives the panel's context for a place and a person, or None when the panel is not theirs
to see. The place page shows the panels in the order they were registered (Wagtail's hooks
work the same way).
"""

from collections.abc import Callable
from dataclasses import dataclass

_panels = []


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable  # (place, user, can_edit) -> dict | None


def register(name, template, context):
    """Add a panel once (ready() may run more than once in tests)."""
    if all(panel.name != name for panel in _panels):
        _panels.append(Panel(name, template, context))


def for_place(place, user, can_edit):
    """[(template, context)] of the panels this person sees on this place's page."""
    shown = []
    for panel in _panels:
        context = panel.context(place, user, can_edit)
        if context is not None:
            shown.append((panel.template, context))
    return shown
