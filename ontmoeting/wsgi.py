import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (configured by the line above)

if settings.MISSING_KEY_MESSAGE:
    # gunicorn and runserver both load this module: neither serves without a real key.
    raise ImproperlyConfigured(settings.MISSING_KEY_MESSAGE)


def without_subpath(app, prefix):
    """Under SUBPATH the proxy passes /ontmoeting/… on unchanged: take the prefix off the path
    before Django resolves it (Django puts it back in every URL it makes: FORCE_SCRIPT_NAME).
    A path without it (a probe from inside the container) is served as it is."""

    def application(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == prefix or path.startswith(prefix + "/"):
            environ["PATH_INFO"] = path[len(prefix) :] or "/"
        return app(environ, start_response)

    return application


if settings.FORCE_SCRIPT_NAME:
    application = without_subpath(application, settings.FORCE_SCRIPT_NAME)
