from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Survey rounds")

    def ready(self):
        # places shows the rondvraag on a place's page through its panel registry, so that
        # places never imports surveys.
        from places import panels
        from surveys.panels import place_panel, place_todo

        panels.register("surveys", "surveys/_place_panel.html", place_panel)
        panels.register_todo("surveys", place_todo)
