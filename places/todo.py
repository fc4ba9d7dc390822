""" "Mijn plekken" as a to-do list (issue 15): per place what is missing, when it was last
checked, what other apps ask of it (the rondvraag) and who waits for an answer."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from places import panels, story
from places.models import ClaimRequest, Invitation, Place


def missing(place):
    """What a visitor would want to know and the listing does not say yet."""
    gaps = []
    if not place.opening_hours:
        gaps.append(_("opening hours"))
    if place.visitor_cost == Place.VisitorCost.UNKNOWN:
        gaps.append(_("the cost of a visit"))
    if place.wheelchair == Place.Wheelchair.UNKNOWN:
        gaps.append(_("wheelchair access"))
    if not (place.phone or place.email or place.website):
        gaps.append(_("a phone number, e-mail address or website"))
    return gaps


@dataclass
class ToDo:
    place: Place
    missing: list
    edit_url: str
    others: list = field(default_factory=list)  # [(text, url)] from other apps
    claims: list = field(default_factory=list)
    invitations: list = field(default_factory=list)
    proposals: list = field(default_factory=list)  # [(proposal, sentence)]


def todo(place, user):
    pending = ClaimRequest.Status.PENDING
    return ToDo(
        place=place,
        missing=missing(place),
        edit_url=reverse("places:edit", args=[place.slug]),
        others=panels.todo_for(place, user),
        claims=list(place.claims.filter(status=pending).select_related("user")),
        invitations=[
            invitation
            for invitation in place.invitations.filter(status=Invitation.Status.PENDING)
            if not invitation.is_expired()
        ],
        proposals=recent_proposals(place),
    )


def recent_proposals(place, days=30):
    """Proposed events still waiting, and those decided in the last month (the outcome)."""
    since = timezone.now() - timezone.timedelta(days=days)
    return [
        (proposal, text)
        for proposal, text in story.proposals(place)
        if proposal.decided_at is None or proposal.decided_at >= since
    ]
