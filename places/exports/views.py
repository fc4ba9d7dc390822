"""Downloads of exactly what the current filter shows: CSV, XLSX, GeoJSON and HSDS."""

import json

from django.http import HttpResponse
from django.views.generic import View

from places import roles
from places.accounts import audit
from places.exports import hsds
from places.exports import tables as exports
from places.filters import PlaceFilter
from places.models import Place


class ExportView(View):
    """Exactly what the current filter shows; staff may add private fields (and are logged)."""

    FORMATS = {"csv", "xlsx", "geojson", "hsds"}

    def get(self, request, fmt):
        private = request.GET.get("prive") == "1" and roles.is_policy(request.user)
        base = Place.objects.visible_to(request.user).for_listing()
        places = list(
            PlaceFilter(request.GET, queryset=base)
            .qs.select_related("organisation")
            .prefetch_related("year_figures", "yearly_costs")
        )
        private = private and fmt != "hsds"  # the HSDS export holds public fields only
        audit.record("export", request=request, format=fmt, places=len(places), private=private)
        if fmt == "csv":
            return attachment(exports.as_csv(places, private), "text/csv; charset=utf-8", "csv")
        if fmt == "xlsx":
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            return attachment(exports.as_xlsx(places, private), content_type, "xlsx")
        if fmt == "geojson":
            body = json.dumps(exports.as_geojson(places, private), ensure_ascii=False)
            return attachment(body.encode(), "application/geo+json", "geojson")
        # Asked for from a page, the HSDS file downloads like the others.
        body = json.dumps(hsds.export(places), ensure_ascii=False)
        return attachment(body.encode(), "application/json", "json")


def attachment(body, content_type, extension):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ontmoetingsplekken.{extension}"'
    response["Cache-Control"] = "no-store"
    return response
