"""/.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when.

Contact comes from SECURITY_TXT_CONTACT (a mailto:, https: or tel: URI; several separated by
commas); without one the file is not served (404), as a security.txt that reaches nobody is
worse than none, and `check --deploy` warns (ontmoeting.W002). Expires is SECURITY_TXT_EXPIRES
or, unset, a year after this release (ontmoeting.RELEASE_DATE): a new release moves it on, and
a system check warns once it is past (ontmoeting.W003). Policy is SECURITY_TXT_POLICY, when set.
"""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

import ontmoeting

LANGUAGES = "nl, en"


class BadExpiry(ValueError):
    pass


def expires():
    """The moment the file stops being valid, in UTC; BadExpiry when the setting is unreadable."""
    value = settings.SECURITY_TXT_EXPIRES.strip()
    if not value:
        released = datetime.date.fromisoformat(ontmoeting.RELEASE_DATE)
        return datetime.datetime.combine(
            released + datetime.timedelta(days=365), datetime.time(), datetime.UTC
        )
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise BadExpiry(value) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def lines(canonical):
    fields = [("Contact", contact) for contact in settings.SECURITY_TXT_CONTACT]
    fields += [
        ("Expires", expires().strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("Preferred-Languages", LANGUAGES),
        ("Canonical", canonical),
    ]
    if settings.SECURITY_TXT_POLICY:
        fields.append(("Policy", settings.SECURITY_TXT_POLICY))
    return [f"{name}: {value}" for name, value in fields]


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def security_txt(request):
    if not settings.SECURITY_TXT_CONTACT:
        raise Http404("No SECURITY_TXT_CONTACT")
    body = "\n".join(lines(request.build_absolute_uri(request.path))) + "\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
