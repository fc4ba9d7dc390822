"""CSV export of a round: one row per response, one column per question."""

import csv
import io

from django.utils.translation import gettext as _

from .models import Response

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """Text a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(DANGEROUS_START) else text


def responses_csv(survey, places):
    questions = list(survey.questions())
    responses = (
        Response.objects.filter(round=survey, place__in=places)
        .select_related("place__place_type", "place__buurt__parent")
        .prefetch_related("answers")
        .order_by("place__name")
    )
    out = io.StringIO()
    out.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Place"),
            _("Type"),
            _("Management form"),
            _("District"),
            _("Neighbourhood"),
            _("Status"),
            _("Submitted on"),
            _("Demo data"),
        ]
        + [safe(q.text) for q in questions]
    )
    for response in responses:
        place, answers = response.place, response.answer_map()
        writer.writerow(
            [
                safe(place.name),
                place.place_type.name,
                place.get_management_form_display(),
                place.wijk.name if place.wijk else "",
                place.buurt.name if place.buurt else "",
                response.get_status_display(),
                response.submitted_at.isoformat() if response.submitted_at else "",
                safe(response.is_demo),
            ]
            + [safe(answers.get(q.pk)) for q in questions]
        )
    return out.getvalue()
