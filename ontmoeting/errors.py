"""handler400: a request the app refuses gets a Dutch answer that says why: a page, or JSON
for the API."""

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def bad_request(request, exception):
    if isinstance(exception, BadRequest) and exception.args:
        message = str(exception)  # raised by the app with a message for the person
    else:
        message = _("This request cannot be read. Go back and try again.")
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)
