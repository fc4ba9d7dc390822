"""A person's own data: download it, or have it erased (history included)."""

import json

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from places.accounts import audit
from places.accounts.passwords import confirm_password, wrong_password_message
from places.models import Invitation, Place

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def personal_data(user):
    return {
        "account": {
            "username": user.username,
            "name": user.get_full_name(),
            "email": user.email,
            "joined": user.date_joined,
            "last_login": user.last_login,
        },
        "memberships": [
            {"place": m.place.name, "since": m.created_at}
            for m in user.memberships.select_related("place")
        ],
        "claim_requests": [
            {"place": c.place.name, "message": c.message, "status": c.status, "asked": c.created_at}
            for c in user.claimrequest_set.select_related("place")
        ],
        "contact_moments": [
            {"place": c.place.name, "date": c.date, "kind": c.kind, "note": c.note}
            for c in user.contact_moments.select_related("place")
        ],
        "contact_person_of": [
            {"place": p.name, **{f: getattr(p, f) for f in CONTACT_FIELDS}}
            for p in Place.objects.filter(contact_email__iexact=user.email).exclude(
                contact_email=""
            )
        ],
    }


@method_decorator(never_cache, name="dispatch")
class MyDataView(LoginRequiredMixin, TemplateView):
    template_name = "places/my_data.html"


class DownloadView(LoginRequiredMixin, View):
    def get(self, request):
        body = json.dumps(personal_data(request.user), cls=DjangoJSONEncoder, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        audit.record("export", request.user, request=request, format="own-data")
        response["Cache-Control"] = "no-store"
        return response


class EraseForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password, to confirm"), widget=forms.PasswordInput
    )


@transaction.atomic
def erase(user):
    """Remove the account and the person's data, also from the change history."""
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_user"):
            model.objects.filter(history_user=user).update(history_user=None)
    if user.email:
        blank = dict.fromkeys(CONTACT_FIELDS, "")
        Place.objects.filter(contact_email__iexact=user.email).update(**blank)
        Place.history.filter(contact_email__iexact=user.email).update(**blank)
        # Their invitations go too: the address is theirs, and no old link may bring back
        # the account.
        Invitation.objects.filter(email__iexact=user.email).delete()
    user.contact_moments.update(user=None)
    user.delete()


@method_decorator(never_cache, name="dispatch")
class EraseView(LoginRequiredMixin, TemplateView):
    template_name = "places/erase.html"

    def get(self, request):
        return self.render_to_response({"form": EraseForm()})

    def post(self, request):
        form = EraseForm(request.POST)
        if not form.is_valid() or not confirm_password(request, form.cleaned_data["password"]):
            if form.is_valid():
                form.add_error("password", wrong_password_message(request))
            return self.render_to_response({"form": form}, status=400)
        user = request.user
        account = audit.target(user)  # the number goes with the account
        logout(request)
        erase(user)
        audit.record("account.erase", account, request=request, actor=account)
        messages.success(request, _("Your account and your personal data have been erased."))
        return redirect("places:list")
