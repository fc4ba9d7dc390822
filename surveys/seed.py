"""The rondvraag "de kracht van de plek" (the questions of a 2015 municipal rondvraag) as a
survey round, introduced in the name of this municipality (settings.MUNICIPALITY_NAME).

Used by a data migration (with the historical models), so it only creates rows.
"""

import datetime

from django.conf import settings

from surveys.models import DILEMMAS, THEMES

SLUG = "kracht-van-de-plek-2015"
OPEN_QUESTIONS = [
    "Wat is de kracht van uw plek?",
    "Wat is er nog (meer) nodig?",
    "Welke aandachtspunten zijn van belang voor een fijne, goede ontmoetingsplek?",
]


OLD_INTRODUCTION_START = "In 2015 vroeg Rotterdam"


def introduction():
    return (
        f"De gemeente {settings.MUNICIPALITY_NAME} vraagt de ontmoetingsplekken naar de kracht "
        "van hun plek, wat er nog nodig is en waar het op aankomt. Met dezelfde vragen kijken "
        "we elk jaar opnieuw. Het invullen duurt ongeveer een kwartier; u kunt tussendoor "
        "opslaan en later verdergaan."
    )


def seed(apps, schema_editor=None):
    SurveyRound = apps.get_model("surveys", "SurveyRound")
    Section = apps.get_model("surveys", "Section")
    Question = apps.get_model("surveys", "Question")
    if SurveyRound.objects.filter(slug=SLUG).exists():
        return
    survey = SurveyRound.objects.create(
        title="Rondvraag: de kracht van de plek (vragenlijst 2015)",
        slug=SLUG,
        introduction=introduction(),
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 12, 31),
        status="open",
    )
    open_section = Section.objects.create(round=survey, title="De kracht van de plek", order=1)
    for order, text in enumerate(OPEN_QUESTIONS, start=1):
        Question.objects.create(
            section=open_section, text=text, kind="text", required=order == 1, order=order
        )
    themes = Section.objects.create(round=survey, title="Tien thema's", order=2)
    for order, (code, name) in enumerate(THEMES, start=1):
        Question.objects.create(
            section=themes,
            text=f"{name}: hoe sterk is uw plek hierin?",
            kind="scale",
            required=True,
            order=order * 2 - 1,
            topic=code,
            scale_low="zwak",
            scale_high="sterk",
        )
        Question.objects.create(
            section=themes,
            text=f"{name}: toelichting (niet verplicht)",
            kind="text",
            order=order * 2,
            topic=code,
        )
    dilemmas = Section.objects.create(round=survey, title="Zes dilemma's", order=3)
    for order, (code, name) in enumerate(DILEMMAS, start=1):
        Question.objects.create(
            section=dilemmas,
            text=f"{name}: hoe gaat uw plek hiermee om?",
            kind="text",
            order=order,
            topic=code,
        )


def rename_municipality(apps, schema_editor=None):
    """The introduction seeded before it spoke of this municipality (it named Rotterdam)."""
    SurveyRound = apps.get_model("surveys", "SurveyRound")
    SurveyRound.objects.filter(slug=SLUG, introduction__startswith=OLD_INTRODUCTION_START).update(
        introduction=introduction()
    )
