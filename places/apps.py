from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = _("Meeting places")

    def ready(self):
        from . import audit_signals, checks, signals  # noqa: F401  (registers checks and signals)
