from django.apps import AppConfig


class OfstedConfig(AppConfig):
    name = "inspectorates.ofsted"
    label = "inspectorates_ofsted"
    verbose_name = "Ofsted framework"
