from django.apps import AppConfig


class NarrativeConfig(AppConfig):
    name = "narrative"
    verbose_name = "Narrative joint inspections: theme and findings"

    def ready(self) -> None:
        from core import gates
        from core.audit_registry import audit_register
        from core.dashboard import inspection_links_register
        from narrative import dashboard
        from narrative.gates import findings_missing, theme_missing
        from narrative.models import Finding, InspectionTheme

        audit_register(InspectionTheme, name="Theme", inspection_path="inspection_id")
        audit_register(Finding, name="Finding", inspection_path="inspection_id")
        inspection_links_register(dashboard.inspection_links)
        gates.register("enter:notified", theme_missing)
        gates.register("publish", findings_missing)
