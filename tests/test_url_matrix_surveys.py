"""Every URL of the surveys app × every role × GET and POST (see test_url_matrix.py)."""

import pytest
from django.urls import reverse

from surveys import urls as survey_urls
from surveys.answering import answer_token
from surveys.models import Response, SurveyRound
from tests.test_url_matrix import LOGIN, ROLES, editors_only, logged_in, public, snapshot

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
    expected_get, expected_post = EXPECTED[name][role]
    if role != "anonymous":
        client.force_login(people[role])
    url = url_for(name, places)
    assert client.get(url).status_code == expected_get
    before = snapshot(), Response.objects.count()
    assert client.post(url).status_code == expected_post
    refused = expected_post in (403, 404, 405)
    if refused or (role == "anonymous" and name not in ANONYMOUS_MAY_WRITE):
        assert (snapshot(), Response.objects.count()) == before
    if role == "anonymous" and expected_get == LOGIN:
        assert "/account/login/" in client.get(url)["Location"]
