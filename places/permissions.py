"""Who may do what: the one module that answers it.

The roles are Django groups (places/roles.py) plus membership of a place; the rule for
editing a place is ``Place.objects.editable_by(user)`` with ``Place.can_edit(user)`` beside
it. Views take their permission from a mixin here, and nothing else raises
``PermissionDenied`` by hand.
"""

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


class WijkteamRequiredMixin(UserPassesTestMixin):
    """Members of a wijkteam."""

    def test_func(self):
        return roles.is_wijkteam(self.request.user)


class EditablePlaceMixin(LoginRequiredMixin):
    """Views of one place that only its members and the editors reach; for anyone else the
    place does not exist (404), so that a URL does not tell which places exist."""

    def get_place(self):
        places = Place.objects.editable_by(self.request.user)
        return get_object_or_404(places, slug=self.kwargs["slug"])


def safe_next(request, default=None):
    """The 'next' URL of a form or link, if it stays on this site; otherwise the default
    (or the page after logging in)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if allowed:
        return target
    return default if default is not None else reverse("places:mine")
