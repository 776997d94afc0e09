from django.apps import AppConfig


class HmiProbationConfig(AppConfig):
    name = "inspectorates.hmi_probation"
    label = "inspectorates_hmi_probation"
    verbose_name = "HM Inspectorate of Probation framework"
