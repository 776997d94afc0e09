"""The personal-data check's findings quote the words they found, which may be a child's name:
they are erased with the rest of the children's details (DESIGN rule 14).

Registered with `privacy.erasure` in `ReportsConfig.ready()`, so it runs inside the inspection's
erasure transaction. Where a finding was and which record it matched stay (the lead inspector's
account of the check); the quoted words go, from each version and from its history. The rendered
report itself is untouched: it never held personal details (DESIGN rule 8).
"""

from __future__ import annotations

from inspections.models import Inspection
from reports.models import FindingAcknowledgement, ReportVersion

QUOTED = ("before", "match", "after")
ERASED_REASON = "[erased]"


def _without_quotes(findings: list) -> tuple[list, bool]:
    changed = False
    kept = []
    for finding in findings or []:
        if isinstance(finding, dict) and any(finding.get(part) for part in QUOTED):
            finding = {**finding, **dict.fromkeys(QUOTED, "")}
            changed = True
        kept.append(finding)
    return kept, changed


def _erase_rows(rows) -> int:
    erased = 0
    for row in rows:
        findings, changed = _without_quotes(row.personal_data_findings)
        if changed:
            type(row).objects.filter(pk=row.pk).update(personal_data_findings=findings)
            erased += 1
    return erased


def erase_quoted_findings(inspection: Inspection) -> int:
    """Blank the quoted words of every finding and acknowledgement reason; how many rows changed.

    Idempotent: run again, nothing is left to blank and it returns 0.
    """
    versions = ReportVersion.objects.filter(inspection=inspection).only("personal_data_findings")
    erased = _erase_rows(versions)
    erased += _erase_rows(
        ReportVersion.history.filter(inspection_id=inspection.pk).only(
            "history_id", "personal_data_findings"
        )
    )
    acknowledgements = FindingAcknowledgement.objects.filter(version__inspection=inspection)
    erased += acknowledgements.exclude(reason=ERASED_REASON).update(reason=ERASED_REASON)
    erased += (
        FindingAcknowledgement.history.filter(version__inspection_id=inspection.pk)
        .exclude(reason=ERASED_REASON)
        .update(reason=ERASED_REASON)
    )
    return erased
