"""What every endpoint of the read-only API shares: GET, HEAD and OPTIONS only (405 with a
JSON body otherwise), no CSRF (nothing is changed and no cookie gives rights here), open to
other sites' scripts (CORS: the data is public), a JSON answer naming each bad parameter,
and a 429 with Retry-After past the rate limit (throttle.py).
"""

import json

from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import View

from places.exports.params import InvalidParameters, check
from places.exports.throttle import seconds_to_wait

ALLOW = "GET, HEAD, OPTIONS"


def json_response(body, status=200, content_type="application/json"):
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=content_type
    )


def error(message, status, **extra):
    return JsonResponse({"error": str(message), **extra}, status=status)


@method_decorator(csrf_exempt, name="dispatch")
class ReadOnlyAPI(View):
    """Public data only: a subclass must never show what depends on who asks."""

    http_method_names = ["get", "head", "options"]
    params = ()  # the declared query parameters (places.exports.params.Param)

    def dispatch(self, request, *args, **kwargs):
        wait = seconds_to_wait(request)
        if wait:
            response = error(
                _("Too many requests: try again in %(seconds)s seconds.") % {"seconds": wait},
                429,
                retry_after=wait,
            )
            response["Retry-After"] = str(wait)
            return self.shared_headers(response)
        try:
            reads = request.method in ("GET", "HEAD")
            self.query = check(request.GET, self.get_params()) if reads else {}
            response = super().dispatch(request, *args, **kwargs)
        except InvalidParameters as invalid:
            response = error(_("Some parameters cannot be used."), 400, parameters=invalid.errors)
        return self.shared_headers(response)

    def shared_headers(self, response):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def get_params(self):
        return self.params

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = error(
            _("This API only reads: use GET (or HEAD, OPTIONS)."), 405, allowed=ALLOW.split(", ")
        )
        response["Allow"] = ALLOW
        return response

    def options(self, request, *args, **kwargs):
        response = HttpResponse(status=204)
        response["Allow"] = ALLOW
        response["Access-Control-Allow-Methods"] = ALLOW
        response["Access-Control-Allow-Headers"] = "If-None-Match, Accept-Language"
        response["Access-Control-Max-Age"] = "86400"
        return response
