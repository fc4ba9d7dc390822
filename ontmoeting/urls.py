from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from ontmoeting.security_txt import security_txt

handler400 = "ontmoeting.errors.bad_request"
handler403 = "ontmoeting.errors.permission_denied"
handler404 = "ontmoeting.errors.page_not_found"
handler500 = "ontmoeting.unavailable.server_error"


def healthz(request):
    """For load balancers (and the benchmark's framework floor): no database, no session."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("places.accounts.urls")),
    path("rondvraag/", include("surveys.urls")),
    path("", include("places.urls")),
]
