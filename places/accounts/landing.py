"""Where a person lands after logging in: on their work, not on an empty page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import View

from places import roles


def landing_url(user):
    """Editors their moderation queue, policy staff the dashboard, wijkteam members their
    wijkteam (or the nearby search without one), everyone else their own places."""
    if roles.is_editor(user):
        return reverse("places:moderation")
    if roles.is_policy(user):
        return reverse("places:dashboard")
    if roles.is_wijkteam(user):
        team = user.wijkteams.first()
        return team.get_absolute_url() if team else reverse("places:nearby")
    return reverse("places:mine")


class LandingView(LoginRequiredMixin, View):
    """LOGIN_REDIRECT_URL: the page after logging in when no safe `next` was given."""

    def get(self, request):
        return redirect(landing_url(request.user))
