from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = _("Meeting places")

    def ready(self):
        # Registers the checks and the signal receivers (also the login one of twofactor).
        from . import audit_signals, checks, signals, twofactor  # noqa: F401
