"""Results of a survey round: response rate and per-theme scores, with the <5 rule.

Aggregates of fewer than MIN_GROUP responses are never shown: with small groups a single
place could be recognised.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from surveys.models import THEMES, TOPIC_NAMES, Answer, Question, Response

MIN_GROUP = 5


@dataclass
class ThemeResult:
    code: str
    name: str
    counts: dict = field(default_factory=dict)  # score (1-5) -> number of places
    n: int = 0
    average: float | None = None

    @property
    def shown(self):
        return self.n >= MIN_GROUP


def submitted(survey, places):
    return Response.objects.filter(round=survey, status=Response.Status.SUBMITTED, place__in=places)


def scale_scores(survey, responses):
    """{theme code: [score, ...]} of the scale questions of the round."""
    answers = Answer.objects.filter(
        response__in=responses,
        question__section__round=survey,
        question__kind=Question.Kind.SCALE,
    ).exclude(question__topic="")
    scores = {}
    for topic, value in answers.values_list("question__topic", "value"):
        if isinstance(value, int) and 1 <= value <= 5:
            scores.setdefault(topic, []).append(value)
    return scores


def theme_results(survey, places):
    scores = scale_scores(survey, submitted(survey, places))
    results = []
    for code, name in THEMES:
        values = scores.get(code, [])
        result = ThemeResult(code=code, name=name, n=len(values))
        if result.shown:
            counter = Counter(values)
            result.counts = {score: counter.get(score, 0) for score in range(1, 6)}
            result.average = round(mean(values), 2)
        results.append(result)
    return results


def response_rate(survey, places):
    total = places.count()
    answered = submitted(survey, places).count()
    return {
        "places": total,
        "answered": answered,
        "percentage": round(100 * answered / total) if total else 0,
    }


def comparison(first, second, places):
    """Per theme the average in two rounds, over the places that answered both."""
    place_ids = set(submitted(first, places).values_list("place", flat=True)) & set(
        submitted(second, places).values_list("place", flat=True)
    )
    scores_a = scale_scores(first, submitted(first, places).filter(place__in=place_ids))
    scores_b = scale_scores(second, submitted(second, places).filter(place__in=place_ids))
    rows = []
    for code, name in THEMES:
        a, b = scores_a.get(code, []), scores_b.get(code, [])
        shown = min(len(a), len(b)) >= MIN_GROUP
        rows.append(
            {
                "name": name,
                "n": min(len(a), len(b)),
                "first": round(mean(a), 2) if shown else None,
                "second": round(mean(b), 2) if shown else None,
            }
        )
    return {"places": len(place_ids), "rows": rows}


@dataclass
class OpenAnswers:
    """Open answers per question; hidden (like the aggregates) when the selection holds
    fewer than MIN_GROUP responding places, and without place names unless the round says
    its answers are not anonymous."""

    grouped: dict
    n: int

    @property
    def shown(self):
        return self.n >= MIN_GROUP


NAME_HIDDEN = "[…]"


def open_answers(survey, places, topic="", search=""):
    """Open answers of submitted responses, per question, optionally per theme or matching
    text: (place or None, text). A text that names its own place has the name left out."""
    responses = submitted(survey, places)
    n = responses.count()
    if n < MIN_GROUP:
        return OpenAnswers({}, n)
    answers = (
        Answer.objects.filter(response__in=responses, question__kind=Question.Kind.TEXT)
        .exclude(value=None)
        .select_related("question", "response__place")
        .order_by("question__section__order", "question__order", "response__place__name")
    )
    if topic:
        answers = answers.filter(question__topic=topic)
    grouped = {}
    for answer in answers:
        place, text = answer.response.place, str(answer.value)
        if search and search.lower() not in text.lower():
            continue
        if not survey.answers_named:
            text, place = without_name(text, place.name), None
        grouped.setdefault(answer.question, []).append((place, text))
    if not survey.answers_named:  # in name order, the places could be told apart
        grouped = {
            question: sorted(pairs, key=lambda p: p[1]) for question, pairs in grouped.items()
        }
    return OpenAnswers(grouped, n)


def without_name(text, name):
    return re.sub(re.escape(name), NAME_HIDDEN, text, flags=re.IGNORECASE) if name else text


def topic_name(code):
    return TOPIC_NAMES.get(code, code)


def place_scores(place):
    """The latest submitted round of a place with its own score per theme, or None."""
    response = (
        Response.objects.filter(place=place, status=Response.Status.SUBMITTED)
        .select_related("round")
        .order_by("-submitted_at")
        .first()
    )
    if response is None:
        return None
    answers = response.answers.filter(question__kind=Question.Kind.SCALE).select_related("question")
    by_topic = {answer.question.topic: answer.value for answer in answers}
    return {
        "round": response.round,
        "scores": [(name, by_topic.get(code)) for code, name in THEMES],
    }
