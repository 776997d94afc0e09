"""Who may do what to shared text, and when: the one place that answers it for `lscb`.

Membership comes from `inspections.permissions.inspection_access` (django-guardian rows);
everything here is a state predicate on top of it, so it cannot go stale. The `check_`
functions refuse with the message the user reads, for the services and the views alike.
"""

from __future__ import annotations

from core import unlocks
from core.permissions import refuse_unless
from inspections.models import InspectionStatus
from inspections.permissions import InspectionAccess
from lscb.models import KIND_NAMES, SharedText, SharedTextStatus

NOT_LEAD_INSPECTOR = (
    "Only the lead inspector can draft, circulate, finalise or reopen the shared text."
)
NOT_INSPECTORATE_LEAD = "Only the inspectorate's lead for this inspection can sign off for it."
NOT_PARTICIPATING = "{name} is not taking part in this inspection, so it does not sign off."
INSPECTION_NOT_OPEN = (
    "Shared text can only change while the inspection is in fieldwork, drafting or the factual "
    "accuracy check."
)
LOCKED = "The {kind} has been finalised. Reopen it, giving a reason, before changing it."
REOPEN_ONLY_FINALISED = "Only finalised text can be reopened."

# Shared text is drafted during fieldwork and still corrected during the factual accuracy check;
# once the report is published (or the inspection withdrawn) nothing changes.
SHARED_TEXT_STATUSES = frozenset(
    {InspectionStatus.FIELDWORK, InspectionStatus.DRAFTING, InspectionStatus.FACTUAL_ACCURACY}
)


PUBLISHED_LOCKED = (
    "The report is published: the {kind} can only change within an open correction that names it."
)


def inspection_open(access: InspectionAccess, kind: str | None = None) -> bool:
    """Whether the stage lets shared text change: before publication, or, once published, only
    the `kind` an open correction names (DESIGN rules 8 and 11)."""
    inspection = access.inspection
    if inspection.status in SHARED_TEXT_STATUSES:
        return True
    return (
        kind is not None
        and inspection.status == InspectionStatus.PUBLISHED
        and unlocks.unlocked(unlocks.shared_text(kind), inspection=inspection)
    )


def _kind(shared_text: SharedText | None) -> str | None:
    return shared_text.kind if shared_text is not None else None


def not_open_message(access: InspectionAccess, kind: str | None) -> str:
    if access.inspection.status == InspectionStatus.PUBLISHED and kind:
        return PUBLISHED_LOCKED.format(kind=KIND_NAMES[kind])
    return INSPECTION_NOT_OPEN


def may_edit(access: InspectionAccess, shared_text: SharedText | None) -> bool:
    """The lead inspector drafts; finalised text is locked until reopened."""
    return (
        access.is_lead_inspector
        and inspection_open(access, _kind(shared_text))
        and (shared_text is None or shared_text.status != SharedTextStatus.AGREED)
    )


def may_circulate(access: InspectionAccess, shared_text: SharedText | None) -> bool:
    return (
        access.is_lead_inspector
        and inspection_open(access, _kind(shared_text))
        and shared_text is not None
        and shared_text.status == SharedTextStatus.DRAFT
        and shared_text.current_version > 0
    )


def may_sign(access: InspectionAccess, shared_text: SharedText | None, code: str) -> bool:
    """An inspectorate's lead for this inspection signs for it, while the text is circulated."""
    return (
        access.leads(code)
        and inspection_open(access, _kind(shared_text))
        and shared_text is not None
        and shared_text.status == SharedTextStatus.CIRCULATED
    )


def may_finalise(access: InspectionAccess, shared_text: SharedText | None) -> bool:
    """Whether every inspectorate agrees is a rule the service checks, not a right."""
    return (
        access.is_lead_inspector
        and inspection_open(access, _kind(shared_text))
        and shared_text is not None
        and shared_text.status == SharedTextStatus.CIRCULATED
    )


def may_reopen(access: InspectionAccess, shared_text: SharedText | None) -> bool:
    return (
        access.is_lead_inspector
        and inspection_open(access, _kind(shared_text))
        and shared_text is not None
        and shared_text.status == SharedTextStatus.AGREED
    )


# --- Refusals ----------------------------------------------------------------------------------


def check_lead_inspector(access: InspectionAccess) -> None:
    """Drafting, circulating, finalising and reopening are the lead inspector's."""
    refuse_unless(access.is_lead_inspector, NOT_LEAD_INSPECTOR)


def check_sign_for(access: InspectionAccess, code: str) -> None:
    refuse_unless(access.leads(code), NOT_INSPECTORATE_LEAD)


def why_not_edit(access: InspectionAccess, shared_text: SharedText | None) -> str | None:
    """For the lead inspector sent back from the edit page: why the text cannot change now."""
    if may_edit(access, shared_text):
        return None
    if shared_text is not None and inspection_open(access, shared_text.kind):
        return LOCKED.format(kind=shared_text.name)
    return not_open_message(access, _kind(shared_text))


def why_not_reopen(access: InspectionAccess, shared_text: SharedText) -> str | None:
    return None if may_reopen(access, shared_text) else REOPEN_ONLY_FINALISED
