"""The surveys app's URLs × roles: what each role gets on GET and POST."""

from django.urls import reverse

from surveys.answering import answer_token
from surveys.models import SurveyRound
from tests.helpers.matrix import editors_only, logged_in, public

POLICY = logged_in(403, 403, beleid=(200, 405), redactie=(200, 405))
EXPECTED = {
    "mine": public(),
    "answer": logged_in(404, 404, owner=(200, 302), redactie=(200, 302)),
    "answer-link": public(200, 302),
    "results": POLICY,
    "open-answers": POLICY,
    "export": POLICY,
    # Too few answers to draw a chart: not found even for policy staff.
    "chart": logged_in(403, 403, beleid=(404, 405), redactie=(404, 405)),
    "invite": editors_only(405, 302),
}
ANONYMOUS_MAY_WRITE = {"answer-link"}


def url_for(name, places):
    survey = SurveyRound.objects.get()
    kamer = places["kamer"]
    args = {
        "answer": [survey.slug, kamer.slug],
        "answer-link": [survey.slug, answer_token(survey, kamer)],
        "chart": [survey.slug, "coproductie"],
        "mine": [],
    }.get(name, [survey.slug])
    return reverse(f"surveys:{name}", args=args)
