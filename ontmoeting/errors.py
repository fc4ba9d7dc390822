"""handler400: a request the app refuses gets a Dutch page that says why."""

from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _


def bad_request(request, exception):
    if isinstance(exception, BadRequest) and exception.args:
        message = str(exception)  # raised by the app with a message for the person
    else:
        message = _("This request cannot be read. Go back and try again.")
    return render(request, "400.html", {"message": message}, status=400)
