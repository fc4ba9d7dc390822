"""The rondvraag's panel on a place's page (registered in SurveysConfig.ready)."""

from places import roles
from surveys.models import SurveyRound
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
