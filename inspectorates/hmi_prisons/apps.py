from django.apps import AppConfig


class HmiPrisonsConfig(AppConfig):
    name = "inspectorates.hmi_prisons"
    label = "inspectorates_hmi_prisons"
    verbose_name = "HM Inspectorate of Prisons framework"
