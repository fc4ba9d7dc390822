"""A place's own story in words, for its page: its public events, oldest first, each dated
at the precision known ("in 2016", "in maart 2021", "op 4 maart 2021")."""

from dataclasses import dataclass

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from places.models import Organisation, Place, PlaceEvent, PlaceType

K = PlaceEvent.Kind
P = PlaceEvent.Precision


@dataclass
class Line:
    date: str  # ISO, to the precision known: "2016", "2021-03", "2021-03-04"
    text: str
    is_demo: bool = False


def when(event):
    """The date with its preposition, at the event's precision."""
    day = event.happened_on
    if event.precision == P.YEAR:
        return _("in %(year)s") % {"year": day.year}
    if event.precision == P.MONTH:
        return _("in %(month)s") % {"month": formats.date_format(day, "F Y")}
    return _("on %(date)s") % {"date": formats.date_format(day, "j F Y")}


def iso(event):
    length = {P.YEAR: 4, P.MONTH: 7}.get(event.precision, 10)
    return event.happened_on.isoformat()[:length]


class Names:
    """The words for the values events hold: codes and ids as the page names them."""

    def __init__(self, events):
        ids = {"place_type": set(), "operator": set()}
        for event in events:
            key = {K.PLACE_TYPE: "place_type", K.OPERATOR: "operator"}.get(event.kind)
            if key:
                ids[key] |= {int(v) for v in (event.old_value, event.new_value) if v.isdigit()}
        self.types = dict(
            PlaceType.objects.filter(pk__in=ids["place_type"]).values_list("pk", "name")
        )
        self.operators = dict(
            Organisation.objects.filter(pk__in=ids["operator"]).values_list("pk", "name")
        )
        self.forms = dict(Place.ManagementForm.choices)

    def of(self, event, value):
        if event.kind == K.MANAGEMENT_FORM:
            return str(self.forms.get(value, value))
        if event.kind in (K.PLACE_TYPE, K.OPERATOR) and value.isdigit():
            names = self.types if event.kind == K.PLACE_TYPE else self.operators
            return names.get(int(value), "?")
        return value


def sentence(event, names, first_type):
    moment = when(event)
    old, new = names.of(event, event.old_value), names.of(event, event.new_value)
    if event.kind == K.OPENED:
        return _("opened %(when)s as %(type)s") % {"when": moment, "type": first_type}
    if event.kind == K.CLOSED:
        return _("closed %(when)s") % {"when": moment}
    if event.kind == K.TEMPORARILY_CLOSED:
        return _("temporarily closed %(when)s") % {"when": moment}
    if event.kind == K.REOPENED:
        return _("open again %(when)s") % {"when": moment}
    if event.kind == K.MANAGEMENT_FORM and event.new_value == Place.ManagementForm.SELF:
        return _("%(when)s taken over by residents (%(new)s)") % {"when": moment, "new": new}
    if event.kind == K.MOVED and not old:
        return _("moved %(when)s to %(new)s") % {"when": moment, "new": new}
    template = {
        K.MANAGEMENT_FORM: _("%(when)s from %(old)s to %(new)s"),
        K.PLACE_TYPE: _("%(when)s from %(old)s to %(new)s"),
        K.OPERATOR: _("%(when)s a new operator: %(new)s"),
        K.MOVED: _("moved %(when)s from %(old)s to %(new)s"),
    }[event.kind]
    return template % {"when": moment, "old": old or "?", "new": new}


def first_type_name(place, events):
    """The type the place had when it opened: the first type change's old value, or now."""
    for event in events:
        if event.kind == K.PLACE_TYPE and event.old_value.isdigit():
            return PlaceType.objects.filter(pk=int(event.old_value)).first() or place.place_type
    return place.place_type


def story(place):
    """The public events of a place in words, oldest first."""
    events = list(place.events.public().chronological())
    if not events:
        return []
    names = Names(events)
    first_type = str(first_type_name(place, events))
    demo = set(place.demo_fields)
    return [
        Line(iso(e), capfirst(sentence(e, names, first_type)), f"event:{e.pk}" in demo)
        for e in events
    ]


def proposed(proposal):
    """A proposed event in words, as the place page would tell it once confirmed."""
    event = proposal.as_event()
    attribute = event.attribute
    if attribute and not event.old_value:
        value = getattr(proposal.place, attribute)
        event.old_value = "" if value is None else str(value)
    return capfirst(sentence(event, Names([event]), str(proposal.place.place_type)))


def proposals(place, limit=10):
    """The place's proposed events, newest first, each with its sentence: (proposal, text)."""
    rows = place.event_proposals.select_related("place__place_type")[:limit]
    return [(proposal, proposed(proposal)) for proposal in rows]
