"""The error handlers: a Dutch answer in the site frame with a way back (home and search), or
JSON under /api/. A request the app refuses (400) says why."""

import logging

from django.core.exceptions import BadRequest
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def is_api(request):
    return request.path_info.startswith("/api/")  # path_info: without SUBPATH


def answer(request, template, message, status):
    if is_api(request):
        return JsonResponse({"error": message}, status=status)
    return render(request, template, {"message": message}, status=status)


def bad_request(request, exception):
    if isinstance(exception, BadRequest) and exception.args:
        message = str(exception)  # raised by the app with a message for the person
    else:
        message = _("This request cannot be read. Go back and try again.")
    return answer(request, "400.html", message, 400)


def permission_denied(request, exception):
    message = _("You may not open this page with your account.")
    return answer(request, "403.html", message, 403)


def page_not_found(request, exception):
    message = _("This page does not exist (any more). The address may be mistyped or old.")
    return answer(request, "404.html", message, 404)


def server_error(request):
    """Rendered without the request, as Django's own server_error: its context processors
    may be what failed. Should the site frame itself fail, a plain Dutch page remains."""
    message = _("Something went wrong on our side. Try again in a moment.")
    if is_api(request):
        return JsonResponse({"error": message}, status=500)
    try:
        body = render_to_string("500.html", {"message": message})
    except Exception:  # the last resort must not fail: any error here would be a blank page
        logger.exception("The 500 page could not be rendered")
        body = f'<!DOCTYPE html><html lang="nl"><title>Ontmoeting</title><p>{escape(message)}</p>'
        home = escape(get_script_prefix())  # the site's root, under SUBPATH too
        body += f'<p><a href="{home}">{escape(_("To the map and list of meeting places"))}</a></p>'
    return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    """A form sent without its check (an old tab, cookies blocked): say what to do."""
    message = _(
        "This form has expired or your browser did not send its cookie. Go back, reload the "
        "page and send the form again; nothing has been saved."
    )
    return answer(request, "403.html", message, 403)
