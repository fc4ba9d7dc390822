"""Plausible example details for the demonstration, marked as such ("voorbeeldgegevens").

The real Amsterdam file gives names, types and addresses only. For the demo, this fills
what a place's page, the lists and the dashboard show, from a seed, place by place (the
place's slug and the seed pick its values, so one place gets the same details whatever else
is in the database). Only empty or unknown values are filled: a real value is never
overwritten. A place without a story gets a plausible history (places.demo_history).
Everything filled in is listed in `place.demo_fields`, so that pages say
"voorbeeldgegevens" and `remove()` takes away exactly that.

Phone numbers: the Dutch numbering plan (Nummerplan, ACM) reserves no range for fiction or
examples, as the UK's 020 7946 0xxx is. The numbers here are "088 000 00 xx", written so
that no reader takes them for real; the e-mail addresses are at example.org (RFC 2606).
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from places import demo_history
from places.models import (
    ContactMoment,
    Place,
    Service,
    TargetGroup,
    Wijkteam,
)
from places.models.history import import_run

RUN = "demo-details"
FORMS = Place.ManagementForm
# About a Rotterdam network of Huizen van de Wijk and huiskamers: zelfbeheer 40 %, sociaal
# beheer 45 %, particulier initiatief 15 %; a Huis van de Wijk is mostly sociaal beheer.
FORM_WEIGHTS = {FORMS.SELF: 40, FORMS.SOCIAL: 45, FORMS.PRIVATE: 15}
HUIS_FORM_WEIGHTS = {FORMS.SELF: 15, FORMS.SOCIAL: 80, FORMS.PRIVATE: 5}
HOURS = [
    ("Mo-Fr 09:00-17:00; PH off", 30),
    ("Mo-Fr 10:00-16:00; PH off", 20),
    ("Mo,We,Fr 10:00-15:00; PH off", 12),
    ("Tu-Th 13:00-17:00", 8),
    ("Mo-Fr 09:00-17:00, 19:00-21:30; PH off", 8),
    ("Mo,We 10:00-16:00; Tu,Th 10:00-16:00,19:00-22:00", 6),
    ("Mo-Fr 10:00-16:00; Sa 10:00-13:00; PH off", 6),
    ('Tu,Th 10:00-12:00; PH off || "op afspraak"', 5),
    ('"op afspraak"', 5),
]
ACTIVITIES = [
    ("Koffieochtend", "dinsdag 10:00-12:00", "on_site", ""),
    ("Samen eten", "donderdag 17:30", "on_site", "€ 4"),
    ("Taalcafé", "woensdag 14:00-16:00", "on_site", ""),
    ("Computerspreekuur", "maandag 13:00-15:00", "on_site", ""),
    ("Breien en haken", "vrijdag 13:30-15:30", "on_site", "€ 1"),
    ("Stoelyoga", "dinsdag 14:00", "on_site", "€ 2"),
    ("Online bingo", "vrijdag 19:30", "online", ""),
    ("Digitaal koffie-uurtje", "woensdag 10:00", "online", ""),
    ("Huiswerkbegeleiding", "ma en do 15:30-17:30", "on_site", ""),
]
CONTACT_NOTES = [
    "Kennismaking met de vrijwilligers (voorbeeld).",
    "Gevraagd naar de activiteiten voor ouderen (voorbeeld).",
    "Overleg over een gezamenlijk spreekuur (voorbeeld).",
]


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def place_rng(seed, place):
    return random.Random(f"{seed}:{place.slug}")  # noqa: S311 (reproducible demo data)


def generate(places, seed, today=None):
    """Fill the empty details of these places; returns how many places got any."""
    today = today or timezone.localdate()
    vocab = (list(Service.objects.order_by("slug")), list(TargetGroup.objects.order_by("slug")))
    filled = 0
    with import_run(RUN):
        for place in places:
            rng = place_rng(seed, place)
            marks = fill_fields(place, rng, today) + fill_tags(place, rng, *vocab)
            marks += fill_rows(place, rng, today)
            marks += demo_history.add_history(place, rng, today)
            if marks:
                place.demo_fields = [*place.demo_fields, *marks]
                place.save()
                filled += 1
    return filled


def fill_fields(place, rng, today):
    """Set the place's empty fields (unsaved) and return their names."""
    values = field_values(place, rng, today)
    empty = {name: value for name, value in values.items() if is_empty(place, name)}
    for name, value in empty.items():
        setattr(place, name, value)
    if "visitor_cost" in empty and place.visitor_cost == Place.VisitorCost.CONTRIBUTION:
        place.visitor_cost_amount = Decimal(rng.choice(["0.50", "1.00", "2.00"]))
        empty["visitor_cost_amount"] = place.visitor_cost_amount
    return list(empty)


def is_empty(place, name):
    return getattr(place, name) == Place._meta.get_field(name).get_default()


def field_values(place, rng, today):
    forms = HUIS_FORM_WEIGHTS if place.place_type.slug == "huis-van-de-wijk" else FORM_WEIGHTS
    number = rng.randrange(100)
    verified = today - datetime.timedelta(days=rng.randrange(730))
    return {
        "management_form": weighted(rng, forms.items()),
        "opening_hours": weighted(rng, HOURS),
        "visitor_cost": weighted(rng, [("free", 60), ("contribution", 25), ("varies", 15)]),
        "wheelchair": weighted(rng, [("yes", 60), ("limited", 25), ("no", 15)]),
        "accessible_toilet": rng.random() < 0.6,
        "hearing_loop": rng.random() < 0.25,
        "phone": f"088 000 00 {number:02d}",
        "email": f"{place.slug[:40]}@example.org",
        "last_verified_at": timezone.make_aware(
            datetime.datetime.combine(verified, datetime.time(rng.randrange(9, 17)))
        ),
    }


def fill_tags(place, rng, services, groups):
    marks = []
    for manager, vocab, kind in (
        (place.services, services, "service"),
        (place.target_groups, groups, "target_group"),
    ):
        if vocab and not manager.exists():
            chosen = rng.sample(vocab, k=min(len(vocab), rng.randint(1, 3)))
            manager.add(*chosen)
            marks += [f"{kind}:{tag.pk}" for tag in chosen]
    return marks


def fill_rows(place, rng, today):
    years = [today.year - 3, today.year - 2, today.year - 1]
    marks = [f"yearly_costs:{year}" for year in years if add_costs(place, year, rng)]
    target = rng.choice([None, 25, 40, 60, 80]) if place.management_form != FORMS.SELF else None
    marks += [f"year_figures:{year}" for year in years if add_figures(place, year, target, rng)]
    if not place.activities.exists():
        for name, when, mode, cost in rng.sample(ACTIVITIES, k=rng.randint(1, 3)):
            activity = place.activities.create(name=name, when=when, mode=mode, cost=cost)
            marks.append(f"activity:{activity.pk}")
    return marks + add_contact_moments(place, rng, today)


def add_costs(place, year, rng):
    if place.yearly_costs.filter(year=year).exists():
        return False
    rent = Decimal(rng.randrange(0, 24000, 500))
    operating = Decimal(rng.randrange(2000, 15000, 250))
    fees = Decimal(rng.randrange(0, 6000, 250))
    share = Decimal(rng.choice([0, 40, 60, 80, 100])) / 100  # of these costs, never more
    place.yearly_costs.create(
        year=year,
        rent=rent,
        operating_costs=operating,
        volunteer_fees=fees,
        subsidy=((rent + operating + fees) * share).quantize(Decimal(1)),
        other_income=Decimal(rng.randrange(0, 3000, 100)),
    )
    return True


def add_figures(place, year, target, rng):
    if place.year_figures.filter(year=year).exists():
        return False
    base = target or rng.randrange(15, 90)
    place.year_figures.create(
        year=year,
        visitors_per_week=max(1, round(base * rng.uniform(0.65, 1.35))),
        volunteers=rng.randrange(2, 25),
        activities=rng.randrange(2, 12),
        target_visitors_per_week=target,
        target_activities=rng.randrange(3, 9) if target else None,
    )
    return True


def add_contact_moments(place, rng, today):
    wijkteam = (
        Wijkteam.objects.filter(wijken=place.buurt.parent_id).first() if place.buurt else None
    )
    if wijkteam is None or place.contact_moments.exists():
        return []
    marks = []
    for _n in range(rng.choice([0, 1, 1, 2, 3])):
        moment = place.contact_moments.create(
            wijkteam=wijkteam,
            user=wijkteam.members.order_by("pk").first(),
            date=today - datetime.timedelta(days=rng.randrange(1, 400)),
            kind=rng.choice(ContactMoment.Kind.values),
            note=rng.choice(CONTACT_NOTES),
        )
        marks.append(f"contact_moment:{moment.pk}")
    return marks


ROW_KINDS = {
    "yearly_costs": lambda place, keys: place.yearly_costs.filter(year__in=keys).delete(),
    "year_figures": lambda place, keys: place.year_figures.filter(year__in=keys).delete(),
    "activity": lambda place, keys: place.activities.filter(pk__in=keys).delete(),
    "contact_moment": lambda place, keys: place.contact_moments.filter(pk__in=keys).delete(),
    "event": lambda place, keys: place.events.filter(pk__in=keys).delete(),
    "service": lambda place, keys: place.services.remove(*keys),
    "target_group": lambda place, keys: place.target_groups.remove(*keys),
}


def remove(places):
    """Take away exactly what generate() added; returns how many places had any."""
    count = 0
    with import_run(RUN):
        for place in places.exclude(demo_fields=[]):
            remove_from(place)
            count += 1
    return count


def remove_from(place):
    rows = {}
    for mark in place.demo_fields:
        kind, _sep, key = mark.partition(":")
        if key:
            rows.setdefault(kind, []).append(int(key))
        else:
            setattr(place, kind, Place._meta.get_field(kind).get_default())
    for kind, keys in rows.items():
        ROW_KINDS[kind](place, keys)
    place.demo_fields = []
    place.save()


# How a row's demo mark names it: by year for costs and figures, by id for activities.
ROW_MARKS = {
    "yearlycosts": "yearly_costs",
    "yearfigures": "year_figures",
    "activity": "activity",
    "placeevent": "event",
}


def edited_rows(formsets):
    """The demo marks of the rows somebody changed or deleted in the edit form's formsets.

    A row a person saved is theirs from then on, as a field saved in the form is
    (editing.confirmed): it is no longer example data, and remove() leaves it alone. A
    deleted row's mark goes with it, so that it cannot later name a real row of that year.
    Rows saved unchanged stay marked."""
    marks = set()
    for formset in formsets:
        kind = ROW_MARKS[formset.model._meta.model_name]
        for form in formset.initial_forms:
            if form.has_changed() or form in formset.deleted_forms:
                by_id = kind in ("activity", "event")
                key = form.instance.pk if by_id else form.initial.get("year")
                marks.add(f"{kind}:{key}")
    return marks


def has_demo(places=None):
    """Whether any of these places (all by default) shows demo values."""
    return (Place.objects.all() if places is None else places).exclude(demo_fields=[]).exists()
