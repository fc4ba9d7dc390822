import datetime

import pytest

from places.models import Place
from surveys.answering import save_answers
from surveys.models import Question, Response, Section, SurveyRound
from tests.conftest import web_point
from tests.factories import PlaceFactory


def make_round(slug="ronde-a", status="open"):
    survey = SurveyRound.objects.create(
        title=f"Ronde {slug}", slug=slug, starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 12, 31), status=status,
    )
    section = Section.objects.create(round=survey, title="Vragen", order=1)
    questions = {
        "kracht": Question.objects.create(
            section=section, text="Wat is de kracht van uw plek?", kind="text", required=True,
            order=1,
        ),
        "coproductie": Question.objects.create(
            section=section, text="Coproductie: hoe sterk?", kind="scale", required=True,
            order=2, topic="coproductie", scale_low="zwak", scale_high="sterk",
        ),
        "sfeer": Question.objects.create(
            section=section, text="Sfeer: hoe sterk?", kind="scale", required=True, order=3,
            topic="sfeer",
        ),
        "dagen": Question.objects.create(
            section=section, text="Op welke dagen?", kind="multiple", order=4,
            choices="maandag\ndinsdag\nwoensdag",
        ),
        "bezoekers": Question.objects.create(
            section=section, text="Bezoekers per week", kind="number", order=5
        ),
        "subsidie": Question.objects.create(
            section=section, text="Krijgt u subsidie?", kind="yesno", order=6
        ),
    }
    return survey, questions


def answer(survey, questions, place, coproductie, sfeer, kracht="Koffie en aandacht"):
    response = Response.objects.create(round=survey, place=place)
    return save_answers(
        response,
        {questions["kracht"].pk: kracht, questions["coproductie"].pk: coproductie,
         questions["sfeer"].pk: sfeer},
        submit=True,
    )


@pytest.fixture
def survey(places):
    return make_round()


@pytest.fixture
def six_answers(survey, amsterdam):
    """Six places answered: coproductie 1,2,2,4,5,5 (mean 3.17); sfeer 3,3,3,3,3,4."""
    round_, questions = survey
    made = []
    for n, (cop, sfeer) in enumerate([(1, 3), (2, 3), (2, 3), (4, 3), (5, 3), (5, 4)]):
        place = PlaceFactory(
            name=f"Plek {n}", location=web_point(4.9, 52.37),
            management_form="zelfbeheer" if n < 4 else "sociaal_beheer",
        )
        answer(round_, questions, place, cop, sfeer)
        made.append(place)
    return made


def places_in_round():
    return Place.objects.published().not_closed()
