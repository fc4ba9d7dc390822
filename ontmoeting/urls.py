from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from places import passwords, twofactor
from places.invitations import InvitationView

handler400 = "ontmoeting.errors.bad_request"
handler500 = "ontmoeting.unavailable.server_error"


def healthz(request):
    """For load balancers (and the benchmark's framework floor): no database, no session."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("account/tweestaps/", twofactor.ManageView.as_view(), name="two-factor-manage"),
    path("account/tweestaps/instellen/", twofactor.SetupView.as_view(), name="two-factor-setup"),
    path("account/tweestaps/code/", twofactor.VerifyView.as_view(), name="two-factor-verify"),
    # Before Django's own: password checks and resets under the login's limits.
    path(
        "account/password_change/",
        passwords.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("account/password_reset/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path("account/", include("django.contrib.auth.urls")),
    path("uitnodiging/<str:token>/", InvitationView.as_view(), name="invitation"),
    path("rondvraag/", include("surveys.urls")),
    path("", include("places.urls")),
]
