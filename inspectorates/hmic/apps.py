from django.apps import AppConfig


class HmicConfig(AppConfig):
    name = "inspectorates.hmic"
    label = "inspectorates_hmic"
    verbose_name = "HM Inspectorate of Constabulary framework"
