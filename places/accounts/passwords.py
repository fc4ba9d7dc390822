"""Passwords checked outside the login (changing it, confirming an erasure) and password
resets, under the same limits as the login: failures count towards django-axes' lockout and
are in the audit trail, and reset mails are limited per address and per account."""

from django import forms
from django.contrib.auth import authenticate, views
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.utils.translation import gettext as _

from places.accounts import audit, limits

RESETS_PER_ADDRESS = 5  # an hour, from one client address
RESETS_PER_ACCOUNT = 3  # an hour, to one e-mail address


def confirm_password(request, password):
    """Whether this is the logged-in person's password, checked as a login checks it: a
    wrong one counts towards the lockout (and is logged, by places.audit_signals), and a
    locked-out person is refused even with the right one."""
    user = request.user
    checked = authenticate(request, username=user.get_username(), password=password)
    if checked is None or checked.pk != user.pk:
        return False
    audit.record("password.confirm", user, request=request, actor=user)
    return True


def wrong_password_message(request):
    if getattr(request, "axes_locked_out", False):
        return _("Too many wrong passwords. Try again in an hour.")
    return _("That password is not right.")


class CheckedPasswordChangeForm(PasswordChangeForm):
    """Django's form, with the old password checked by confirm_password."""

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not confirm_password(self.request, old_password):
            raise forms.ValidationError(wrong_password_message(self.request), code="wrong")
        return old_password


class PasswordChangeView(views.PasswordChangeView):
    form_class = CheckedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record("password.change", self.request.user, request=self.request)
        return response


class LimitedPasswordResetForm(PasswordResetForm):
    """Sends no more than RESETS_PER_ACCOUNT mails an hour to one address, silently (the
    page never tells whether an address is known)."""

    def send_mail(self, subject, body, context, from_email, to_email, *args, **kwargs):
        if not limits.exceeded("password-reset-account", to_email.lower(), RESETS_PER_ACCOUNT):
            super().send_mail(subject, body, context, from_email, to_email, *args, **kwargs)


class PasswordResetView(views.PasswordResetView):
    form_class = LimitedPasswordResetForm

    def form_valid(self, form):
        address = limits.client_address(self.request)
        if limits.exceeded("password-reset-address", address, RESETS_PER_ADDRESS):
            form.add_error(
                None, _("Many reset links were asked for just now. Try again in an hour.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
