from django.apps import AppConfig


class InspectoratesConfig(AppConfig):
    name = "inspectorates"
    verbose_name = "Inspectorates and their frameworks"
