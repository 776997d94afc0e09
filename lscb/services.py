"""Drafting, circulating, signing off, finalising and reopening the shared text.

Race safety: every function that changes a shared text or its sign-offs first locks that
SharedText row (``select_for_update``), so edits, sign-offs, finalising and reopening of one text
run one after another, and each re-checks the version inside the lock. Whatever the
interleaving, the text is never agreed with a sign-off on an older version: an edit voids every
live sign-off on older versions before it commits, a sign-off of anything but the current
version is refused, and finalising counts only live sign-offs on the current version.

Each function names the acting user and the reason on the history rows it writes, and emails
leads only after its transaction commits.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import record_change
from core.permissions import Refused
from core.versioning import check_version_seen
from inspections.models import Inspection
from inspections.permissions import InspectionAccess, inspection_access
from inspectorates.frameworks import Mode
from inspectorates.models import Inspectorate
from lscb import emails
from lscb.models import (
    KIND_NAMES,
    SharedText,
    SharedTextKind,
    SharedTextStatus,
    SharedTextVersion,
    SignOff,
    SignOffDecision,
    kinds_for,
)
from lscb.permissions import (
    LOCKED,
    NOT_PARTICIPATING,
    REOPEN_ONLY_FINALISED,
    check_lead_inspector,
    check_sign_for,
    inspection_open,
    not_open_message,
)
from lscb.selectors import agreement_problems

UNKNOWN_KIND = "There is no shared text of that kind for this inspection."
EDIT_CONFLICT = (
    "Someone saved version {version} while you were editing. Read it and make your changes again."
)
NOTHING_CHANGED = "Change the text before saving a new version."
RATIONALE_REQUIRED = "Enter the rationale for the LSCB judgement"
KEY_FINDINGS_REQUIRED = "Enter the summary of key findings"
LETTER_REQUIRED = "Enter the text of the letter"
NEXT_STEPS_REQUIRED = "Enter the next steps the area's leaders must take"
KIND_NOT_IN_FRAMEWORK = "This inspection has no {kind}."
GRADE_REQUIRED = "Select the grade for the LSCB"
GRADE_NOT_ON_SCALE = "Select a grade from the inspection's scale"
GRADE_NOT_USED = "The {kind} has no grade."
IMPROVEMENTS_NOT_USED = "Only the LSCB judgement says what the LSCB must improve."
NOTHING_TO_CIRCULATE = "Save a first draft before circulating it."
ALREADY_CIRCULATED = "The {kind} is already circulated for sign-off."
NOT_CIRCULATED = "The {kind} is not circulated for sign-off yet."
STALE_VERSION = (
    "The text changed to version {version} after you read version {seen}. Read version "
    "{version} and sign again."
)
MOVED_SINCE_OPENED = (
    "The {kind} has changed since you opened it: it is now version {version}, not the version "
    "{seen} you read. It has not been {done}: read version {version}, then try again."
)
DECISION_REQUIRED = "Select whether you agree"
COMMENT_REQUIRED = "Say why you do not agree"
FINALISE_NEEDS_EVERY_AGREEMENT = (
    "Every participating inspectorate must agree version {version} before the {kind} can be "
    "finalised."
)
REOPEN_NEEDS_REASON = "Give a reason for reopening the text"

VOID_TEXT_CHANGED = "Text changed to version {version}"
VOID_SIGNED_AGAIN = "Signed again"
VOID_REOPENED = "Reopened: {reason}"


def _lock(shared_text: SharedText) -> SharedText:
    """The text's row, locked for this transaction, with a fresh read of its inspection."""
    return (
        SharedText.objects.select_for_update(of=("self",))
        .select_related("inspection__local_authority")
        .get(pk=shared_text.pk)
    )


def _lock_or_create_slot(*, inspection: Inspection, kind: str) -> tuple[Inspection, SharedText]:
    """The locked text of this kind, or a new unsaved one when it has never been drafted.

    Two first drafts at once are serialised on the inspection row, so the second finds the
    first's text and is refused as an edit conflict rather than failing on the unique index.
    """
    found = (
        SharedText.objects.select_for_update(of=("self",))
        .select_related("inspection__local_authority")
        .filter(inspection=inspection, kind=kind)
        .first()
    )
    if found is not None:
        return found.inspection, found
    inspection = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("local_authority")
        .get(pk=inspection.pk)
    )
    found = (
        SharedText.objects.select_for_update(of=("self",))
        .filter(inspection=inspection, kind=kind)
        .first()
    )
    if found is not None:
        found.inspection = inspection
        return inspection, found
    return inspection, SharedText(inspection=inspection, kind=kind)


def _require_open(access: InspectionAccess, kind: str) -> None:
    if not inspection_open(access, kind):
        raise ValidationError(not_open_message(access, kind))


def _check_seen(shared_text: SharedText, seen_version: int | None, *, done: str) -> None:
    """Refuse (`StaleVersion`) unless the user's page showed the current version."""
    check_version_seen(
        shared_text,
        seen_version,
        version=shared_text.current_version,
        message=MOVED_SINCE_OPENED,
        kind=shared_text.name,
        done=done,
    )


def _require_not_finalised(shared_text: SharedText) -> None:
    if shared_text.status == SharedTextStatus.AGREED:
        raise ValidationError(LOCKED.format(kind=shared_text.name))


def _tidy(text: str) -> str:
    """Line endings and trailing spaces differ by browser; they are not changes to the text."""
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _validated_content(
    *, inspection: Inspection, kind: str, body: str, grade: str, improvements: str
) -> tuple[str, str, str]:
    body, grade, improvements = _tidy(body), grade.strip(), _tidy(improvements)
    errors: dict[str, str] = {}
    is_lscb = kind == SharedTextKind.LSCB_JUDGEMENT
    is_letter = kind == SharedTextKind.JOINT_LETTER
    if not body:
        errors["body"] = (
            RATIONALE_REQUIRED
            if is_lscb
            else LETTER_REQUIRED
            if is_letter
            else KEY_FINDINGS_REQUIRED
        )
    framework = inspection.framework
    if kind not in kinds_for(framework):
        raise ValidationError(KIND_NOT_IN_FRAMEWORK.format(kind=KIND_NAMES[kind]))
    if is_letter and not improvements:
        errors["improvements"] = NEXT_STEPS_REQUIRED
    if is_lscb and framework.mode == Mode.GRADED:
        if not grade:
            errors["grade"] = GRADE_REQUIRED
        elif grade not in framework.grade_scale.codes:
            errors["grade"] = GRADE_NOT_ON_SCALE
    elif grade:
        errors["grade"] = GRADE_NOT_USED.format(kind=KIND_NAMES[kind])
    if improvements and not (is_lscb or is_letter):
        errors["improvements"] = IMPROVEMENTS_NOT_USED
    if errors:
        raise ValidationError(errors)
    return body, grade, improvements


def _void_live_sign_offs(
    *,
    shared_text: SharedText,
    acting_user: AbstractBaseUser,
    reason: str,
    inspectorate_id: int | None = None,
) -> dict[int, int]:
    """Void live sign-offs (of one inspectorate, or all); they stay in history, marked void.

    Returns inspectorate id -> the version number each void sign-off was on.
    """
    live = shared_text.sign_offs.filter(voided_at__isnull=True)
    if inspectorate_id is not None:
        live = live.filter(inspectorate_id=inspectorate_id)
    now = timezone.now()
    voided = {}
    for sign_off in live:
        sign_off.voided_at = now
        sign_off.void_reason = reason
        record_change(sign_off, acting_user=acting_user, reason=f"Sign-off void: {reason}")
        sign_off.save()
        voided[sign_off.inspectorate_id] = sign_off.version_number
    return voided


@transaction.atomic
def shared_text_save(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    kind: str,
    body: str,
    grade: str = "",
    improvements: str = "",
    expected_version: int,
) -> SharedText:
    """Save an edit as a new version; after circulation, sign-offs on older versions go void.

    `expected_version` is the version the editor started from (0 for a first draft): saving
    over someone else's newer version is refused rather than silently losing their words.
    """
    if kind not in kinds_for(inspection.framework):
        raise ValidationError(UNKNOWN_KIND)
    inspection, shared_text = _lock_or_create_slot(inspection=inspection, kind=kind)
    access = inspection_access(acting_user, inspection)
    check_lead_inspector(access)
    _require_open(access, kind)
    _require_not_finalised(shared_text)
    check_version_seen(
        shared_text,
        expected_version,
        version=shared_text.current_version,
        message=EDIT_CONFLICT,
    )
    body, grade, improvements = _validated_content(
        inspection=inspection, kind=kind, body=body, grade=grade, improvements=improvements
    )
    if shared_text.pk is not None:
        current = shared_text.versions.get(number=shared_text.current_version)
        if (current.body, current.grade, current.improvements) == (body, grade, improvements):
            raise ValidationError(NOTHING_CHANGED)
    number = shared_text.current_version + 1
    shared_text.current_version = number
    record_change(shared_text, acting_user=acting_user, reason=f"Version {number} saved")
    shared_text.save()
    SharedTextVersion.objects.create(
        shared_text=shared_text,
        number=number,
        grade=grade,
        body=body,
        improvements=improvements,
        author=acting_user,
    )
    why = VOID_TEXT_CHANGED.format(version=number)
    voided = _void_live_sign_offs(shared_text=shared_text, acting_user=acting_user, reason=why)
    emails.notify_sign_offs_voided(
        shared_text=shared_text, acting_user=acting_user, voided=voided, why=why
    )
    return shared_text


@transaction.atomic
def shared_text_circulate(
    *, acting_user: AbstractBaseUser, shared_text: SharedText, seen_version: int | None
) -> SharedText:
    """Send the current version, the one the lead inspector saw, to every inspectorate's lead."""
    shared_text = _lock(shared_text)
    access = inspection_access(acting_user, shared_text.inspection)
    check_lead_inspector(access)
    _require_open(access, shared_text.kind)
    _check_seen(shared_text, seen_version, done="circulated")
    _require_not_finalised(shared_text)
    if shared_text.status == SharedTextStatus.CIRCULATED:
        raise ValidationError(ALREADY_CIRCULATED.format(kind=shared_text.name))
    if shared_text.current_version == 0:
        raise ValidationError(NOTHING_TO_CIRCULATE)
    shared_text.status = SharedTextStatus.CIRCULATED
    record_change(
        shared_text,
        acting_user=acting_user,
        reason=f"Version {shared_text.current_version} circulated for sign-off",
    )
    shared_text.save()
    emails.notify_circulated(shared_text=shared_text, acting_user=acting_user)
    return shared_text


@transaction.atomic
def signoff_record(
    *,
    acting_user: AbstractBaseUser,
    shared_text: SharedText,
    inspectorate_code: str,
    version_number: int,
    decision: str,
    comment: str = "",
) -> SignOff:
    """Record an inspectorate lead's agree or not agree on the exact version they read.

    Signing again replaces the inspectorate's earlier sign-off, which stays in history as void.
    """
    shared_text = _lock(shared_text)
    inspection = shared_text.inspection
    participation = (
        inspection.participations.select_related("inspectorate")
        .filter(inspectorate__code=inspectorate_code)
        .first()
    )
    if participation is None:
        inspectorate = Inspectorate.objects.filter(code=inspectorate_code).first()
        name = inspectorate.name if inspectorate is not None else inspectorate_code
        raise Refused(NOT_PARTICIPATING.format(name=name))
    access = inspection_access(acting_user, inspection)
    check_sign_for(access, inspectorate_code)
    _require_open(access, shared_text.kind)
    _require_not_finalised(shared_text)
    if shared_text.status != SharedTextStatus.CIRCULATED:
        raise ValidationError(NOT_CIRCULATED.format(kind=shared_text.name))
    check_version_seen(
        shared_text,
        version_number,
        version=shared_text.current_version,
        message=STALE_VERSION,
    )
    comment = _tidy(comment)
    if decision not in SignOffDecision.values:
        raise ValidationError({"decision": DECISION_REQUIRED})
    if decision == SignOffDecision.NOT_AGREE and not comment:
        raise ValidationError({"comment": COMMENT_REQUIRED})
    _void_live_sign_offs(
        shared_text=shared_text,
        acting_user=acting_user,
        reason=VOID_SIGNED_AGAIN,
        inspectorate_id=participation.inspectorate_id,
    )
    sign_off = SignOff(
        shared_text=shared_text,
        inspectorate=participation.inspectorate,
        version_number=version_number,
        decision=decision,
        comment=comment,
        signed_by=acting_user,
    )
    record_change(
        sign_off,
        acting_user=acting_user,
        reason=(
            f"{participation.inspectorate.name}: {SignOffDecision(decision).label.lower()} "
            f"with version {version_number}"
        ),
    )
    sign_off.save()
    return sign_off


@transaction.atomic
def shared_text_finalise(
    *, acting_user: AbstractBaseUser, shared_text: SharedText, seen_version: int | None
) -> SharedText:
    """Lock the text as agreed: only when every participating inspectorate agrees its version.

    That version must be the one the lead inspector saw (`seen_version`).
    """
    shared_text = _lock(shared_text)
    access = inspection_access(acting_user, shared_text.inspection)
    check_lead_inspector(access)
    _require_open(access, shared_text.kind)
    _check_seen(shared_text, seen_version, done="finalised")
    _require_not_finalised(shared_text)
    if shared_text.status != SharedTextStatus.CIRCULATED:
        raise ValidationError(NOT_CIRCULATED.format(kind=shared_text.name))
    problems = agreement_problems(shared_text=shared_text)
    if problems:
        raise ValidationError(
            [
                FINALISE_NEEDS_EVERY_AGREEMENT.format(
                    version=shared_text.current_version, kind=shared_text.name
                ),
                *problems,
            ]
        )
    shared_text.status = SharedTextStatus.AGREED
    shared_text.finalised_by = acting_user
    shared_text.finalised_at = timezone.now()
    record_change(
        shared_text,
        acting_user=acting_user,
        reason=f"Version {shared_text.current_version} finalised, agreed by every inspectorate",
    )
    shared_text.save()
    return shared_text


@transaction.atomic
def shared_text_reopen(
    *, acting_user: AbstractBaseUser, shared_text: SharedText, reason: str, seen_version: int | None
) -> SharedText:
    """Unlock finalised text for editing; every sign-off goes void and is asked for again."""
    shared_text = _lock(shared_text)
    access = inspection_access(acting_user, shared_text.inspection)
    check_lead_inspector(access)
    _require_open(access, shared_text.kind)
    _check_seen(shared_text, seen_version, done="reopened")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": REOPEN_NEEDS_REASON})
    if shared_text.status != SharedTextStatus.AGREED:
        raise ValidationError(REOPEN_ONLY_FINALISED)
    shared_text.status = SharedTextStatus.DRAFT
    shared_text.finalised_by = None
    shared_text.finalised_at = None
    why = VOID_REOPENED.format(reason=reason)
    record_change(shared_text, acting_user=acting_user, reason=why)
    shared_text.save()
    voided = _void_live_sign_offs(shared_text=shared_text, acting_user=acting_user, reason=why)
    emails.notify_sign_offs_voided(
        shared_text=shared_text, acting_user=acting_user, voided=voided, why=why
    )
    return shared_text


@transaction.atomic
def shared_text_ground_changed(
    *, acting_user: AbstractBaseUser, inspection: Inspection, kind: str, why: str
) -> None:
    """Something the text prints but does not hold changed (a narrative inspection's findings,
    which the joint letter sets out): live sign-offs go void as an edit's do (DESIGN rule 6), and
    agreed text refuses the change until it is reopened. Called inside the changing service's
    transaction."""
    shared_text = (
        SharedText.objects.select_for_update(of=("self",))
        .select_related("inspection__local_authority")
        .filter(inspection=inspection, kind=kind)
        .first()
    )
    if shared_text is None:
        return
    _require_not_finalised(shared_text)
    voided = _void_live_sign_offs(shared_text=shared_text, acting_user=acting_user, reason=why)
    emails.notify_sign_offs_voided(
        shared_text=shared_text, acting_user=acting_user, voided=voided, why=why
    )
