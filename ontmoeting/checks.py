"""Checks of the project's own settings, run by `manage.py check --deploy`."""

import datetime

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if settings.MISSING_KEY_MESSAGE:
        return [Error(settings.MISSING_KEY_MESSAGE, id="ontmoeting.E001")]
    return []


@register(deploy=True)
def hsts_lasts_a_year(app_configs, **kwargs):
    if 0 < settings.SECURE_HSTS_SECONDS < settings.ONE_YEAR:
        return [
            Warning(
                f"SECURE_HSTS_SECONDS is {settings.SECURE_HSTS_SECONDS}: less than a year.",
                hint="Leave it unset with HTTPS=1 (one year), or set at least 31536000.",
                id="ontmoeting.W001",
            )
        ]
    return []


@register(deploy=True)
def security_contact_is_set(app_configs, **kwargs):
    if not settings.SECURITY_TXT_CONTACT:
        return [
            Warning(
                "SECURITY_TXT_CONTACT is not set: /.well-known/security.txt is not served.",
                hint="Set it to where vulnerabilities are reported, e.g. "
                "mailto:security@gemeente.nl (docs/beheer/configureren.md).",
                id="ontmoeting.W002",
            )
        ]
    return []


@register()
def security_txt_is_current(app_configs, **kwargs):
    from ontmoeting.security_txt import BadExpiry, expires

    try:
        moment = expires()
    except BadExpiry as error:
        return [
            Error(
                f"SECURITY_TXT_EXPIRES is not a date: {error}.",
                hint="Write it as 2027-12-31 or 2027-12-31T00:00:00+00:00.",
                id="ontmoeting.E002",
            )
        ]
    if moment <= datetime.datetime.now(datetime.UTC):
        return [
            Warning(
                f"/.well-known/security.txt expired on {moment:%Y-%m-%d}.",
                hint="Set SECURITY_TXT_EXPIRES to a date less than a year ahead, or update "
                "to a newer release (its default is a year after the release).",
                id="ontmoeting.W003",
            )
        ]
    return []
