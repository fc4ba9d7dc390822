"""The municipality's logo, as uploaded in the admin (stored in the database, not on disk)."""

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views import View

from places.models import Municipality


class LogoView(View):
    def get(self, request):
        municipality = Municipality.current()
        if not municipality.logo_type:
            raise Http404
        response = HttpResponse(bytes(municipality.logo), content_type=municipality.logo_type)
        response["X-Content-Type-Options"] = "nosniff"
        patch_cache_control(response, public=True, max_age=3600)
        return response
