"""Survey rounds for tests: a round with one question of each kind, and answers."""

import datetime

from places.models import Place
from surveys.answering import save_answers
from surveys.models import Question, Response, Section, SurveyRound


def make_round(slug="ronde-a", status="open"):
    survey = SurveyRound.objects.create(
        title=f"Ronde {slug}",
        slug=slug,
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 12, 31),
        status=status,
    )
    section = Section.objects.create(round=survey, title="Vragen", order=1)
    questions = {
        "kracht": Question.objects.create(
            section=section,
            text="Wat is de kracht van uw plek?",
            kind="text",
            required=True,
            order=1,
        ),
        "coproductie": Question.objects.create(
            section=section,
            text="Coproductie: hoe sterk?",
            kind="scale",
            required=True,
            order=2,
            topic="coproductie",
            scale_low="zwak",
            scale_high="sterk",
        ),
        "sfeer": Question.objects.create(
            section=section,
            text="Sfeer: hoe sterk?",
            kind="scale",
            required=True,
            order=3,
            topic="sfeer",
        ),
        "dagen": Question.objects.create(
            section=section,
            text="Op welke dagen?",
            kind="multiple",
            order=4,
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
        {
            questions["kracht"].pk: kracht,
            questions["coproductie"].pk: coproductie,
            questions["sfeer"].pk: sfeer,
        },
        submit=True,
    )


def places_in_round():
    return Place.objects.published().not_closed()
