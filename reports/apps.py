import logging

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Joint reports"

    def ready(self) -> None:
        from core.audit_registry import audit_register
        from core.dashboard import inspection_links_register
        from reports import dashboard
        from reports.models import Publication, ReportVersion

        # WeasyPrint logs every layout step at INFO; a worker's log should show tasks, not pages.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        # The personal-data check's findings quote what it found: never shown in the audit log.
        audit_register(
            ReportVersion,
            name="Report version",
            inspection_path="inspection_id",
            personal_fields={"personal_data_findings"},
        )
        audit_register(Publication, name="Publication", inspection_path="inspection_id")
        inspection_links_register(dashboard.inspection_links)
