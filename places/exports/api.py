"""A read-only JSON API for places and areas, described by an OpenAPI document (openapi.py).

Places are filtered with the same parameters as the map, paginated, and revalidated with an
ETag; area boundaries are simplified and may be cached for a day. A place is described the
same way by every endpoint (records.py). Each view declares its parameters (apiparams.py):
the document is generated from them, and so is the check that refuses bad values.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from places import hours
from places.caching import data_etag
from places.exports import apiparams, openapi, records
from places.exports.params import InvalidParameters
from places.exports.readonly import ReadOnlyAPI, error, json_response
from places.filters import PlaceFilter
from places.geo import web_point
from places.maps import features
from places.models import Area, DataVersion, Place

GEOJSON = "application/geo+json"


def places_etag(request, fmt="json"):
    """Every record says whether the place is open now: the ETag changes by the minute."""
    return data_etag(request, fmt, hours.now().strftime("%Y%m%d%H%M"), request.LANGUAGE_CODE)


def filtered(request, query):
    """The published places that the filter parameters select (already checked, the search
    text with the pages' limits: apiparams.search)."""
    published = Place.objects.using(settings.MAP_DATABASE).published()
    data = request.GET.copy()
    data.pop("q", None)
    placefilter = PlaceFilter(data, queryset=published)
    if not placefilter.is_valid():  # e.g. a wijk that is not in the chosen gemeente
        raise InvalidParameters(
            {name: " ".join(errors) for name, errors in placefilter.form.errors.items()}
        )
    places = placefilter.qs
    return places.search(query["q"]) if query.get("q") else places


def links(request, paginator, page):
    def url(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "next": url(page.next_page_number()) if page.has_next() else None,
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
    }


class PlacesAPI(ReadOnlyAPI):
    def get_params(self):
        return apiparams.places()

    @method_decorator(condition(etag_func=places_etag))
    def get(self, request, fmt="json"):
        places = filtered(request, self.query).order_by("pk")
        paginator = Paginator(records.values(places), self.query.get("page_size", 100))
        number = self.query.get("page", 1)
        if number > max(paginator.num_pages, 1):
            return error(_("This page does not exist."), 404, parameters={"page": _("Too high.")})
        page = paginator.page(number)
        moment = hours.now()
        rows = [records.record(row, moment) for row in page.object_list]
        meta = links(request, paginator, page)
        if fmt == "geojson":
            body = features.collection(
                (features.feature(row.pop("geometry"), row, id=row["slug"]) for row in rows),
                **meta,
            )
            return json_response(body, content_type=GEOJSON)
        return json_response({**meta, "results": rows})


class NearbyAPI(ReadOnlyAPI):
    """The k nearest published, open places to a point, with their distance in metres."""

    def get_params(self):
        return apiparams.nearby()

    def get(self, request):
        point = web_point(self.query["lng"], self.query["lat"])  # in the Netherlands' box
        radius = self.query.get("straal", apiparams.NEARBY_RADIUS)
        places = filtered(request, self.query).only("pk", "slug", "location", "name")
        found = places.nearest_within(point, self.query.get("k", 10), radius)
        rows = records.with_distances(found, hours.now())
        return json_response({"count": len(rows), "results": rows})


class AreasAPI(ReadOnlyAPI):
    """Areas as JSON, or as simplified GeoJSON boundaries (cacheable for a day)."""

    def get_params(self):
        return apiparams.areas()

    def get(self, request, fmt="json"):
        areas = Area.objects.select_related("parent").order_by("code")
        if "kind" in self.query:
            areas = areas.filter(kind=self.query["kind"])
        if "parent" in self.query:  # a CBS code: the buurten of a wijk, for the filter form
            areas = areas.filter(parent__code=self.query["parent"])
        if fmt == "geojson":
            response = HttpResponse(boundaries(areas, self.query), content_type=GEOJSON)
            patch_cache_control(response, public=True, max_age=24 * 3600)
            return response
        rows = [records.area(a, request) for a in areas.defer("geometry")]
        return json_response({"count": len(rows), "results": rows})


def boundaries(areas, query):
    """The areas' simplified boundaries as GeoJSON text, kept in the cache per data version:
    simplifying the 9,000 buurten of the dashboard's national map takes seconds."""
    asked = hashlib.sha256(repr(sorted(query.items())).encode()).hexdigest()
    key = f"area-boundaries:{DataVersion.current()}:{asked}"
    text = cache.get(key)
    if text is None:
        tolerance = settings.BOUNDARY_SIMPLIFY_METRES * 5
        body = features.collection(
            features.feature(
                features.shape(area.geometry.simplify(tolerance, True)),
                {"code": area.code, "name": area.name, "kind": area.kind},
                id=area.code,
            )
            for area in areas
        )
        text = json.dumps(body, ensure_ascii=False)
        cache.set(key, text, 24 * 3600)
    return text


class OpenAPIView(ReadOnlyAPI):
    def get(self, request):
        paths = {
            "places": reverse("places:api-places", args=["json"]),
            "places_geojson": reverse("places:api-places", args=["geojson"]),
            "nearby": reverse("places:api-nearby"),
            "areas": reverse("places:api-areas", args=["json"]),
            "areas_geojson": reverse("places:api-areas", args=["geojson"]),
            "openapi": request.path,
        }
        return json_response(openapi.document(request, paths))
