from django.contrib import admin
from django.urls import include, path

from places.invitations import InvitationView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("account/", include("django.contrib.auth.urls")),
    path("uitnodiging/<str:token>/", InvitationView.as_view(), name="invitation"),
    path("rondvraag/", include("surveys.urls")),
    path("", include("places.urls")),
]
