"""Places near an address, a location or a click on the map (the handout: views/handout.py)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from places import hours
from places.filters import PlaceFilter
from places.geo import netherlands_validator, web_point
from places.geocoder import GeocodeError, geocode, suggest
from places.maps import features
from places.models import Place

RADIUS_CHOICES = [(500, "500 m"), (1000, "1 km"), (2000, "2 km"), (5000, "5 km")]


class NearbyForm(forms.Form):
    adres = forms.CharField(
        label=_("Address or postcode"),
        required=False,
        max_length=200,
        # static/js/address-suggest.js offers PDOK's suggestions from this URL as one types.
        widget=forms.TextInput(
            attrs={
                "autocomplete": "street-address",
                "data-suggest-url": reverse_lazy("places:address-suggest"),
            }
        ),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)
    straal = forms.TypedChoiceField(
        label=_("Within"),
        choices=RADIUS_CHOICES,
        coerce=int,
        initial=settings.NEARBY_DEFAULT_RADIUS,
        required=False,
    )

    def clean(self):
        # lat and lng are hidden: their errors are said where the page shows them.
        data = super().clean()
        if self.has_error("lat") or self.has_error("lng"):
            self.add_error(None, _("The chosen point cannot be read. Click on the map again."))
        elif data.get("lat") is not None and data.get("lng") is not None:
            try:
                netherlands_validator(web_point(data["lng"], data["lat"]))
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def origin(self):
        """(label, WGS84 point) the search starts from, or None; form errors say why not."""
        data = self.cleaned_data
        if data.get("lat") is not None and data.get("lng") is not None:
            return data.get("adres") or _("the chosen point on the map"), web_point(
                data["lng"], data["lat"]
            )
        if data.get("adres"):
            try:
                location = geocode(data["adres"])
            except GeocodeError as error:
                self.add_error("adres", str(error))
                return None
            return location.label, location.point
        return None

    @property
    def radius(self):
        return self.cleaned_data.get("straal") or settings.NEARBY_DEFAULT_RADIUS


def result_rows(places, moment):
    """Each place with its distance and what its hours say at that moment."""
    return [
        {
            "place": place,
            "distance": round(place.distance.m),
            "hours": hours.state_at(place.opening_hours, moment),
        }
        for place in places
    ]


def map_features(places):
    """Numbered markers for a list of places (the nearby results, a wijkteam's list)."""
    return features.collection(
        features.feature(
            features.point(place.location),
            {"slug": place.slug, "name": place.name, "type": place.place_type.slug, "number": n},
        )
        for n, place in enumerate(places, start=1)
    )


class NearbyView(TemplateView):
    template_name = "places/nearby.html"

    def get_context_data(self, **kwargs):
        form = NearbyForm(self.request.GET or None)
        context = {"form": form, "searched": False}
        origin = form.origin() if form.is_valid() else None
        base = Place.objects.visible_to(self.request.user)
        if origin:
            label, point = origin
            if self.request.GET.get("open_now") or self.request.GET.get("open_at"):
                # Opening hours are evaluated in Python: keep the candidates to the circle.
                base = base.within(point, form.radius)
        place_filter = PlaceFilter(self.request.GET, queryset=base)
        context["filter"] = place_filter
        context["filters_used"] = place_filter.is_valid() and any(
            place_filter.form.cleaned_data.values()
        )
        if origin:
            places = (
                place_filter.qs.for_listing()
                .prefetch_related("target_groups")
                .nearest_within(point, settings.NEARBY_MAX_RESULTS, form.radius)
            )
            context.update(
                searched=True,
                origin_label=label,
                origin={"lat": point.y, "lng": point.x, "radius": form.radius},
                rows=result_rows(places, hours.now()),
                features=map_features(places),
            )
        return super().get_context_data(**context, **kwargs)


class AddressSuggestView(View):
    """PDOK's address suggestions for what is typed so far, through the app (the CSP allows
    no other origin, and PDOK sees the server, not the person)."""

    def get(self, request):
        response = JsonResponse({"suggestions": suggest(request.GET.get("q", ""))})
        patch_cache_control(response, public=True, max_age=60 * 60)
        return response
