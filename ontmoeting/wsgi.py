import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (configured by the line above)

if settings.MISSING_KEY_MESSAGE:
    # gunicorn and runserver both load this module: neither serves without a real key.
    raise ImproperlyConfigured(settings.MISSING_KEY_MESSAGE)
