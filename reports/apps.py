import logging

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Joint reports"

    def ready(self) -> None:
        from core import unlocks
        from core.audit_registry import audit_register
        from core.dashboard import inspection_links_register
        from reports import corrections, dashboard
        from reports.models import Correction, Publication, ReportVersion

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
        audit_register(Correction, name="Correction", inspection_path="inspection_id")
        # What an open correction names is all that may change after publication (rule 11).
        unlocks.register(corrections.part_unlocked)
        inspection_links_register(dashboard.inspection_links)
