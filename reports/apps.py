import logging

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Joint reports"

    def ready(self) -> None:
        from core import gates, unlocks
        from core.audit_registry import audit_register
        from core.dashboard import inspection_links_register
        from reports import corrections, dashboard
        from reports.models import Correction, FindingAcknowledgement, Publication, ReportVersion
        from reports.personal_data.selectors import send_draft_missing

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
        # A reviewer's reason may quote the words the check found.
        audit_register(
            FindingAcknowledgement,
            name="Personal-data warning acknowledged",
            inspection_path="version__inspection_id",
            personal_fields={"reason"},
        )
        # A factual accuracy draft leaves the team only once its check is clear (DESIGN rule 19).
        gates.register("send_draft", send_draft_missing)
        # The findings quote what they found: erased with the children's details (rule 14).
        from privacy import erasure
        from reports.personal_data.erasure import erase_quoted_findings

        erasure.register(erase_quoted_findings, name="personal-data check findings")
        audit_register(Correction, name="Correction", inspection_path="inspection_id")
        # What an open correction names is all that may change after publication (rule 11).
        unlocks.register(corrections.part_unlocked)
        inspection_links_register(dashboard.inspection_links)
