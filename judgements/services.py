"""Recording evidence and each inspectorate's separate judgements.

Each function checks who is acting (the `check_` functions of `judgements.permissions`),
applies the rules of DESIGN section 4 (`judgements.rules`), and leaves a history record naming
the acting user and the reason (django-simple-history), in one transaction. The inspection's row
is locked first: it keeps a stage move from slipping between the check and the write, and it
serialises the saves that limiting rules compare against each other.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone

from core import unlocks
from core.models import record_change
from core.text import display_name, tidy_one_per_line
from core.versioning import check_version_seen
from inspections.models import CaseSample, Inspection, InspectionStatus
from inspections.permissions import InspectionAccess, inspection_access
from inspectorates.models import Inspectorate
from judgements import rules
from judgements.models import Evidence, EvidenceArea, Judgement, JudgementStatus
from judgements.permissions import (
    ALREADY_DRAFT,
    ONLY_DRAFTS_CHANGE,
    check_agree_judgement,
    check_change_evidence,
    check_record_evidence,
    check_reopen_judgement,
    check_write_judgement,
)
from judgements.selectors import team_inspectorate

EVIDENCE_SUPPORTS_JUDGEMENT = (
    "This evidence supports a submitted or agreed judgement ({areas}). Reopen the judgement "
    "before deleting the evidence."
)

STALE_VERSION = (
    "This judgement has changed since you opened it: {name} saved version {version} at {time}. "
    "Your changes have not been saved: compare them with the saved version, then save again."
)
MOVED_SINCE_OPENED = (
    "This judgement has changed since you opened it: {name} saved version {version} at {time}, "
    "after the version {seen} you saw. It has not been {done}: compare the two versions, then "
    "try again if it is still right."
)
NOT_YET_SAVED = "This judgement has not been saved yet. Reload the page and try again."
ONLY_DRAFTS_SUBMIT = "Only a draft judgement can be submitted."
ONLY_SUBMITTED_AGREED = "Only a submitted judgement can be agreed."
REOPEN_NEEDS_REASON = "Enter why the judgement is being reopened"
GRADE_NOT_IN_CORRECTION = (
    "The correction changes this judgement's text, not its grade: keep the published grade."
)

# Reasons written on history records.
EVIDENCE_RECORDED = "Evidence recorded"
EVIDENCE_CHANGED = "Evidence changed"
EVIDENCE_DELETED = "Evidence deleted"
EVIDENCE_UNLINKED = "Evidence {pk} deleted by its author"
JUDGEMENT_DRAFTED = "Judgement drafted"
JUDGEMENT_SAVED = "Judgement saved"
JUDGEMENT_SUBMITTED = "Judgement submitted"
JUDGEMENT_AGREED = "Judgement agreed"


def _when(moment: datetime.datetime) -> str:
    return dateformat.format(timezone.localtime(moment), "H:i \\o\\n j F Y")


@contextmanager
def _links_recorded_with_next_save(instance) -> Iterator[None]:
    """Change many-to-many links without a history row of their own.

    The row's next save writes one history record holding the new links beside the changed
    fields, so one edit reads as one change rather than three.
    """
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving


def _lock_inspection(inspection_pk: int) -> Inspection:
    return Inspection.objects.select_for_update().get(pk=inspection_pk)


# --- Evidence ----------------------------------------------------------------------------------


@transaction.atomic
def evidence_create(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    observed_on: datetime.date | None,
    source: str,
    area_codes: Iterable[str],
    text: str,
    case_samples: Iterable[CaseSample] = (),
    staff_names: str = "",
) -> Evidence:
    """Record evidence for the author's own inspectorate on the team."""
    inspection = _lock_inspection(inspection.pk)
    access = inspection_access(acting_user, inspection)
    inspectorate = team_inspectorate(user=acting_user, inspection=inspection)
    check_record_evidence(access, inspectorate)
    codes, samples = rules.validate_evidence(
        inspection=inspection,
        inspectorate=inspectorate,
        observed_on=observed_on,
        source=source,
        area_codes=area_codes,
        text=text,
        case_samples=case_samples,
    )
    evidence = Evidence(
        inspection=inspection,
        inspectorate=inspectorate,
        author=acting_user,
        observed_on=observed_on,
        source=source,
        text=text,
        staff_names=tidy_one_per_line(staff_names),
    )
    record_change(evidence, acting_user=acting_user, reason=EVIDENCE_RECORDED)
    evidence.save()
    for code in codes:
        area = EvidenceArea.of(evidence, code)
        record_change(area, acting_user=acting_user, reason=EVIDENCE_RECORDED)
        area.save()
    if samples:
        # A new row needs its key before it can be linked, so the links get a second record.
        evidence.case_samples.set(samples)
    return evidence


def _evidence_for_change(
    *, acting_user: AbstractBaseUser, evidence: Evidence
) -> tuple[Evidence, InspectionAccess]:
    inspection = _lock_inspection(evidence.inspection_id)
    evidence = (
        Evidence.objects.select_for_update(of=("self",))
        .select_related("inspectorate")
        .get(pk=evidence.pk)
    )
    evidence.inspection = inspection
    access = inspection_access(acting_user, inspection)
    check_change_evidence(access, evidence, acting_user)
    return evidence, access


@transaction.atomic
def evidence_update(
    *,
    acting_user: AbstractBaseUser,
    evidence: Evidence,
    observed_on: datetime.date | None,
    source: str,
    area_codes: Iterable[str],
    text: str,
    case_samples: Iterable[CaseSample] = (),
    staff_names: str = "",
) -> Evidence:
    """The author changes their evidence; the old values stay in its history."""
    evidence, _ = _evidence_for_change(acting_user=acting_user, evidence=evidence)
    codes, samples = rules.validate_evidence(
        inspection=evidence.inspection,
        inspectorate=evidence.inspectorate,
        observed_on=observed_on,
        source=source,
        area_codes=area_codes,
        text=text,
        case_samples=case_samples,
    )
    with _links_recorded_with_next_save(evidence):
        evidence.case_samples.set(samples)
    evidence.observed_on = observed_on
    evidence.source = source
    evidence.text = text
    evidence.staff_names = tidy_one_per_line(staff_names)
    record_change(evidence, acting_user=acting_user, reason=EVIDENCE_CHANGED)
    evidence.save()
    current = {area.area_code: area for area in evidence.areas.all()}
    for code, area in current.items():
        if code not in codes:
            record_change(area, acting_user=acting_user, reason=EVIDENCE_CHANGED)
            area.delete()
    for code in codes:
        if code not in current:
            area = EvidenceArea.of(evidence, code)
            record_change(area, acting_user=acting_user, reason=EVIDENCE_CHANGED)
            area.save()
    return evidence


@transaction.atomic
def evidence_delete(*, acting_user: AbstractBaseUser, evidence: Evidence) -> None:
    """The author deletes their evidence; its history keeps who recorded and who deleted it.

    Evidence behind a submitted or agreed judgement stays: that judgement was made on it.
    """
    evidence, _ = _evidence_for_change(acting_user=acting_user, evidence=evidence)
    supported = list(evidence.judgements.all())
    settled = [j for j in supported if j.status != JudgementStatus.DRAFT]
    if settled:
        framework = evidence.inspection.framework.for_inspectorate(evidence.inspectorate.code)
        areas = ", ".join(framework.area(j.area_code).title for j in settled)
        raise ValidationError(EVIDENCE_SUPPORTS_JUDGEMENT.format(areas=areas))
    for judgement in supported:
        # Unlinked one by one so that each draft judgement's history shows the evidence going.
        record_change(
            judgement, acting_user=acting_user, reason=EVIDENCE_UNLINKED.format(pk=evidence.pk)
        )
        judgement.evidence.remove(evidence)
    for area in evidence.areas.all():
        record_change(area, acting_user=acting_user, reason=EVIDENCE_DELETED)
        area.delete()
    record_change(evidence, acting_user=acting_user, reason=EVIDENCE_DELETED)
    evidence.delete()


# --- Judgements --------------------------------------------------------------------------------


def _lock_judgement(
    *, acting_user: AbstractBaseUser, judgement: Judgement
) -> tuple[Judgement, InspectionAccess]:
    inspection = _lock_inspection(judgement.inspection_id)
    judgement = (
        Judgement.objects.select_for_update(of=("self",))
        .select_related("inspectorate", "last_edited_by")
        .get(pk=judgement.pk)
    )
    judgement.inspection = inspection
    return judgement, inspection_access(acting_user, inspection)


def _check_seen(judgement: Judgement, seen_version: int | None, *, message: str, **details) -> None:
    """Refuse (`StaleVersion`, carrying the judgement as saved) unless the user saw this version."""
    check_version_seen(
        judgement,
        seen_version,
        message=message,
        name=display_name(judgement.last_edited_by),
        time=_when(judgement.modified_at),
        **details,
    )


def _record(judgement: Judgement, *, acting_user: AbstractBaseUser, reason: str) -> Judgement:
    judgement.version += 1
    judgement.last_edited_by = acting_user
    record_change(judgement, acting_user=acting_user, reason=reason)
    judgement.save()
    return judgement


def _check_grade_may_change(judgement: Judgement) -> None:
    """Within a correction, a grade changes only where the correction names the grade (rule 11)."""
    inspection = judgement.inspection
    if inspection.status == InspectionStatus.PUBLISHED and not unlocks.unlocked(
        unlocks.judgement(judgement.pk, grade=True), inspection=inspection
    ):
        raise ValidationError({"grade": GRADE_NOT_IN_CORRECTION})


@transaction.atomic
def judgement_save(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    inspectorate_code: str,
    area_code: str,
    expected_version: int | None,
    grade: str,
    rationale: str,
    strengths: str = "",
    areas_for_improvement: str = "",
    recommendations: str = "",
    evidence: Iterable[Evidence] = (),
    departure_reason: str = "",
) -> Judgement:
    """Save the area's draft judgement: created on first save, else only from the saved version.

    `departure_reason` is why the grade departs from a presumption limiting it (DESIGN rule 15);
    it is needed then, and kept only then.

    `expected_version` is the version the user opened (None for a judgement not yet saved); if
    someone saved in between, `StaleVersion` is raised and nothing is written.
    """
    inspection = _lock_inspection(inspection.pk)
    access = inspection_access(acting_user, inspection)
    inspectorate = Inspectorate.objects.filter(code=inspectorate_code).first()
    judgement = (
        Judgement.objects.select_for_update(of=("self",))
        .select_related("last_edited_by")
        .filter(inspection=inspection, inspectorate=inspectorate, area_code=area_code)
        .first()
    )
    check_write_judgement(access, inspectorate_code, judgement)
    area = rules.area_of(inspection=inspection, inspectorate=inspectorate, area_code=area_code)
    if judgement is None and expected_version is not None:
        raise ValidationError(NOT_YET_SAVED)
    if judgement is not None:
        # Version 0: the page showed the area before anyone had saved a judgement.
        _check_seen(judgement, expected_version or 0, message=STALE_VERSION)
    if judgement is not None and judgement.status != JudgementStatus.DRAFT:
        raise ValidationError(
            ONLY_DRAFTS_CHANGE.format(status=judgement.get_status_display().lower())
        )

    grade = grade or ""
    if judgement is not None and grade != judgement.grade:
        _check_grade_may_change(judgement)
    evidence = list(evidence)
    rules.validate_draft(
        inspection=inspection,
        inspectorate=inspectorate,
        area=area,
        grade=grade,
        evidence=evidence,
        departure_reason=departure_reason or "",
    )
    departs = rules.presumptions_departed(
        inspection=inspection, inspectorate=inspectorate, area_code=area_code, grade=grade
    )

    fields = {
        "grade": grade,
        "rationale": rationale,
        "strengths": strengths,
        "areas_for_improvement": areas_for_improvement,
        "recommendations": recommendations,
        "departure_reason": (departure_reason or "").strip() if departs else "",
    }
    if judgement is None:
        judgement = Judgement(
            inspection=inspection,
            inspectorate=inspectorate,
            area_code=area_code,
            last_edited_by=acting_user,
            **fields,
        )
        record_change(judgement, acting_user=acting_user, reason=JUDGEMENT_DRAFTED)
        try:
            with transaction.atomic():
                judgement.save()
        except IntegrityError as error:
            # The inspection lock makes this unreachable; the constraint is the last word.
            raise ValidationError(NOT_YET_SAVED) from error
        if evidence:
            # A new row needs its key before it can be linked, so the links get a second record.
            judgement.evidence.set(evidence)
        return judgement
    with _links_recorded_with_next_save(judgement):
        judgement.evidence.set(evidence)
    for name, value in fields.items():
        setattr(judgement, name, value)
    return _record(judgement, acting_user=acting_user, reason=JUDGEMENT_SAVED)


@transaction.atomic
def judgement_submit(
    *, acting_user: AbstractBaseUser, judgement: Judgement, seen_version: int | None
) -> Judgement:
    """Draft to submitted: only with linked evidence (DESIGN rule 5) and within the rules.

    Only the version the user saw (`seen_version`) is submitted: a colleague's later change is not.
    """
    judgement, access = _lock_judgement(acting_user=acting_user, judgement=judgement)
    check_write_judgement(access, judgement.inspectorate.code, judgement)
    _check_seen(judgement, seen_version, message=MOVED_SINCE_OPENED, done="submitted")
    if judgement.status != JudgementStatus.DRAFT:
        raise ValidationError(ONLY_DRAFTS_SUBMIT)
    rules.validate_submission(judgement)
    judgement.status = JudgementStatus.SUBMITTED
    return _record(judgement, acting_user=acting_user, reason=JUDGEMENT_SUBMITTED)


@transaction.atomic
def judgement_agree(
    *, acting_user: AbstractBaseUser, judgement: Judgement, seen_version: int | None
) -> Judgement:
    """Submitted to agreed, by the inspectorate's lead for this inspection only.

    The lead agrees the version they read (`seen_version`), never one changed since.
    """
    judgement, access = _lock_judgement(acting_user=acting_user, judgement=judgement)
    check_agree_judgement(access, judgement)
    _check_seen(judgement, seen_version, message=MOVED_SINCE_OPENED, done="agreed")
    if judgement.status != JudgementStatus.SUBMITTED:
        raise ValidationError(ONLY_SUBMITTED_AGREED)
    broken = rules.limiting_rule_errors(judgement)
    if broken:
        raise ValidationError(broken)
    judgement.status = JudgementStatus.AGREED
    judgement.agreed_by = acting_user
    judgement.agreed_at = timezone.now()
    return _record(judgement, acting_user=acting_user, reason=JUDGEMENT_AGREED)


@transaction.atomic
def judgement_reopen(
    *, acting_user: AbstractBaseUser, judgement: Judgement, reason: str, seen_version: int | None
) -> Judgement:
    """Back to draft, with the reason recorded in the judgement's history."""
    judgement, access = _lock_judgement(acting_user=acting_user, judgement=judgement)
    check_write_judgement(access, judgement.inspectorate.code, judgement)
    _check_seen(judgement, seen_version, message=MOVED_SINCE_OPENED, done="reopened")
    if judgement.status == JudgementStatus.DRAFT:
        raise ValidationError(ALREADY_DRAFT)
    check_reopen_judgement(access, judgement)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [REOPEN_NEEDS_REASON]})
    judgement.status = JudgementStatus.DRAFT
    judgement.agreed_by = None
    judgement.agreed_at = None
    return _record(judgement, acting_user=acting_user, reason=reason)
