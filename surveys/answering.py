"""Saving answers: drafts, submissions, and the old version kept when resubmitted."""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from places.text import one_line
from surveys.models import Answer, PreviousSubmission, Response

logger = logging.getLogger(__name__)
TOKEN_SALT = "surveys.answer-link"  # noqa: S105 (a signing salt, not a password)


def answer_token(survey, place):
    return signing.dumps({"round": survey.pk, "place": place.pk}, salt=TOKEN_SALT)


def read_answer_token(token, max_days=120):
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=max_days * 24 * 3600)
    except signing.BadSignature:
        return None
    return data.get("round"), data.get("place")


def send_invitations(request, survey, places):
    """E-mail each place's members the link to answer for their place, place by place.

    A place the mail server refuses does not stop the others: returns the number of places
    sent to and the names of those that failed.
    """
    sent, failed = 0, []
    for place in places.prefetch_related("memberships__user"):
        emails = [m.user.email for m in place.memberships.all() if m.user.email]
        if not emails:
            continue
        path = reverse("surveys:answer-link", args=[survey.slug, answer_token(survey, place)])
        body = render_to_string(
            "surveys/email/invitation.txt",
            {"survey": survey, "place": place, "link": request.build_absolute_uri(path)},
        )
        try:
            send_mail(one_line(survey.title), body, settings.DEFAULT_FROM_EMAIL, emails)
        except OSError as error:  # smtplib's errors are OSErrors too
            logger.warning("Invitation for %s not sent: %s", place.pk, type(error).__name__)
            failed.append(place.name)
            continue
        sent += 1
    return sent, failed


def response_for(survey, place):
    """The place's response to a round. A new one is not stored yet: opening a link (a GET,
    which mail scanners and link previews send too) must create nothing."""
    return Response.objects.filter(round=survey, place=place).first() or Response(
        round=survey, place=place
    )


@transaction.atomic
def save_answers(response, answers, submit, user=None):
    """Store every answer once (saving twice changes nothing); submit if asked."""
    response, _created = Response.objects.select_for_update().get_or_create(
        round_id=response.round_id, place_id=response.place_id
    )
    previous = {str(k): v for k, v in response.answer_map().items()}
    if submit and response.status == Response.Status.SUBMITTED:
        new = {str(k): v for k, v in answers.items()}
        if new != previous:
            PreviousSubmission.objects.create(
                response=response, submitted_at=response.submitted_at, answers=previous
            )
    for question_id, value in answers.items():
        Answer.objects.update_or_create(
            response=response, question_id=question_id, defaults={"value": value}
        )
    if submit:
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by = user if user is not None and user.is_authenticated else None
    response.save()
    return response
