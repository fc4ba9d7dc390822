from django.apps import AppConfig


class OntmoetingConfig(AppConfig):
    """The project package as an app only for its system checks (ontmoeting/checks.py)."""

    name = "ontmoeting"
    verbose_name = "Ontmoeting"

    def ready(self):
        from ontmoeting import checks  # noqa: F401 (registers them)
