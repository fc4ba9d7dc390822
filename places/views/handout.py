"""The handout: chosen places on one A4 page for a client to take home.

For each place what the client needs to go there or call (address, phone, e-mail, website,
opening hours in words, cost, wheelchair access, when it was last checked) and a QR code of
its public page; a small map with the same numbers, drawn on the server; the wijkteam's own
contact line when a wijkteam member prints it; the date.
"""

from collections import Counter

import segno
from django.contrib.gis.db.models.functions import Distance
from django.core.validators import slug_re
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from places import hours, hours_words, roles
from places.geo import to_storage, to_web, web_point
from places.maps.sketch import Marker, sketch_map
from places.models import Area, Place
from places.views.nearby import NearbyForm

HANDOUT_MAX = 20


def handout_origin(query):
    form = NearbyForm(query)
    if form.is_valid() and None not in (form.cleaned_data["lat"], form.cleaned_data["lng"]):
        return web_point(form.cleaned_data["lng"], form.cleaned_data["lat"])
    return None


def qr_code(url):
    """The URL as a QR code (an SVG data URI), black on white, for a phone's camera."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def the_map(places, origin):
    """The numbered places (and the search point) as a small print-safe SVG map."""
    markers = [
        Marker(str(number), *to_web(place.location).coords)
        for number, place in enumerate(places, start=1)
    ]
    if origin is not None:
        markers.append(Marker("", origin.x, origin.y))
    return sketch_map(markers, _("Map of the places, numbered as in the list"))


def wijkteam_of(user, origin, places):
    """The team whose contact line goes on the handout, when a wijkteam member prints it. A
    member of several teams gets the team of the wijk searched from, else the team of most of
    the chosen places' wijken, else the first by name."""
    if not roles.is_wijkteam(user):
        return None
    teams = list(user.wijkteams.prefetch_related("wijken"))
    if len(teams) < 2:
        return teams[0] if teams else None
    buurt = Area.objects.buurt_at(origin) if origin else None
    if buurt and buurt.parent_id:
        for team in teams:
            if any(wijk.pk == buurt.parent_id for wijk in team.wijken.all()):
                return team
    wijken = Counter(place.buurt.parent_id for place in places if place.buurt_id)
    return max(teams, key=lambda team: sum(wijken[wijk.pk] for wijk in team.wijken.all()))


class HandoutView(TemplateView):
    """A print view of chosen places, for a wijkteam member to hand to a client."""

    template_name = "places/handout.html"

    def chosen_places(self, origin):
        # Only slugs reach the query (PostgreSQL refuses a NUL character with an error).
        slugs = [s for s in self.request.GET.getlist("plek") if slug_re.match(s)][:HANDOUT_MAX]
        places = Place.objects.visible_to(self.request.user).filter(slug__in=slugs).for_listing()
        if origin:
            places = places.annotate(distance=Distance("location", to_storage(origin)))
        by_slug = {place.slug: place for place in places}
        return [by_slug[slug] for slug in dict.fromkeys(slugs) if slug in by_slug]

    def get_context_data(self, **kwargs):
        origin = handout_origin(self.request.GET)
        chosen = self.chosen_places(origin)
        entries = [
            {
                "place": place,
                "hours": hours_words.in_words(place.opening_hours),
                "qr_code": qr_code(self.request.build_absolute_uri(place.get_absolute_url())),
            }
            for place in chosen
        ]
        return super().get_context_data(
            entries=entries,
            map=the_map(chosen, origin),
            with_distance=origin is not None,
            origin_label=self.request.GET.get("vanaf", "")[:200],
            wijkteam=wijkteam_of(self.request.user, origin, chosen),
            printed_on=hours.now(),
            **kwargs,
        )
