"""The rondvraag's introduction speaks of this municipality, not of Rotterdam (issue 15)."""

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from surveys import seed as seeding
from surveys.models import SurveyRound
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db


def test_the_seeded_round_is_introduced_by_this_municipality(client, places, people, settings):
    seeding.seed(django_apps)
    log_in(client, people["owner"])
    page = client.get(
        reverse("surveys:answer", args=[seeding.SLUG, places["kamer"].slug])
    ).content.decode()
    assert "De gemeente Amsterdam vraagt de ontmoetingsplekken naar de kracht" in page
    assert "Rotterdam" not in page


def test_an_introduction_seeded_before_is_renamed_and_a_rewritten_one_is_kept(settings, db):
    settings.MUNICIPALITY_NAME = "Utrecht"
    seeding.seed(django_apps)
    survey = SurveyRound.objects.get(slug=seeding.SLUG)
    survey.introduction = "In 2015 vroeg Rotterdam zo'n dertig ontmoetingsplekken …"
    survey.save()
    seeding.rename_municipality(django_apps)
    survey.refresh_from_db()
    assert survey.introduction.startswith("De gemeente Utrecht vraagt")
    survey.introduction = "Onze eigen tekst."
    survey.save()
    seeding.rename_municipality(django_apps)
    survey.refresh_from_db()
    assert survey.introduction == "Onze eigen tekst."
