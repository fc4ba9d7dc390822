"""Two-step verification (TOTP, with recovery codes) and the limits on a session's life.

Editors and admins confirm every login with a six-digit code from an authenticator app; anyone
else may turn it on for their own account. Until the code is given, the session can reach only
the pages below (and log out). A session ends after SESSION_IDLE_SECONDS without a request
(Django's own expiry) and in any case SESSION_MAX_SECONDS after the login.
"""

import time
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import View
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from places import roles
from places.accounts import audit
from places.permissions import safe_next

LOGIN_AT = "login_at"
REQUIRED = "two_factor_required"
# Set when the identity provider did multi-factor authentication (places/accounts/oidc/).
VERIFIED_BY_PROVIDER = "two_factor_by_provider"
RECOVERY_CODES = 10
# Reachable before the code is given.
OPEN_URL_NAMES = {
    "two-factor-setup",
    "two-factor-verify",
    "logout",
    "set_language",
    "oidc-login",
    "oidc-callback",
}
WRONG_CODE = gettext_lazy("This code is not right. Type the newest code the app shows.")
TOO_MANY = gettext_lazy("Too many wrong codes. Wait a minute and try again.")
CODE_USED = gettext_lazy(
    "You used a recovery code; %(left)d are left. Make new ones on your account page."
)


@receiver(user_logged_in)
def remember_login(sender, request, user, **kwargs):
    request.session[LOGIN_AT] = int(time.time())
    request.session[REQUIRED] = roles.needs_two_factor(user) or user_has_device(user)


def is_required(request):
    return request.session.get(REQUIRED) or roles.needs_two_factor(request.user)


def is_verified(request):
    """A code was given here, or the identity provider did multi-factor at sign-in."""
    return request.user.is_verified() or bool(request.session.get(VERIFIED_BY_PROVIDER))


class AccountSecurityMiddleware:
    """Ends sessions older than SESSION_MAX_SECONDS; sends unverified sessions to the code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        started = request.session.get(LOGIN_AT, 0)
        if time.time() - started > settings.SESSION_MAX_SECONDS:
            audit.record("session.expire", request.user, request=request)
            logout(request)
            messages.info(request, _("Your session has ended. Please log in again."))
            return redirect_to_login(request.get_full_path())
        if is_verified(request) or not is_required(request):
            return None
        if request.resolver_match.url_name in OPEN_URL_NAMES:
            return None
        step = "two-factor-verify" if user_has_device(request.user) else "two-factor-setup"
        return redirect_to_login(request.get_full_path(), reverse(step))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def make_recovery_codes(user):
    """A new set of single-use recovery codes; the old set stops working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=_("Recovery codes"))
        codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def qr_code(device):
    """The key as a QR code (an SVG data URI) for the authenticator app to scan."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def grouped_secret(device):
    """The key in base32, in groups of four, for typing it into the app instead."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@method_decorator(never_cache, name="dispatch")
class AccountStepView(LoginRequiredMixin, View):
    """A page of a logged-in account that may send the person on (see `elsewhere`)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (url := self.elsewhere(request)):
            return redirect(url)
        return super().dispatch(request, *args, **kwargs)

    def elsewhere(self, request):
        return None


class SetupView(AccountStepView):
    """Turn on two-step verification: scan the code, confirm with one code from the app."""

    template_name = "registration/two_factor_setup.html"

    def elsewhere(self, request):
        if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return reverse("two-factor-manage")
        return None

    def device(self):
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(
            user=self.request.user, name=_("Authenticator app"), confirmed=False
        )

    def render(self, form, device, status=200):
        context = {
            "form": form,
            "qr_code": qr_code(device),
            "secret": grouped_secret(device),
            "next": safe_next(self.request),
            "required": roles.needs_two_factor(self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(CodeForm(), self.device())

    def post(self, request):
        device = self.device()
        form = CodeForm(request.POST)
        if form.is_valid() and not device.verify_is_allowed()[0]:
            form.add_error("code", TOO_MANY)
            return self.render(form, device, status=429)
        if not form.is_valid() or not device.verify_token(form.cleaned_data["code"]):
            audit.record("two_factor.enrol", request.user, request=request, result="failed")
            if form.is_valid():
                form.add_error("code", WRONG_CODE)
            return self.render(form, device, status=400)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        request.session.cycle_key()
        request.session[REQUIRED] = True
        audit.record("two_factor.enrol", request.user, request=request)
        codes = make_recovery_codes(request.user)
        context = {"codes": codes, "next": safe_next(request)}
        return render(request, "registration/two_factor_codes.html", context)


class VerifyView(AccountStepView):
    """The second step of a login: a code from the app, or one recovery code."""

    template_name = "registration/two_factor_verify.html"

    def elsewhere(self, request):
        return safe_next(request) if is_verified(request) else None

    def render(self, form, status=200):
        context = {"form": form, "next": safe_next(self.request)}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        devices = list(devices_for_user(request.user))
        if not devices:
            return redirect_to_login(safe_next(request), reverse("two-factor-setup"))
        if not any(device.verify_is_allowed()[0] for device in devices):
            audit.record("two_factor.verify", request.user, request=request, result="throttled")
            form.add_error("code", TOO_MANY)
            return self.render(form, status=429)
        code = form.cleaned_data["code"]
        # django-otp checks each device under a row lock, so a code cannot be used twice.
        device = next(
            (d for d in devices if verify_token(request.user, d.persistent_id, code)), None
        )
        if device is None:
            audit.record("two_factor.verify", request.user, request=request, result="failed")
            form.add_error("code", WRONG_CODE)
            return self.render(form, status=400)
        otp_login(request, device)
        request.session.cycle_key()
        method = "recovery_code" if isinstance(device, StaticDevice) else "app"
        audit.record("two_factor.verify", request.user, request=request, method=method)
        if isinstance(device, StaticDevice):
            left = StaticToken.objects.filter(device=device).count()
            messages.warning(request, CODE_USED % {"left": left})
        return redirect(safe_next(request))


class ManageView(AccountStepView):
    """Two-step verification on the account page: status, new recovery codes, turn off."""

    template_name = "registration/two_factor_manage.html"

    def get(self, request):
        user = request.user
        context = {
            "enabled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "codes_left": StaticToken.objects.filter(device__user=user).count(),
            "required": roles.needs_two_factor(user),
        }
        return render(request, self.template_name, context)

    def post(self, request):
        user = request.user
        if not is_verified(request):
            return redirect(reverse("two-factor-verify"))
        if request.POST.get("action") == "codes":
            audit.record("two_factor.recovery_codes", user, request=request)
            codes = make_recovery_codes(user)
            context = {"codes": codes, "next": reverse("two-factor-manage")}
            return render(request, "registration/two_factor_codes.html", context)
        if request.POST.get("action") == "off" and not roles.needs_two_factor(user):
            for device in devices_for_user(user, confirmed=None):
                device.delete()
            request.session[REQUIRED] = False
            audit.record("two_factor.disable", user, request=request)
            messages.success(request, _("Two-step verification is off."))
        return redirect(reverse("two-factor-manage"))
