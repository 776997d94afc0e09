"""Who may do what with evidence and judgements: the one place that answers it for `judgements`.

Membership comes from `inspections.permissions.inspection_access`; the rules here add the
state of the evidence or judgement. Services call the same predicates as views and templates,
so a page never offers what the service would refuse; the `check_` functions refuse with the
message the user reads, for services and views alike.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from core.permissions import Refused
from inspections.permissions import InspectionAccess
from inspectorates.models import Inspectorate
from judgements.models import Evidence, Judgement, JudgementStatus

NOT_ON_TEAM = "Only members of the inspection team can record evidence."
NOT_YOUR_INSPECTORATE = "You can only record evidence and judgements for your own inspectorate."
INSPECTION_NOT_OPEN = (
    "Evidence and judgements can only be changed while the inspection is in fieldwork or drafting."
)
NOT_AUTHOR = "Only the person who recorded this evidence can change or delete it."
ONLY_DRAFTS_CHANGE = "This judgement is {status}. Reopen it before changing it."
ONLY_LEAD_AGREES = "Only {inspectorate}'s lead for this inspection can agree its judgements."
ALREADY_DRAFT = "This judgement is already a draft."
ONLY_LEAD_REOPENS_AGREED = (
    "Only {inspectorate}'s lead for this inspection can reopen an agreed judgement."
)


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


# --- Refusals: one check per action, called by the service and by the view in front of it -------


def check_write(access: InspectionAccess, inspectorate_code: str) -> None:
    """DESIGN rule 2, with the reason: a closed inspection, or someone else's inspectorate."""
    if access.may_write_for(inspectorate_code):
        return
    if inspectorate_code in access.contributes_for:
        raise Refused(INSPECTION_NOT_OPEN)
    raise Refused(NOT_YOUR_INSPECTORATE)


def check_record_evidence(access: InspectionAccess, inspectorate: Inspectorate | None) -> None:
    """`inspectorate` is the one the user is on the team for (None: not on the team)."""
    if inspectorate is None:
        raise Refused(NOT_ON_TEAM)
    check_write(access, inspectorate.code)


def check_change_evidence(
    access: InspectionAccess, evidence: Evidence, user: AbstractBaseUser
) -> None:
    if not may_change_evidence(access, evidence, user):
        check_write(access, evidence.inspectorate.code)
        raise Refused(NOT_AUTHOR)


def check_edit_judgement(
    access: InspectionAccess, inspectorate_code: str, judgement: Judgement | None
) -> None:
    check_write(access, inspectorate_code)
    if not may_edit_judgement(access, inspectorate_code, judgement):
        raise Refused(ONLY_DRAFTS_CHANGE.format(status=judgement.get_status_display().lower()))


def check_agree_judgement(access: InspectionAccess, judgement: Judgement) -> None:
    """Who agrees; that the judgement is submitted is the service's rule, checked after."""
    if not access.leads(judgement.inspectorate.code):
        raise Refused(ONLY_LEAD_AGREES.format(inspectorate=judgement.inspectorate.name))
    if not access.inspection.is_writable:
        raise Refused(INSPECTION_NOT_OPEN)


def check_reopen_judgement(access: InspectionAccess, judgement: Judgement) -> None:
    if may_reopen_judgement(access, judgement):
        return
    check_write(access, judgement.inspectorate.code)
    if judgement.status == JudgementStatus.DRAFT:
        raise Refused(ALREADY_DRAFT)
    raise Refused(ONLY_LEAD_REOPENS_AGREED.format(inspectorate=judgement.inspectorate.name))
