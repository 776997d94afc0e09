"""Who may do what to shared text, and when: the one place that answers it for `lscb`.

Membership comes from `inspections.permissions.inspection_access` (django-guardian rows);
everything here is a state predicate on top of it, so it cannot go stale.
"""

from __future__ import annotations

from inspections.models import InspectionStatus
from inspections.permissions import InspectionAccess
from lscb.models import SharedText, SharedTextStatus

# Shared text is drafted during fieldwork and still corrected during the factual accuracy check;
# once the report is published (or the inspection withdrawn) nothing changes.
SHARED_TEXT_STATUSES = frozenset(
    {InspectionStatus.FIELDWORK, InspectionStatus.DRAFTING, InspectionStatus.FACTUAL_ACCURACY}
)


def inspection_open(access: InspectionAccess) -> bool:
    return access.inspection.status in SHARED_TEXT_STATUSES


def may_edit(access: InspectionAccess, shared_text: SharedText | None) -> bool:
    """The lead inspector drafts; finalised text is locked until reopened."""
    return (
        access.is_lead_inspector
        and inspection_open(access)
        and (shared_text is None or shared_text.status != SharedTextStatus.AGREED)
    )


def may_circulate(access: InspectionAccess, shared_text: SharedText | None) -> bool:
    return (
        access.is_lead_inspector
        and inspection_open(access)
        and shared_text is not None
        and shared_text.status == SharedTextStatus.DRAFT
        and shared_text.current_version > 0
    )


def may_sign(access: InspectionAccess, shared_text: SharedText | None, code: str) -> bool:
    """An inspectorate's lead for this inspection signs for it, while the text is circulated."""
    return (
        access.leads(code)
        and inspection_open(access)
        and shared_text is not None
        and shared_text.status == SharedTextStatus.CIRCULATED
    )


def may_finalise(access: InspectionAccess, shared_text: SharedText | None) -> bool:
    """Whether every inspectorate agrees is a rule the service checks, not a right."""
    return (
        access.is_lead_inspector
        and inspection_open(access)
        and shared_text is not None
        and shared_text.status == SharedTextStatus.CIRCULATED
    )


def may_reopen(access: InspectionAccess, shared_text: SharedText | None) -> bool:
    return (
        access.is_lead_inspector
        and inspection_open(access)
        and shared_text is not None
        and shared_text.status == SharedTextStatus.AGREED
    )
