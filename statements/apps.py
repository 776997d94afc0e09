from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = "Written statements of action"

    def ready(self) -> None:
        from core import report_links
        from core.audit_registry import audit_register
        from core.dashboard import awaiting_register, inspection_links_register
        from statements import dashboard
        from statements.models import MonitoringNote, StatementAction, StatementOfAction

        audit_register(
            StatementOfAction, name="Written statement of action", inspection_path="inspection_id"
        )
        audit_register(
            StatementAction, name="Statement action", inspection_path="statement__inspection_id"
        )
        audit_register(
            MonitoringNote, name="Monitoring note", inspection_path="statement__inspection_id"
        )
        awaiting_register(dashboard.awaiting_for_user)
        inspection_links_register(dashboard.inspection_links)
        report_links.register(dashboard.report_links)
