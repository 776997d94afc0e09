from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Who viewed a child's personal details, and their erasure after publication."""

    name = "privacy"
    verbose_name = "Children's personal details"

    def ready(self) -> None:
        from core import child_views
        from privacy.services import record_child_view

        # The case-sample pages (inspections, below this app) record each view through core.
        child_views.register_recorder(record_child_view)
