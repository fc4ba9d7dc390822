"""Sign-in through the identity provider: start, callback, and logout here and there.

A refused answer brings the person back to the login page with a message that says what went
wrong; a provider that does not answer gives the login page with a notice (HTTP 503), so the
local login is right there. Every attempt is in the audit trail.
"""

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from places.accounts import audit, twofactor
from places.accounts.oidc import provider
from places.accounts.oidc.backend import Refused

ID_TOKEN = "oidc_id_token"  # noqa: S105 (a session key: mozilla-django-oidc keeps it there)
DOWN = (provider.Unavailable, requests.ConnectionError, requests.Timeout)
FAILED = _(
    "Logging in through the identity provider did not work. You are not logged in. "
    "Try again, or log in with your username and password."
)
REFUSALS = {
    Refused.AUDIENCE: _(
        "The identity provider's proof of login was made for another application. "
        "You are not logged in. Ask your administrator to check the client id of Ontmoeting "
        "at the identity provider."
    ),
    Refused.EXPIRED: _(
        "The identity provider's proof of login had already expired. You are not logged in. "
        "Try again; if this keeps happening, ask your administrator to check the clocks of "
        "both servers."
    ),
    Refused.SIGNATURE: _(
        "The identity provider's proof of login did not carry a valid signature. "
        "You are not logged in. Ask your administrator to check the identity provider's keys."
    ),
    Refused.ISSUER: _(
        "The proof of login came from another identity provider than the one set up for "
        "Ontmoeting. You are not logged in."
    ),
    Refused.LOCAL_ACCOUNT: _(
        "There is already a local account with this name. You are not logged in. "
        "Ask your administrator to rename that account."
    ),
}


def unavailable(request):
    """The login page with a notice that the provider does not answer: local login still works."""
    view = auth_views.LoginView.as_view(extra_context={"provider_unavailable": True})
    response = view(request)
    response.status_code = 503
    return response


def refused(request, reason):
    audit.record("login.oidc", request=request, actor="anonymous", result="refused", reason=reason)
    messages.error(request, REFUSALS.get(reason, FAILED))
    return redirect(settings.LOGIN_URL)


class StartView(OIDCAuthenticationRequestView):
    """The login button: off to the provider, or the notice when it does not answer."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library reads the endpoint here; we do in get()

    def get(self, request):
        if not provider.configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.endpoint("authorization_endpoint")
        except provider.Unavailable:
            audit.record("login.oidc", request=request, actor="anonymous", result="unavailable")
            return unavailable(request)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back with a code."""

    def get(self, request):
        if not provider.configured():
            raise Http404
        try:
            return super().get(request)
        except DOWN:
            audit.record("login.oidc", request=request, actor="anonymous", result="unavailable")
            return unavailable(request)
        except Refused as refusal:
            return refused(request, refusal.reason)
        except (requests.HTTPError, SuspiciousOperation):  # the provider refused the code
            return refused(request, "failed")

    def login_failure(self):
        # The person cancelled at the provider, the account is inactive, or the state is gone.
        return refused(self.request, "failed")

    def login_success(self):
        response = super().login_success()
        sign_in = getattr(self.user, "oidc_sign_in", {})
        session = self.request.session
        # The provider's multi-factor counts as ours; without it, our code step follows.
        if sign_in.get("provider_mfa"):
            session[twofactor.VERIFIED_BY_PROVIDER] = True
        else:
            session[twofactor.REQUIRED] = True
        audit.record("login.oidc", self.user, request=self.request, actor=self.user, **sign_in)
        return response


class LogoutView(auth_views.LogoutView):
    """Django's logout; after a sign-in through the provider, on to its end-session page too,
    which sends the person back to LOGOUT_REDIRECT_URL."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        if not id_token or not provider.configured():
            return response
        back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
        url = provider.logout_url(id_token, back)
        return HttpResponseRedirect(url) if url else response
