"""Every URL of the surveys app × every role × GET and POST (see test_url_matrix.py)."""

import pytest
from django.urls import reverse

from surveys import urls as survey_urls
from surveys.answering import answer_token
from surveys.models import SurveyRound
from tests.test_url_matrix import LOGIN, ROLES, check, editors_only, logged_in, public

pytestmark = pytest.mark.django_db

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


def test_every_url_has_an_entry():
    assert {pattern.name for pattern in survey_urls.urlpatterns} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_get_and_post(name, role, client, places, people):
    url = url_for(name, places)
    check(client, people, role, url, EXPECTED[name][role], name in ANONYMOUS_MAY_WRITE)
    if role == "anonymous" and EXPECTED[name][role][0] == LOGIN:
        assert "/account/login/" in client.get(url)["Location"]
