from django.apps import AppConfig


class ThematicConfig(AppConfig):
    name = "thematic"
    verbose_name = "Thematic overviews of narrative inspections"
