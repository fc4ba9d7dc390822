"""The rondvraag's panel on a place's page (registered in SurveysConfig.ready)."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from places import roles
from surveys.models import Response, SurveyRound
from surveys.results import place_scores


def place_panel(place, user, can_edit):
    """The place's own scores and the open rounds to answer: for its members and policy
    staff, never public. None when there is nothing to show."""
    if not (can_edit or roles.is_policy(user)):
        return None
    scores = place_scores(place)
    open_rounds = (
        list(SurveyRound.objects.filter(status=SurveyRound.Status.OPEN)) if can_edit else []
    )
    if scores is None and not open_rounds:
        return None
    return {"survey": scores, "open_rounds": open_rounds}


def place_todo(place, user):
    """For "Mijn plekken": each open round and how far the place is with it."""
    items = []
    for survey in SurveyRound.objects.filter(status=SurveyRound.Status.OPEN).order_by("title"):
        url = reverse("surveys:answer", args=[survey.slug, place.slug])
        response = Response.objects.filter(round=survey, place=place).first()
        if response is None:
            state = _("not started")
        elif response.status == Response.Status.DRAFT:
            state = _("draft saved, not sent yet")
        else:
            when = timezone.localtime(response.submitted_at) if response.submitted_at else None
            state = _("sent on %(date)s") % {
                "date": formats.date_format(when, "j F Y") if when else "—"
            }
        items.append(
            (_("Survey “%(title)s”: %(state)s") % {"title": survey.title, "state": state}, url)
        )
    return items
