from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "selection"
    verbose_name = "Selecting local areas to inspect"

    def ready(self) -> None:
        from core.audit_registry import audit_register
        from selection.models import (
            AreaIndicators,
            Decision,
            PartnerConcern,
            ProgrammeYear,
            SelectionPolicy,
        )

        # Selection is programme-wide: none of its rows belongs to an inspection.
        audit_register(AreaIndicators, name="Area indicators", inspection_path=None)
        audit_register(PartnerConcern, name="Partner concern", inspection_path=None)
        audit_register(SelectionPolicy, name="Selection policy", inspection_path=None)
        audit_register(ProgrammeYear, name="Programme year", inspection_path=None)
        audit_register(Decision, name="Selection decision", inspection_path=None)
