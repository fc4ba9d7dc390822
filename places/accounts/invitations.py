"""Invitations: an editor invites a person to a place with a link that works once and expires."""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.password_validation import validate_password
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from places.accounts import audit
from places.models import Invitation, Membership
from places.text import one_line


@transaction.atomic
def make_token(place, email, invited_by=None):
    """A new invitation's key, for the link; older waiting ones to this address end."""
    email = email.lower()
    Invitation.objects.pending().filter(place=place, email__iexact=email).update(
        status=Invitation.Status.REPLACED
    )
    key = secrets.token_urlsafe(32)
    Invitation.objects.create(
        place=place, email=email, key_hash=Invitation.hash_of(key), invited_by=invited_by
    )
    return key


def read_token(key, lock=False):
    """The waiting, unexpired invitation of a link's key, or None."""
    invitations = Invitation.objects.pending().for_key(key).select_related("place")
    if lock:
        invitations = invitations.select_for_update()
    invitation = invitations.first()
    return None if invitation is None or invitation.is_expired() else invitation


def end_invitations(place, email):
    """A membership ended: a link still waiting for that address must not bring it back."""
    Invitation.objects.pending().filter(place=place, email__iexact=email).update(
        status=Invitation.Status.REVOKED
    )


def send(request, place, email):
    key = make_token(place, email, invited_by=request.user)
    link = request.build_absolute_uri(reverse("invitation", args=[key]))
    context = {"place": place, "link": link, "days": settings.INVITATION_DAYS}
    send_mail(
        # A name may not carry a line break into a mail header (BadHeaderError).
        _("Invitation: keep %(place)s up to date") % {"place": one_line(place.name)},
        render_to_string("places/email/invitation.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [email],
    )


class SetPasswordForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=150)
    password1 = forms.CharField(label=gettext_lazy("Choose a password"), widget=forms.PasswordInput)
    password2 = forms.CharField(
        label=gettext_lazy("The password again"), widget=forms.PasswordInput
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            raise forms.ValidationError(_("The two passwords are not the same."))
        if data.get("password1"):
            validate_password(data["password1"])
        return data


class InvitationView(TemplateView):
    """Accept an invitation: set a password (new person) or just join (logged in)."""

    template_name = "places/invitation.html"

    def dispatch(self, request, token):
        invitation = read_token(token)
        if invitation is None:
            return self.render_to_response({"invalid": True}, status=410)
        self.place, self.email = invitation.place, invitation.email
        self.existing = get_user_model().objects.filter(email__iexact=self.email).first()
        return super().dispatch(request, token)

    def get(self, request, token):
        return self.render_to_response(self.context(SetPasswordForm()))

    def post(self, request, token):
        if self.existing:
            if request.user != self.existing:
                return redirect(f"{reverse('login')}?next={request.path}")
            if not self.accept(token, lambda: self.existing):
                return self.render_to_response({"invalid": True}, status=410)
            return redirect(self.place)
        form = SetPasswordForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.context(form), status=400)
        if not self.accept(token, lambda: self.new_account(form.cleaned_data)):
            return self.render_to_response({"invalid": True}, status=410)
        return redirect("places:edit", slug=self.place.slug)

    def new_account(self, data):
        return get_user_model().objects.create_user(
            username=self.email,
            email=self.email,
            password=data["password1"],
            first_name=data["name"],
        )

    def accept(self, token, account):
        """Use the invitation up and make the person a member; None if it was used meanwhile
        (the row stays locked until the membership exists, so two tabs cannot both join)."""
        from places.roles import INITIATORS, ensure_groups

        with transaction.atomic():
            invitation = read_token(token, lock=True)
            if invitation is None:
                return None
            user = account()
            if self.request.user != user:
                # Logged in first, so that the audit trail names the new member as the actor.
                login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
            Membership.objects.get_or_create(
                user=user, place=self.place, defaults={"invited_by": invitation.invited_by}
            )
            user.groups.add(ensure_groups()[INITIATORS])
            invitation.status = Invitation.Status.ACCEPTED
            invitation.accepted_by, invitation.used_at = user, timezone.now()
            invitation.save()
        audit.record("invitation.accept", self.place, actor=user, invitation=invitation.pk)
        messages.success(
            self.request, _("Welcome: you can now edit %(place)s.") % {"place": self.place.name}
        )
        return user

    def context(self, form):
        return {"place": self.place, "email": self.email, "existing": self.existing, "form": form}
