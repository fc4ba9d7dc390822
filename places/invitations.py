"""Invitations: an editor invites a person to a place with a signed link that expires."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .models import Membership, Place

SALT = "places.invitation"


def make_token(place, email):
    return signing.dumps({"place": place.pk, "email": email.lower()}, salt=SALT)


def read_token(token):
    """(place, email) of a valid, unexpired invitation, or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.INVITATION_DAYS * 24 * 3600)
    except signing.BadSignature:  # also SignatureExpired
        return None
    place = Place.objects.filter(pk=data.get("place")).first()
    return (place, data["email"]) if place else None


def send(request, place, email):
    link = request.build_absolute_uri(reverse("invitation", args=[make_token(place, email)]))
    context = {"place": place, "link": link, "days": settings.INVITATION_DAYS}
    send_mail(
        _("Invitation: keep %(place)s up to date") % {"place": place.name},
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
        self.place, self.email = invitation
        self.existing = get_user_model().objects.filter(email__iexact=self.email).first()
        return super().dispatch(request, token)

    def get(self, request, token):
        return self.render_to_response(self.context(SetPasswordForm()))

    def post(self, request, token):
        if self.existing:
            if request.user != self.existing:
                return redirect(f"{reverse('login')}?next={request.path}")
            self.join(self.existing)
            return redirect(self.place)
        form = SetPasswordForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.context(form), status=400)
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=self.email,
                email=self.email,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["name"],
            )
            self.join(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("places:edit", slug=self.place.slug)

    def join(self, user):
        from .roles import INITIATORS, ensure_groups

        Membership.objects.get_or_create(user=user, place=self.place)
        user.groups.add(ensure_groups()[INITIATORS])
        messages.success(
            self.request, _("Welcome: you can now edit %(place)s.") % {"place": self.place.name}
        )

    def context(self, form):
        return {"place": self.place, "email": self.email, "existing": self.existing, "form": form}


def members_place(request, slug):
    """The place whose members this person may see: members and editors."""
    return get_object_or_404(Place.objects.editable_by(request.user), slug=slug)
