"""CSV export of a round: one row per response, one column per question."""

from django.utils.translation import gettext as _

from places.exports.csv import csv_text
from surveys.models import Response


def cell(value):
    """An answer as spreadsheet text (places.tables guards against formulas)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def responses_csv(survey, places):
    questions = list(survey.questions())
    responses = (
        Response.objects.filter(round=survey, place__in=places)
        .select_related("place__place_type", "place__buurt__parent")
        .prefetch_related("answers")
        .order_by("place__name")
    )
    header = [
        _("Place"),
        _("Type"),
        _("Management form"),
        _("District"),
        _("Neighbourhood"),
        _("Status"),
        _("Submitted on"),
        _("Demo data"),
    ] + [q.text for q in questions]
    return csv_text(header, (row(response, questions) for response in responses))


def row(response, questions):
    place, answers = response.place, response.answer_map()
    return [
        place.name,
        place.place_type.name,
        place.get_management_form_display(),
        place.wijk.name if place.wijk else "",
        place.buurt.name if place.buurt else "",
        response.get_status_display(),
        response.submitted_at.isoformat() if response.submitted_at else "",
        cell(response.is_demo),
    ] + [cell(answers.get(q.pk)) for q in questions]
