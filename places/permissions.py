"""Who may do what: the one module that answers it.

The roles are Django groups (places/roles.py) plus membership of a place; the rule for
editing a place is ``Place.objects.editable_by(user)`` with ``Place.can_edit(user)`` beside
it. Views take their permission from a mixin here, and nothing else raises
``PermissionDenied`` by hand.
"""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from places import roles
from places.models import Place


def require(allowed):
    """Refuse with 403 unless allowed: for rules that depend on the object at hand."""
    if not allowed:
        raise PermissionDenied


class EditorRequiredMixin(UserPassesTestMixin):
    """Editors (the redactie) and admins; others get 403, or the login page when anonymous."""

    def test_func(self):
        return roles.is_editor(self.request.user)


class PolicyRequiredMixin(UserPassesTestMixin):
    """Policy staff and editors."""

    def test_func(self):
        return roles.is_policy(self.request.user)


def editable_place(user, slug):
    """The place with this slug if the person may edit it; for anyone else it does not exist
    (404), so that a URL does not tell which places exist."""
    return get_object_or_404(Place.objects.editable_by(user), slug=slug)


class EditablePlaceMixin(LoginRequiredMixin):
    """Views of one place that only its members and the editors reach."""

    def get_place(self):
        return editable_place(self.request.user, self.kwargs["slug"])


def safe_next(request, default=None):
    """The 'next' URL of a form or link, if it stays on this site; otherwise the default
    (or the page after logging in)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if allowed:
        return target
    return default if default is not None else reverse(settings.LOGIN_REDIRECT_URL)
