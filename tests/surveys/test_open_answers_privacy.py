"""The <5 rule holds for open answers too (issue 16, point 7): under a filter that selects
fewer than 5 responding places they are hidden like the aggregates, and they are shown
without the place's name (also inside the answer) unless the round says they are not
anonymous."""

import re
from html import unescape

import pytest
from django.urls import reverse

from places.models import Place
from surveys.models import Answer
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db


def page(client, survey, **query):
    response = client.get(reverse("surveys:open-answers", args=[survey.slug]), query)
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split())


def test_fewer_than_five_places_hide_the_open_answers(client, people, survey, six_answers):
    round_, _questions = survey
    log_in(client, people["beleid"])
    said = page(client, round_, beheer="sociaal_beheer")  # two of the six
    assert (
        "Deze selectie bevat 2 plekken die antwoordden: open antwoorden worden getoond vanaf 5 "
        "plekken, zodat niemand kan nagaan wie wat zei."
    ) in said
    assert "Koffie en aandacht" not in said
    assert "Koffie en aandacht" in page(client, round_)  # all six


def test_answers_are_shown_without_the_place_and_its_name_inside(
    client, people, survey, six_answers
):
    round_, questions = survey
    Answer.objects.filter(response__place=six_answers[3], question=questions["kracht"]).update(
        value="Bij plek 3 is het altijd gezellig"
    )
    log_in(client, people["beleid"])
    said = page(client, round_)
    assert "Bij […] is het altijd gezellig" in said
    assert not any(f"Plek {n}" in said for n in range(6))
    assert "zonder de namen van de plekken" in said

    round_.answers_named = True
    round_.save()
    said = page(client, round_)
    assert "Plek 3 : Bij plek 3 is het altijd gezellig" in said
    assert Place.objects.filter(name="Plek 3").exists()
