from django.apps import AppConfig


class ThematicConfig(AppConfig):
    name = "thematic"
    verbose_name = "Thematic overviews of narrative inspections"

    def ready(self) -> None:
        from core.audit_registry import audit_register
        from thematic.models import Series, SeriesMember

        audit_register(Series, name="Thematic series", inspection_path=None)
        audit_register(SeriesMember, name="Letter in a series", inspection_path="inspection_id")
