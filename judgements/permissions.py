"""Who may do what with evidence and judgements: the one place that answers it for `judgements`.

Membership comes from `inspections.permissions.inspection_access`; the rules here add the
state of the evidence or judgement. Services call the same predicates as views and templates,
so a page never offers what the service would refuse; the `check_` functions refuse with the
message the user reads, for services and views alike.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from core import unlocks
from core.dates import long_date
from core.permissions import Refused
from inspections.models import InspectionStatus
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
ONLY_LEAD_REOPENS_AFTER_DRAFTING = (
    "Only {inspectorate}'s lead for this inspection can reopen a judgement once the report is "
    "drafted, giving a reason."
)
FIELDWORK_OVERRUN = (
    "The window closed on {date}: the lead inspector must record why fieldwork continues before "
    "anything more is recorded."
)
PUBLISHED_LOCKED = (
    "The report is published: a judgement can only change within an open correction that names it."
)
JUDGEMENT_NOT_OPEN = (
    "Judgements can only be changed while the inspection is in fieldwork, drafting or the "
    "factual accuracy check, or within a correction that names them."
)
# After drafting, only the judgement workflow changes a judgement: the factual accuracy check
# (DESIGN rule 10) and a correction that names it (rule 11); evidence stays fixed.
AFTER_DRAFTING = frozenset({InspectionStatus.FACTUAL_ACCURACY, InspectionStatus.PUBLISHED})


def judgement_open(access: InspectionAccess, judgement: Judgement | None) -> bool:
    """Whether the inspection's stage lets this judgement (None: a new one) change at all."""
    inspection = access.inspection
    if inspection.is_writable or inspection.status == InspectionStatus.FACTUAL_ACCURACY:
        return True
    return (
        judgement is not None
        and judgement.pk is not None
        and inspection.status == InspectionStatus.PUBLISHED
        and unlocks.unlocked(unlocks.judgement(judgement.pk), inspection=inspection)
    )


def may_write_judgement(
    access: InspectionAccess, inspectorate_code: str, judgement: Judgement | None
) -> bool:
    return inspectorate_code in access.contributes_for and judgement_open(access, judgement)


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
    if not may_write_judgement(access, inspectorate_code, judgement):
        return False
    return judgement is None or judgement.status == JudgementStatus.DRAFT


def may_submit_judgement(access: InspectionAccess, judgement: Judgement | None) -> bool:
    return (
        judgement is not None
        and judgement.status == JudgementStatus.DRAFT
        and may_write_judgement(access, judgement.inspectorate.code, judgement)
    )


def may_agree_judgement(access: InspectionAccess, judgement: Judgement | None) -> bool:
    """Only the inspectorate's lead for this inspection agrees its judgements."""
    return (
        judgement is not None
        and judgement.status == JudgementStatus.SUBMITTED
        and access.leads(judgement.inspectorate.code)
        and judgement_open(access, judgement)
    )


def may_reopen_judgement(access: InspectionAccess, judgement: Judgement | None) -> bool:
    """A submitted judgement goes back to draft by its own inspectorate; an agreed one only
    by the lead who agreed for that inspectorate, so an inspector cannot undo the lead's word."""
    if judgement is None or not judgement_open(access, judgement):
        return False
    code = judgement.inspectorate.code
    if access.inspection.status in AFTER_DRAFTING:
        # A change of grade after drafting needs the inspectorate lead's reopening, with a reason.
        return judgement.status != JudgementStatus.DRAFT and access.leads(code)
    if judgement.status == JudgementStatus.SUBMITTED:
        return may_write_judgement(access, code, judgement)
    if judgement.status == JudgementStatus.AGREED:
        return access.leads(code)
    return False


# --- Refusals: one check per action, called by the service and by the view in front of it -------


def check_write(access: InspectionAccess, inspectorate_code: str) -> None:
    """DESIGN rule 2, with the reason: a closed inspection, or someone else's inspectorate."""
    if access.may_write_for(inspectorate_code):
        return
    if inspectorate_code in access.contributes_for:
        _refuse_closed(access, INSPECTION_NOT_OPEN)
    raise Refused(NOT_YOUR_INSPECTORATE)


def _refuse_closed(access: InspectionAccess, message: str) -> None:
    inspection = access.inspection
    if inspection.fieldwork_overrun:
        raise Refused(FIELDWORK_OVERRUN.format(date=long_date(inspection.window_end)))
    if inspection.status == InspectionStatus.PUBLISHED:
        raise Refused(PUBLISHED_LOCKED)
    raise Refused(message)


def check_write_judgement(
    access: InspectionAccess, inspectorate_code: str, judgement: Judgement | None
) -> None:
    """DESIGN rules 2, 10 and 11 for a judgement: who writes, and whether its stage lets it."""
    if may_write_judgement(access, inspectorate_code, judgement):
        return
    if inspectorate_code in access.contributes_for:
        _refuse_closed(access, JUDGEMENT_NOT_OPEN)
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
    check_write_judgement(access, inspectorate_code, judgement)
    if not may_edit_judgement(access, inspectorate_code, judgement):
        raise Refused(ONLY_DRAFTS_CHANGE.format(status=judgement.get_status_display().lower()))


def check_agree_judgement(access: InspectionAccess, judgement: Judgement) -> None:
    """Who agrees; that the judgement is submitted is the service's rule, checked after."""
    if not access.leads(judgement.inspectorate.code):
        raise Refused(ONLY_LEAD_AGREES.format(inspectorate=judgement.inspectorate.name))
    if not judgement_open(access, judgement):
        _refuse_closed(access, JUDGEMENT_NOT_OPEN)


def check_reopen_judgement(access: InspectionAccess, judgement: Judgement) -> None:
    if may_reopen_judgement(access, judgement):
        return
    check_write_judgement(access, judgement.inspectorate.code, judgement)
    if judgement.status == JudgementStatus.DRAFT:
        raise Refused(ALREADY_DRAFT)
    if access.inspection.status in AFTER_DRAFTING:
        name = judgement.inspectorate.name
        raise Refused(ONLY_LEAD_REOPENS_AFTER_DRAFTING.format(inspectorate=name))
    raise Refused(ONLY_LEAD_REOPENS_AGREED.format(inspectorate=judgement.inspectorate.name))
