"""Accounts: log in and out (Django's views; after signing in through the identity provider,
logging out there too), that sign-in, password change and reset under the login's limits,
two-step verification, and accepting an invitation. The names are not namespaced, as
Django's own account views expect."""

from django.urls import include, path

from places.accounts import passwords, twofactor
from places.accounts.invitations import InvitationView
from places.accounts.landing import LandingView
from places.accounts.oidc import views as oidc

urlpatterns = [
    path("account/start/", LandingView.as_view(), name="landing"),
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
    path("account/logout/", oidc.LogoutView.as_view(), name="logout"),
    path("account/oidc/start/", oidc.StartView.as_view(), name="oidc-login"),
    path("account/oidc/callback/", oidc.CallbackView.as_view(), name="oidc-callback"),
    path("account/", include("django.contrib.auth.urls")),
    path("uitnodiging/<str:token>/", InvitationView.as_view(), name="invitation"),
]
