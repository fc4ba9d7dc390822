"""Places near an address, a location or a click on the map (the handout: views/handout.py)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from places import hours
from places.filters import NearbyFilter, PlaceFilter
from places.findings import PARTLY_ANSWERED, Finding, findings
from places.geo import netherlands_validator, web_point
from places.geocoder import GeocodeError, geocode, suggest
from places.maps.nearest import STEP, count_within, map_features, nearest
from places.models import DataVersion, Municipality, Place
from places.models.municipality import NEARBY_RADII

RADIUS_CHOICES = NEARBY_RADII


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
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["straal"].initial = Municipality.current().nearby_radius

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
                location = geocode(data["adres"], Municipality.current().gemeente_digits)
            except GeocodeError as error:
                self.add_error("adres", str(error))
                return None
            return location.label, location.point
        return None

    @property
    def radius(self):
        return self.cleaned_data.get("straal") or Municipality.current().nearby_radius

    @property
    def shown(self):
        """How many results to show (`aantal`): STEP at first, up to NEARBY_MAX_RESULTS. It
        is not a field: a number out of range shows the nearest ones, not an error."""
        try:
            asked = int(self.data.get("aantal", STEP))
        except (TypeError, ValueError):
            asked = STEP
        return min(max(asked, STEP), settings.NEARBY_MAX_RESULTS)

    @property
    def larger_radius(self):
        """The next radius choice, or None at the largest."""
        return next((metres for metres, _label in RADIUS_CHOICES if metres > self.radius), None)


def what_to_say(query, visible, point, form, found):
    """Beside the results: for how many places within the radius a filter could not be
    answered; when nothing was found, the advice."""
    if not found.rows:
        return advice(query, visible, point, form)
    if any(query.get(name) for name in PARTLY_ANSWERED):
        return findings(query, visible.within(point, form.radius), found.total)
    return []


def advice(query, visible, point, form):
    """Why nothing was found and what would find something (issue 14, point 3): a larger
    radius only when it finds places; otherwise the filter that removes everything within
    the radius, as the home page says it (places.findings)."""
    larger = form.larger_radius
    if larger:
        circle = visible.within(point, larger)  # hours are evaluated on these only
        count = count_within(PlaceFilter(query, queryset=circle).qs, point, larger)
        if count:
            return [larger_radius_finding(query, larger, count)]
    if any(name in query for name in PlaceFilter.base_filters):
        return findings(query, visible.within(point, form.radius), 0)
    return []


def larger_radius_finding(query, radius, count):
    wider = query.copy()
    wider["straal"] = str(radius)
    label = dict(RADIUS_CHOICES)[radius]
    if count > settings.NEARBY_MAX_RESULTS:
        text = _("Within %(radius)s: more than %(count)s places.") % {
            "radius": label,
            "count": settings.NEARBY_MAX_RESULTS,
        }
    else:
        text = ngettext(
            "Within %(radius)s: %(count)s place.", "Within %(radius)s: %(count)s places.", count
        ) % {"radius": label, "count": count}
    return Finding(text, _("Search within %(radius)s") % {"radius": label}, url(wider))


def url(query):
    return "?" + query.urlencode()


def more_url(query, found):
    """The same search showing STEP more, landing on the first of them; "" when none."""
    if not found.next_count:
        return ""
    more = query.copy()
    more["aantal"] = str(found.next_count)
    return f"{url(more)}#resultaat-{len(found.rows) + 1}"


def filters_key(query, version):
    """The filter panel's cache key: the data version (the choices) and the filter values,
    not the address, so that every search with the same filters shares it."""
    used = [(name, query.getlist(name)) for name in sorted(PlaceFilter.base_filters)]
    return f"{version}:{used}"


class NearbyView(TemplateView):
    template_name = "places/nearby.html"

    def get_context_data(self, **kwargs):
        form = NearbyForm(self.request.GET or None)
        context = {"form": form, "searched": False}
        origin = form.origin() if form.is_valid() else None
        visible = base = Place.objects.visible_to(self.request.user)
        if origin:
            label, point = origin
            if self.request.GET.get("open_now") or self.request.GET.get("open_at"):
                # Opening hours are evaluated in Python: keep the candidates to the circle.
                base = base.within(point, form.radius)
        place_filter = NearbyFilter(self.request.GET, queryset=base)
        context["filter"] = place_filter
        context["data_version"] = DataVersion.current()
        context["filters_key"] = filters_key(self.request.GET, context["data_version"])
        context["filters_used"] = place_filter.is_valid() and any(
            place_filter.form.cleaned_data.values()
        )
        if origin:
            found = nearest(place_filter.qs, point, form.radius, form.shown, hours.now())
            query = self.request.GET.copy()
            query.pop("aantal", None)
            context.update(
                searched=True,
                origin_label=label,
                origin={"lat": point.y, "lng": point.x, "radius": form.radius},
                found=found,
                rows=found.rows,
                features=map_features(row.place for row in found.rows),
                more_url=more_url(query, found),
                findings=what_to_say(query, visible, point, form, found),
            )
        return super().get_context_data(**context, **kwargs)


class AddressSuggestView(View):
    """PDOK's address suggestions for what is typed so far, through the app (the CSP allows
    no other origin, and PDOK sees the server, not the person)."""

    def get(self, request):
        gemeente = Municipality.current().gemeente_digits
        response = JsonResponse({"suggestions": suggest(request.GET.get("q", ""), gemeente)})
        patch_cache_control(response, public=True, max_age=60 * 60)
        return response
