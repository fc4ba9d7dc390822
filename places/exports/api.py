"""A read-only JSON API for places and areas, described by an OpenAPI document.

Places are filtered with the same parameters as the map, paginated, and revalidated with an
ETag; area boundaries are simplified and may be cached for a day.
"""

import json

from django.conf import settings
from django.contrib.gis.db.models.functions import Transform
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from django.views.generic import View

from places import hours
from places.caching import data_etag
from places.filters import PlaceFilter
from places.geo import netherlands_polygon, web_point
from places.maps import features
from places.models import Area, Place

PAGE_SIZE, MAX_PAGE_SIZE = 100, 1000
FIELDS = [
    "slug",
    "name",
    "place_type__slug",
    "place_type__name",
    "management_form",
    "status",
    "street",
    "house_number",
    "postcode",
    "city",
    "buurt__code",
    "opening_hours",
    "visitor_cost",
    "wheelchair",
    "website",
    "email",
    "phone",
    "updated_at",
]


def places_etag(request, fmt="json"):
    """Every record says whether the place is open now: the ETag changes by the minute."""
    return data_etag(request, fmt, hours.now().strftime("%Y%m%d%H%M"))


def page_of(request, queryset):
    try:
        size = min(int(request.GET.get("page_size", PAGE_SIZE)), MAX_PAGE_SIZE)
        number = int(request.GET.get("page", 1))
    except ValueError:
        size, number = PAGE_SIZE, 1
    paginator = Paginator(queryset, max(size, 1))
    try:
        return paginator, paginator.page(number)
    except EmptyPage:
        return paginator, None


def links(request, paginator, page):
    def url(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "next": url(page.next_page_number()) if page and page.has_next() else None,
        "previous": url(page.previous_page_number()) if page and page.has_previous() else None,
    }


@method_decorator(condition(etag_func=places_etag), name="get")
class PlacesAPI(View):
    geojson = False

    def get(self, request, fmt="json"):
        published = Place.objects.using(settings.MAP_DATABASE).published()
        places = PlaceFilter(request.GET, queryset=published).qs.order_by("pk")
        places = places.annotate(point=Transform("location", settings.WEB_SRID))
        paginator, page = page_of(request, places.values(*FIELDS, "point"))
        moment = hours.now()
        rows = [record(row, moment) for row in (page.object_list if page else [])]
        meta = links(request, paginator, page)
        if fmt == "geojson":
            body = features.collection(
                (features.feature(row.pop("geometry"), row, id=row["slug"]) for row in rows),
                **meta,
            )
            return geo_response(body)
        return JsonResponse({**meta, "results": rows}, json_dumps_params={"ensure_ascii": False})


def record(row, moment):
    point = row.pop("point")
    row["open_now"] = open_now(row["opening_hours"], moment)
    row["type"] = row.pop("place_type__slug")
    row["type_name"] = row.pop("place_type__name")
    row["buurt"] = row.pop("buurt__code")
    row["updated_at"] = row["updated_at"].isoformat()
    row["geometry"] = {"type": "Point", "coordinates": [round(point.x, 6), round(point.y, 6)]}
    return row


def open_now(text, moment):
    """Open, closed or unknown now, and until when: the answer the pages give."""
    state = hours.state_at(text, moment)
    return state.as_json() if state else None


def geo_response(body, **cache):
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/geo+json"
    )
    if cache:
        patch_cache_control(response, **cache)
    return response


class NearbyAPI(View):
    """The k nearest published, open places to a point, with their distance in metres."""

    def get(self, request):
        try:
            lat, lng = float(request.GET["lat"]), float(request.GET["lng"])
            k = max(1, min(int(request.GET.get("k", 10)), 100))
        except (KeyError, ValueError):
            return JsonResponse(
                {"error": _("Give lat and lng as numbers (and optionally k).")}, status=400
            )
        point = web_point(lng, lat)
        if not netherlands_polygon().contains(point):
            return JsonResponse(
                {"error": _("This location lies outside the Netherlands.")}, status=400
            )
        try:
            radius = min(int(request.GET.get("straal") or 5000), 50_000)
        except ValueError:
            radius = 5000
        published = Place.objects.using(settings.MAP_DATABASE).published()
        places = PlaceFilter(request.GET, queryset=published).qs.only(
            "slug", "name", "place_type_id", "location", "opening_hours"
        )
        moment = hours.now()
        rows = [
            {
                "slug": p.slug,
                "name": p.name,
                "type": p.place_type_id,
                "distance_m": round(p.distance.m),
                "open_now": open_now(p.opening_hours, moment),
            }
            for p in places.nearest_within(point, k, radius)
        ]
        return JsonResponse({"count": len(rows), "results": rows})


class AreasAPI(View):
    """Areas as JSON, or as simplified GeoJSON boundaries (cacheable for a day)."""

    def get(self, request, fmt="json"):
        kind = request.GET.get("kind")
        areas = Area.objects.select_related("parent").order_by("code")
        if kind in Area.Kind.values:
            areas = areas.filter(kind=kind)
        parent = request.GET.get("parent", "")
        if parent.isalnum():  # a CBS code: the buurten of a wijk, for the filter form
            areas = areas.filter(parent__code=parent)
        if fmt == "geojson":
            tolerance = settings.BOUNDARY_SIMPLIFY_METRES * 5
            body = features.collection(
                features.feature(
                    features.shape(area.geometry.simplify(tolerance, True)),
                    {"code": area.code, "name": area.name, "kind": area.kind},
                    id=area.code,
                )
                for area in areas
            )
            return geo_response(body, public=True, max_age=24 * 3600)
        rows = [
            {
                "code": a.code,
                "name": a.name,
                "kind": a.kind,
                "parent": a.parent.code if a.parent else None,
                "population": a.population,
                "url": request.build_absolute_uri(a.get_absolute_url()),
            }
            for a in areas.defer("geometry")
        ]
        return JsonResponse({"count": len(rows), "results": rows})


class OpenAPIView(View):
    def get(self, request):
        return JsonResponse(openapi_document(request), json_dumps_params={"ensure_ascii": False})


def openapi_document(request):
    filters = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": str(field.label),
        }
        for name, field in PlaceFilter().form.fields.items()
    ] + [
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {
            "name": "page_size",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        },
    ]
    ok = {"200": {"description": "OK"}, "304": {"description": "Not modified (ETag)"}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Ontmoeting API",
            "version": "1.0",
            "description": "Read-only: the published meeting places and the areas.",
        },
        "servers": [{"url": request.build_absolute_uri("/")[:-1]}],
        "paths": {
            reverse("places:api-places", args=["json"]): {
                "get": {
                    "summary": "Places (JSON, paginated)",
                    "parameters": filters,
                    "responses": ok,
                }
            },
            reverse("places:api-places", args=["geojson"]): {
                "get": {
                    "summary": "Places (GeoJSON, paginated)",
                    "parameters": filters,
                    "responses": ok,
                }
            },
            reverse("places:api-areas", args=["json"]): {
                "get": {
                    "summary": "Areas",
                    "parameters": [
                        {
                            "name": "kind",
                            "in": "query",
                            "schema": {"type": "string", "enum": list(Area.Kind.values)},
                        },
                        {"name": "parent", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {"200": {"description": "OK"}},
                }
            },
            reverse("places:api-areas", args=["geojson"]): {
                "get": {
                    "summary": "Area boundaries (simplified GeoJSON)",
                    "parameters": [
                        {
                            "name": "kind",
                            "in": "query",
                            "schema": {"type": "string", "enum": list(Area.Kind.values)},
                        }
                    ],
                    "responses": {"200": {"description": "OK"}},
                }
            },
        },
    }
