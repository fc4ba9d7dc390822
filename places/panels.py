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


# Lines for a place's to-do list under "Mijn plekken" that other apps add (the rondvraag:
# its open rounds and how far the place is with them), the same way as the panels.
_todos = []


def register_todo(name, items):
    """items: (place, user) -> [(text, url)]."""
    if all(existing != name for existing, _items in _todos):
        _todos.append((name, items))


def todo_for(place, user):
    return [item for _name, items in _todos for item in items(place, user)]
