import json

from django.conf import settings
from django.contrib.gis.db.models import OuterRef, Subquery, Union
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_date
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition
from django.views.generic import DetailView, ListView, TemplateView, View

from places import hours, hours_words, panels, roles, story
from places.caching import data_etag
from places.filters import SHOW_ALL, PlaceFilter
from places.findings import findings
from places.geo import to_web
from places.maps import points as mapdata
from places.models import Area, Place, PlaceType
from places.policy import on_date
from places.views.people import ContactMomentForm


class FilteredPlacesMixin:
    """The places the current filter shows, for the list and the map alike."""

    def get_filter(self):
        if not hasattr(self, "_filter"):
            places = Place.objects.visible_to(self.request.user).for_listing()
            self._filter = PlaceFilter(self.request.GET, queryset=places)
        return self._filter

    def places_on(self, day):
        """?op=2019-01-01: the places open that day, with their type then; the type and
        management form filters choose by the values of that day, the others (area, words,
        wheelchair…) by today's values, as on the dashboard (places.policy.on_date)."""
        place_filter = self.get_filter()
        chosen = place_filter.form.cleaned_data if place_filter.is_valid() else {}
        rest = self.request.GET.copy()
        for name in ("type", "beheer", "status"):
            rest.pop(name, None)
        rest["status"] = SHOW_ALL  # today's status says nothing about that day
        on_day = Place.objects.visible_to(self.request.user).on(day).filter(status_then="active")
        places = PlaceFilter(rest, queryset=on_day).qs
        if chosen.get("type"):
            places = places.filter(place_type_then__in=[kind.pk for kind in chosen["type"]])
        if chosen.get("beheer"):
            places = places.filter(management_form_then__in=chosen["beheer"])
        kinds = PlaceType.objects.filter(pk=OuterRef("place_type_then")).values("slug")
        return places.annotate(type_then=Subquery(kinds[:1]))


class CachedCountPaginator(Paginator):
    """Counting a large filtered set costs more than the page itself: count once per data
    version and filter (the key), then read the number from the cache."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cache.get_or_set(self.count_key, lambda: Paginator.count.func(self), 3600)


class PlaceListView(FilteredPlacesMixin, ListView):
    """The home page. Its list part (count, rows, page links) is cached per data version,
    role, filter, page and language: rendering 100 rows costs more than finding them."""

    template_name = "places/place_list.html"
    paginate_by = 100

    def get_queryset(self):
        day = day_of(self.request.GET.get("op"))
        return self.get_filter().qs if day is None else self.places_on(day).for_listing()

    @cached_property
    def list_key(self):
        # The cards say whether each place is open now: the list changes by the minute.
        return data_etag(self.request, hours.now().strftime("%Y%m%d%H%M"))

    def get_paginator(self, queryset, per_page, **kwargs):
        return CachedCountPaginator(
            queryset, per_page, count_key="place-count:" + self.list_key, **kwargs
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        context = super().get_context_data(
            filter=self.get_filter(),
            query=query.urlencode(),
            list_key=self.list_key,
            filters_used=used_filters(self.get_filter()),
            **kwargs,
        )
        base = Place.objects.visible_to(self.request.user)
        count = context["paginator"].count
        context["day"] = day_of(self.request.GET.get("op"))
        if context["day"] is not None:  # the map on a date: say what an unknown opening means
            unknown = self.object_list.filter(opened_on__isnull=True)
            context["unknown_opening"] = cache.get_or_set(
                "unknown-opening:" + self.list_key, unknown.count, 3600
            )
            today = self.request.GET.copy()
            today.pop("op")
            context["query_without_day"] = today.urlencode()
        context["findings"] = cache.get_or_set(
            "findings:" + self.list_key, lambda: findings(self.request.GET, base, count), 3600
        )
        if context["day"] is not None:  # each place as it was that day
            context["object_list"] = on_date.as_then(context["object_list"])
        moment = hours.now()
        context["cards"] = [
            (place, hours.state_at(place.opening_hours, moment)) for place in context["object_list"]
        ]
        return context


def used_filters(place_filter):
    """How many filters are in use, for the "Filters (3)" summary on phones."""
    if not place_filter.is_valid():
        return 0
    data = place_filter.form.cleaned_data
    return sum(1 for name, value in data.items() if name in place_filter.data and filled(value))


def filled(value):
    if hasattr(value, "__len__") and not isinstance(value, str):
        return len(value) > 0
    return value not in (None, "", False)


def map_data_etag(request):
    """Changes whenever a place changes (one cheap row), or the filter or map view differs;
    with "open now", also every minute. Keys the list's cache as well."""
    if request.GET.get("open_now"):
        return data_etag(request, hours.now().strftime("%Y%m%d%H%M"))  # changes by itself
    return data_etag(request)


@method_decorator(gzip_page, name="get")
@method_decorator(condition(etag_func=map_data_etag), name="get")
@method_decorator(cache_control(no_cache=True, must_revalidate=True), name="get")
class PlaceMapDataView(FilteredPlacesMixin, View):
    """Lean GeoJSON for the markers (the popup links to the place page).

    Browsers revalidate with the ETag (one row read); a changed view is built once and then
    served from the cache, keyed on the same ETag.
    """

    def get(self, request):
        key = "map-data:" + map_data_etag(request)
        body = cache.get(key)
        if body is None:
            day = day_of(request.GET.get("op"))
            if day is None:
                view = {"cells": self.plain_view()}
            else:
                view = {"cells": self.plain_view_on(day), "type_field": "type_then"}
            places = self.get_filter().qs if day is None else self.places_on(day)
            body = mapdata.payload(
                places.using(settings.MAP_DATABASE),
                bbox=mapdata.parse_bbox(request.GET.get("bbox")),
                zoom=mapdata.parse_zoom(request.GET.get("zoom")),
                **view,
            )
            cache.set(key, body, 3600)
        return HttpResponse(body, content_type="application/geo+json")

    def plain_view(self):
        """The type and management form chosen, when the public view has no other filter:
        the pre-aggregated cells hold exactly those groups."""
        place_filter = self.get_filter()
        if self.request.user.is_staff or not place_filter.is_valid():
            return None
        chosen = place_filter.form.cleaned_data
        if any(value for name, value in chosen.items() if name not in ("type", "beheer")):
            return None
        return {"types": list(chosen["type"]), "management": chosen["beheer"]}

    def plain_view_on(self, day):
        """On a date, as plain_view: when only type and management form choose (by their
        values then), the cells of the day are today's minus the steps since."""
        place_filter = self.get_filter()
        if self.request.user.is_staff or not place_filter.is_valid():
            return None
        chosen = place_filter.form.cleaned_data
        if any(value for name, value in chosen.items() if name not in ("type", "beheer")):
            return None  # another filter: grouped live from places_on
        types, management = chosen.get("type") or [], chosen.get("beheer") or []
        return {"types": list(types), "management": management, "day": day}


def day_of(text):
    """The date of ?op=2019-01-01, or None (absent or not a date)."""
    try:
        return parse_date(text or "")
    except ValueError:  # 2019-02-30
        return None


def _lnglat(point):
    web = to_web(point)
    return [round(web.x, 6), round(web.y, 6)]


class PlaceDetailView(DetailView):
    template_name = "places/place_detail.html"
    context_object_name = "place"

    def get(self, request, *args, **kwargs):
        # A merged duplicate's address leads to the place kept, for good (301).
        kept = Place.objects.filter(slug=kwargs.get("slug"), merged_into__isnull=False).first()
        if kept is not None:
            while kept.merged_into_id:
                kept = kept.merged_into
            return HttpResponsePermanentRedirect(kept.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Place.objects.openable_by(self.request.user)
            .for_listing()
            .prefetch_related("services", "target_groups", "activities")
        )

    def get_context_data(self, **kwargs):
        place = self.object
        return super().get_context_data(
            hours_lines=hours_words.in_words(place.opening_hours),
            hours_state=hours.state_at(place.opening_hours),
            nearby=place.nearby().select_related("place_type"),
            map_point=_lnglat(place.location),
            story=story.story(place),
            **self.private_context(place),
            **kwargs,
        )

    def private_context(self, place):
        """What this user may see and do beyond the public listing."""
        user = self.request.user
        can_edit = place.can_edit(user)
        in_wijkteam = place.in_wijkteam_of(user)
        sees_contacts = roles.is_policy(user) or in_wijkteam
        context = {
            "can_edit": can_edit,
            "proposals": story.proposals(place) if can_edit else [],
            "is_editor": roles.is_editor(user),
            "show_contact_person": place.can_see_private(user),
            "show_costs": can_edit or roles.is_policy(user),
            "show_notes": roles.is_policy(user),
            "show_contact_moments": sees_contacts,
            "claim_pending": user.is_authenticated
            and place.claims.filter(user=user, status="pending").exists(),
            # Only a wijkteam that works in the place's wijk logs contact moments with it.
            "contact_form": ContactMomentForm(initial={"date": timezone.localdate()})
            if in_wijkteam
            else None,
        }
        if sees_contacts:
            context["contact_moments"] = place.contact_moments.select_related("user")[:10]
        if roles.is_editor(user):
            context["merges_in"] = place.merges_in.filter(undone_at=None).select_related(
                "duplicate"
            )
        # What other apps show of the place (the rondvraag: its own scores and open rounds).
        context["panels"] = panels.for_place(place, user, can_edit)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["show_contact_person"]:
            patch_cache_control(response, no_store=True, private=True)
        return response


AREA_PAGE_SIZE = 50


class AreaDetailView(DetailView):
    template_name = "places/area_detail.html"
    context_object_name = "area"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Area.objects.select_related("parent__parent"), code=self.kwargs["code"]
        )

    def get_context_data(self, **kwargs):
        area = self.object
        places = Place.objects.visible_to(self.request.user).not_closed().in_area(area)
        # A gemeente holds hundreds of places: pages, not one table 23,000 px tall.
        page = Paginator(places.for_listing(), AREA_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            places=page.object_list,
            page_obj=page,
            children=area.children.order_by("name"),
            boundary=self.boundary_geojson(area),
            **kwargs,
        )

    @staticmethod
    def boundary_geojson(area):
        # The CBS wijk polygons are generalised to ~100 m (see data/PROVENANCE.md);
        # the union of a wijk's buurten is the true boundary.
        geometry = area.geometry
        if area.kind == Area.Kind.WIJK and area.children.exists():
            geometry = area.children.aggregate(union=Union("geometry"))["union"]
        simplified = geometry.simplify(settings.BOUNDARY_SIMPLIFY_METRES, preserve_topology=True)
        return json.loads(to_web(simplified).json)


class AboutView(TemplateView):
    template_name = "places/about.html"
