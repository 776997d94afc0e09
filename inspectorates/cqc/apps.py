from django.apps import AppConfig


class CqcConfig(AppConfig):
    name = "inspectorates.cqc"
    label = "inspectorates_cqc"
    verbose_name = "Care Quality Commission framework"
