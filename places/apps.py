from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = _("Meeting places")

    def ready(self):
        # Registers the checks and the signal receivers (the audit trail's, and the login
        # one of two-step verification).
        from places import checks, signals  # noqa: F401
        from places.accounts import signals as audit_signals  # noqa: F401
        from places.accounts import twofactor  # noqa: F401
        from places.policy import coverage_updates  # noqa: F401

        post_migrate.connect(create_cache_tables, sender=self)


def create_cache_tables(using, **kwargs):
    """The rate limits' table (settings.CACHES["limits"]); safe to run after every migrate."""
    call_command("createcachetable", database=using, verbosity=0)
