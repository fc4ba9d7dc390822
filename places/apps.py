from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = _("Meeting places")

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the checks and signal handlers)
