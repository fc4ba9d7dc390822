"""Checks of the project's own settings, run by `manage.py check --deploy`."""

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
