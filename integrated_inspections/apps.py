from django.apps import AppConfig


class IntegratedInspectionsConfig(AppConfig):
    """The project package as an app: sign-in concerns that belong to no one domain app."""

    name = "integrated_inspections"
    verbose_name = "Joint Inspections"

    def ready(self) -> None:
        from integrated_inspections import accounts  # noqa: F401 - imported for its receivers
