"""Who may do what with evidence and judgements: the one place that answers it for `judgements`.

Membership comes from `inspections.permissions.inspection_access`; the rules here add the
state of the evidence or judgement. Services call the same predicates as views and templates,
so a page never offers what the service would refuse.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from inspections.permissions import InspectionAccess
from judgements.models import Evidence, Judgement, JudgementStatus


def may_record_evidence(access: InspectionAccess, inspectorate_code: str) -> bool:
    """DESIGN rule 2: own inspectorate, on the team, in fieldwork or drafting."""
    return access.may_write_for(inspectorate_code)


def may_change_evidence(
    access: InspectionAccess, evidence: Evidence, user: AbstractBaseUser
) -> bool:
    """Evidence stays attributed to its author, so only the author edits or deletes it."""
    return evidence.author_id == user.pk and access.may_write_for(evidence.inspectorate.code)


def may_edit_judgement(
    access: InspectionAccess, inspectorate_code: str, judgement: Judgement | None
) -> bool:
    """Anyone writing for the inspectorate edits a draft; later stages need reopening first."""
    if not access.may_write_for(inspectorate_code):
        return False
    return judgement is None or judgement.status == JudgementStatus.DRAFT


def may_submit_judgement(access: InspectionAccess, judgement: Judgement | None) -> bool:
    return (
        judgement is not None
        and judgement.status == JudgementStatus.DRAFT
        and access.may_write_for(judgement.inspectorate.code)
    )


def may_agree_judgement(access: InspectionAccess, judgement: Judgement | None) -> bool:
    """Only the inspectorate's lead for this inspection agrees its judgements."""
    return (
        judgement is not None
        and judgement.status == JudgementStatus.SUBMITTED
        and access.leads(judgement.inspectorate.code)
        and access.inspection.is_writable
    )


def may_reopen_judgement(access: InspectionAccess, judgement: Judgement | None) -> bool:
    """A submitted judgement goes back to draft by its own inspectorate; an agreed one only
    by the lead who agreed for that inspectorate, so an inspector cannot undo the lead's word."""
    if judgement is None or not access.inspection.is_writable:
        return False
    code = judgement.inspectorate.code
    if judgement.status == JudgementStatus.SUBMITTED:
        return access.may_write_for(code)
    if judgement.status == JudgementStatus.AGREED:
        return access.leads(code)
    return False
