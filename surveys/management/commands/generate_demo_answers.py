"""Demo answers for a share of the places, marked as demo data, for the demonstration.

Honest about what it is: every generated response has is_demo=True, the results page says
the round contains demo answers, and scores follow a simple stated model (a place's general
strength plus noise) rather than pretending to be real.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction

from places.models import Place
from surveys.answering import save_answers
from surveys.models import Question, Response, SurveyRound
from surveys.seed import SLUG

OPEN_TEXTS = [
    "Mensen komen binnenlopen voor koffie en blijven voor elkaar (demotekst).",
    "Vaste vrijwilligers die iedereen bij naam kennen (demotekst).",
    "Meer vrijwilligers voor de middagen (demotekst).",
    "Een vaste huur die we kunnen blijven betalen (demotekst).",
    "Goede samenwerking met het wijkteam (demotekst).",
]


class Command(BaseCommand):
    help = "Generate demo answers (is_demo=True) for a share of the published places."

    def add_arguments(self, parser):
        parser.add_argument("--round", default=SLUG)
        parser.add_argument("--share", type=float, default=0.4)
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument("--commit", action="store_true")

    @transaction.atomic
    def handle(self, round, share, seed, commit, **options):
        survey = SurveyRound.objects.get(slug=round)
        if survey.responses.filter(is_demo=False).exists():
            self.stdout.write("This round has real answers: no demo answers added.")
            return
        rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not security)
        places = list(Place.objects.published().not_closed().order_by("pk"))
        chosen = [p for p in places if rng.random() < share]
        questions = list(survey.questions())
        for place in chosen:
            strength = rng.gauss(3.4, 0.6)
            answers = {q.pk: self.answer(q, strength, rng) for q in questions}
            response, _created = Response.objects.get_or_create(
                round=survey, place=place, defaults={"is_demo": True}
            )
            save_answers(response, answers, submit=True)
        self.stdout.write(f"Demo answers for {len(chosen)} of {len(places)} places.")
        if not commit:
            transaction.set_rollback(True)
            self.stdout.write("Dry run: nothing was written. Add --commit.")

    def answer(self, question, strength, rng):
        if question.kind == Question.Kind.SCALE:
            return max(1, min(5, round(strength + rng.gauss(0, 0.8))))
        if question.kind == Question.Kind.TEXT:
            return rng.choice(OPEN_TEXTS) if question.required or rng.random() < 0.3 else None
        return None
