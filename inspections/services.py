"""Setting inspections up, moving them through their stages, and keeping the team (case samples:
`inspections.case_samples`, whose services are importable from here too).

Each function checks who is acting, applies the rule, and leaves a history record naming the
acting user and the reason (django-simple-history), in one transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import gates
from core.dates import long_date
from core.models import record_change
from inspections.case_samples import (  # noqa: F401 - the case-sample services' old address
    CASE_AGE_BAND_REQUIRED,
    CASE_BORN_IN_FUTURE,
    CASE_CHILD_NAME_REQUIRED,
    CASE_REFERENCE_REQUIRED,
    CASE_REFERENCE_TAKEN,
    CASE_TRACKING_REQUIRED,
    case_sample_create,
    case_sample_update,
)
from inspections.models import (
    CLOSED_STATUSES,
    Inspection,
    InspectionStatus,
    LocalAuthority,
    Participation,
    TeamMember,
    TeamRole,
)
from inspections.permissions import (
    check_manage_programme,
    check_move_stage,
    inspection_access,
    sync_team_permissions,
)
from inspectorates.frameworks import LEADING_INSPECTORATE, FrameworkVersion
from inspectorates.models import Inspectorate, InspectorProfile
from inspectorates.registry import framework_current

WINDOW_TOO_LONG = "The inspection window can be at most {days} days for this kind of inspection."
WINDOW_ENDS_BEFORE_START = "The window must end on or after the day it starts."
OFSTED_REQUIRED = "Ofsted always takes part in the inspection."
REQUIRED_INSPECTORATE_MISSING = "{name} must take part in this kind of inspection."
PARTNER_REQUIRED = "At least one partner inspectorate must take part alongside Ofsted."
NOT_IN_FRAMEWORK = "{name} does not take part in this kind of inspection."
PRISONS_NEED_CUSTODY = (
    "HM Inspectorate of Prisons can only take part where the area has a custodial establishment "
    "holding children."
)
LIVE_INSPECTION_EXISTS = "{area} already has a live inspection of this kind."
SET_UP_LOCKED = "The window and participants can only change before fieldwork starts."
ILLEGAL_STAGE_MOVE = "An inspection cannot move from {current} to {target}."
PUBLISH_THROUGH_REPORT = "An inspection is published by publishing its final report."
WITHDRAW_NEEDS_REASON = "Give a reason for withdrawing the inspection."
# The reason is kept as the history record's reason, which holds 100 characters.
STAGE_REASON_MAX_LENGTH = 100
STAGE_REASON_TOO_LONG = f"The reason must be {STAGE_REASON_MAX_LENGTH} characters or fewer."
FIELDWORK_BEFORE_WINDOW = "Fieldwork cannot start before the window opens on {date}."
NOTIFIED_IN_FUTURE = "The area cannot be recorded as notified on a day still to come."
FIELDWORK_CONTINUES_ONLY_IN_FIELDWORK = (
    "A reason for continuing fieldwork is only recorded while the inspection is in fieldwork "
    "after its window has closed."
)
FIELDWORK_CONTINUES_NEEDS_REASON = "Enter why fieldwork continues after the window closed"
FIELDWORK_CONTINUES_MAX_LENGTH = 1000
FIELDWORK_CONTINUES_TOO_LONG = (
    f"The reason must be {FIELDWORK_CONTINUES_MAX_LENGTH} characters or fewer."
)
NO_INSPECTORATE = "{user} is not recorded as working for an inspectorate."
INSPECTORATE_NOT_PARTICIPATING = "{name} is not taking part in this inspection."
LEAD_INSPECTOR_MUST_BE_OFSTED = "The lead inspector must be an Ofsted inspector."
ALREADY_ON_TEAM = "{user} is already on the team."

# Stage moves allowed through `inspection_move_stage`. Publishing is not among them: it
# belongs to `reports`, which checks every publication condition first.
STAGE_MOVES: dict[str, frozenset[str]] = {
    InspectionStatus.PLANNED: frozenset({InspectionStatus.NOTIFIED, InspectionStatus.WITHDRAWN}),
    InspectionStatus.NOTIFIED: frozenset(
        {InspectionStatus.FIELDWORK, InspectionStatus.PLANNED, InspectionStatus.WITHDRAWN}
    ),
    InspectionStatus.FIELDWORK: frozenset({InspectionStatus.DRAFTING, InspectionStatus.WITHDRAWN}),
    InspectionStatus.DRAFTING: frozenset(
        {InspectionStatus.FACTUAL_ACCURACY, InspectionStatus.FIELDWORK, InspectionStatus.WITHDRAWN}
    ),
    InspectionStatus.FACTUAL_ACCURACY: frozenset(
        {InspectionStatus.DRAFTING, InspectionStatus.WITHDRAWN}
    ),
    InspectionStatus.PUBLISHED: frozenset(),
    InspectionStatus.WITHDRAWN: frozenset(),
}


def validate_window(
    *, framework: FrameworkVersion, window_start: datetime.date, window_end: datetime.date
) -> None:
    if window_end < window_start:
        raise ValidationError({"window_end": WINDOW_ENDS_BEFORE_START})
    if (window_end - window_start).days + 1 > framework.window_days:
        raise ValidationError({"window_end": WINDOW_TOO_LONG.format(days=framework.window_days)})


def validate_participants(
    *, framework: FrameworkVersion, local_authority: LocalAuthority, codes: Iterable[str]
) -> list[Inspectorate]:
    codes = set(codes)
    inspectorates = list(Inspectorate.objects.filter(code__in=codes))
    names = {i.code: i.name for i in Inspectorate.objects.all()}
    errors = []
    if LEADING_INSPECTORATE not in codes:
        errors.append(OFSTED_REQUIRED)
    for code in sorted(framework.required_inspectorates - codes - {LEADING_INSPECTORATE}):
        errors.append(REQUIRED_INSPECTORATE_MISSING.format(name=names.get(code, code)))
    partners = codes - {LEADING_INSPECTORATE}
    if len(partners) < framework.min_partners:
        errors.append(PARTNER_REQUIRED)
    for code in sorted(codes):
        if code not in framework.inspectorates:
            errors.append(NOT_IN_FRAMEWORK.format(name=names.get(code, code)))
        elif (
            framework.for_inspectorate(code).requires_custodial_establishment
            and not local_authority.has_custodial_establishment
        ):
            errors.append(PRISONS_NEED_CUSTODY)
    if errors:
        raise ValidationError({"inspectorates": errors})
    return inspectorates


@transaction.atomic
def inspection_create(
    *,
    acting_user: AbstractBaseUser,
    local_authority: LocalAuthority,
    kind: str,
    window_start: datetime.date,
    window_end: datetime.date,
    inspectorate_codes: Iterable[str],
    lead_inspector: AbstractBaseUser | None = None,
) -> Inspection:
    check_manage_programme(acting_user)
    # The version in force now, or when the window opened for one recorded after the event; it
    # is fixed when the area is notified (`_notify`).
    framework = framework_current(kind, on=min(timezone.localdate(), window_start))
    validate_window(framework=framework, window_start=window_start, window_end=window_end)
    inspectorates = validate_participants(
        framework=framework, local_authority=local_authority, codes=inspectorate_codes
    )
    live = Inspection.objects.filter(local_authority=local_authority, kind=kind).exclude(
        status__in=CLOSED_STATUSES
    )
    if live.exists():
        raise ValidationError(
            {"local_authority": LIVE_INSPECTION_EXISTS.format(area=local_authority)}
        )
    inspection = Inspection(
        reference=framework.inspection_reference(
            window_start=window_start, ons_code=local_authority.ons_code
        ),
        local_authority=local_authority,
        kind=kind,
        framework_key=framework.key,
        window_start=window_start,
        window_end=window_end,
        created_by=acting_user,
    )
    record_change(inspection, acting_user=acting_user, reason="Inspection set up")
    try:
        with transaction.atomic():
            inspection.save()
    except IntegrityError as error:
        # Two administrators setting up the same area at once: the partial unique index decides.
        raise ValidationError(
            {"local_authority": LIVE_INSPECTION_EXISTS.format(area=local_authority)}
        ) from error
    for inspectorate in inspectorates:
        participation = Participation(inspection=inspection, inspectorate=inspectorate)
        record_change(participation, acting_user=acting_user, reason="Inspectorate added")
        participation.save()
    if lead_inspector is not None:
        team_member_add(
            acting_user=acting_user,
            inspection=inspection,
            user=lead_inspector,
            role=TeamRole.LEAD_INSPECTOR,
        )
    return inspection


@transaction.atomic
def inspection_update_set_up(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    window_start: datetime.date,
    window_end: datetime.date,
    inspectorate_codes: Iterable[str],
) -> Inspection:
    """Change the window and who takes part: only while planned or notified."""
    check_manage_programme(acting_user)
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status not in (InspectionStatus.PLANNED, InspectionStatus.NOTIFIED):
        raise ValidationError(SET_UP_LOCKED)
    framework = inspection.framework
    validate_window(framework=framework, window_start=window_start, window_end=window_end)
    wanted = {
        i.code: i
        for i in validate_participants(
            framework=framework,
            local_authority=inspection.local_authority,
            codes=inspectorate_codes,
        )
    }
    inspection.window_start, inspection.window_end = window_start, window_end
    record_change(inspection, acting_user=acting_user, reason="Window changed")
    inspection.save()
    current = {
        p.inspectorate.code: p for p in inspection.participations.select_related("inspectorate")
    }
    for code, participation in current.items():
        if code not in wanted:
            inspection.team.filter(inspectorate=participation.inspectorate).delete()
            record_change(participation, acting_user=acting_user, reason="Inspectorate removed")
            participation.delete()
    for code, inspectorate in wanted.items():
        if code not in current:
            participation = Participation(inspection=inspection, inspectorate=inspectorate)
            record_change(participation, acting_user=acting_user, reason="Inspectorate added")
            participation.save()
    sync_team_permissions(inspection)
    return inspection


@transaction.atomic
def inspection_move_stage(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    to_status: str,
    reason: str = "",
    notified_on: datetime.date | None = None,
) -> Inspection:
    """Move the inspection to its next stage. `notified_on` is the day the area was told (today
    unless recorded after the event), which fixes the framework version and meets its notice."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    check_move_stage(inspection_access(acting_user, inspection))
    current = InspectionStatus(inspection.status)
    if to_status == InspectionStatus.PUBLISHED:
        raise ValidationError(PUBLISH_THROUGH_REPORT)
    if to_status not in STAGE_MOVES[current]:
        raise ValidationError(
            ILLEGAL_STAGE_MOVE.format(
                current=current.label.lower(), target=InspectionStatus(to_status).label.lower()
            )
        )
    if blocked := _stage_conditions(inspection, to_status):
        raise ValidationError(blocked)
    if to_status == InspectionStatus.WITHDRAWN and not reason.strip():
        raise ValidationError(WITHDRAW_NEEDS_REASON)
    if len(reason) > STAGE_REASON_MAX_LENGTH:
        raise ValidationError({"reason": STAGE_REASON_TOO_LONG})
    if to_status == InspectionStatus.NOTIFIED:
        _notify(inspection, notified_on or timezone.localdate())
    inspection.status = to_status
    record_change(
        inspection,
        acting_user=acting_user,
        reason=reason or f"Moved to {InspectionStatus(to_status).label.lower()}",
    )
    inspection.save()
    return inspection


def _notify(inspection: Inspection, notified_on: datetime.date) -> None:
    """Fix the framework version in force on the day the area is told, and meet its notice rule
    (DESIGN section 1): the inspection keeps this version from now on."""
    if notified_on > timezone.localdate():
        raise ValidationError({"notified_on": NOTIFIED_IN_FUTURE})
    framework = framework_current(inspection.kind, on=notified_on)
    if framework.key != inspection.framework_key:
        # Set up under an earlier version: the window and participants must fit this one.
        validate_window(
            framework=framework,
            window_start=inspection.window_start,
            window_end=inspection.window_end,
        )
        validate_participants(
            framework=framework,
            local_authority=inspection.local_authority,
            codes=inspection.participations.values_list("inspectorate__code", flat=True),
        )
        inspection.framework_key = framework.key
    if framework.notice_rule is not None:
        refusal = framework.notice_rule.refusal(
            notified_on=notified_on,
            window_start=inspection.window_start,
            window_end=inspection.window_end,
        )
        if refusal:
            raise ValidationError(refusal)
    now = timezone.localtime()
    inspection.notified_at = now.replace(
        year=notified_on.year, month=notified_on.month, day=notified_on.day
    )


def _stage_conditions(inspection: Inspection, to_status: str) -> list[str]:
    """Every reason the inspection cannot enter `to_status` now, each named."""
    missing = []
    # DESIGN rule 1: fieldwork lies within the window.
    if to_status == InspectionStatus.FIELDWORK and timezone.localdate() < inspection.window_start:
        missing.append(FIELDWORK_BEFORE_WINDOW.format(date=long_date(inspection.window_start)))
    # Conditions other apps add to entering a stage, e.g. no referral without a response
    # before drafting (DESIGN rule 13).
    missing.extend(gates.missing(f"enter:{to_status}", inspection=inspection))
    return missing


@transaction.atomic
def inspection_record_fieldwork_continues(
    *, acting_user: AbstractBaseUser, inspection: Inspection, reason: str
) -> Inspection:
    """Record why fieldwork goes on after the window closed (DESIGN rule 1), which lets the team
    write again; the reason is kept on the inspection and in its history."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    check_move_stage(inspection_access(acting_user, inspection))
    reason = (reason or "").strip()
    if not (
        inspection.status == InspectionStatus.FIELDWORK
        and inspection.window_end < timezone.localdate()
    ):
        raise ValidationError(FIELDWORK_CONTINUES_ONLY_IN_FIELDWORK)
    if not reason:
        raise ValidationError({"reason": FIELDWORK_CONTINUES_NEEDS_REASON})
    if len(reason) > FIELDWORK_CONTINUES_MAX_LENGTH:
        raise ValidationError({"reason": FIELDWORK_CONTINUES_TOO_LONG})
    inspection.fieldwork_continues_reason = reason
    record_change(
        inspection, acting_user=acting_user, reason="Fieldwork continues after the window closed"
    )
    inspection.save()
    return inspection


def _inspectorate_of(user: AbstractBaseUser) -> Inspectorate:
    profile = InspectorProfile.objects.select_related("inspectorate").filter(user=user).first()
    if profile is None:
        raise ValidationError({"user": NO_INSPECTORATE.format(user=user)})
    return profile.inspectorate


@transaction.atomic
def team_member_add(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    user: AbstractBaseUser,
    role: str = TeamRole.INSPECTOR,
) -> TeamMember:
    """Put a user on the team, or give a member a lead role as well.

    A new lead replaces the old one, who stays on the team. The lead inspector may also be
    Ofsted's inspectorate lead; the member's shown role is the more senior one.
    """
    check_manage_programme(acting_user)
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    inspectorate = _inspectorate_of(user)
    participation = inspection.participations.filter(inspectorate=inspectorate).first()
    if participation is None:
        raise ValidationError({"user": INSPECTORATE_NOT_PARTICIPATING.format(name=inspectorate)})
    if role == TeamRole.LEAD_INSPECTOR and inspectorate.code != LEADING_INSPECTORATE:
        raise ValidationError({"role": LEAD_INSPECTOR_MUST_BE_OFSTED})
    member = inspection.team.filter(user=user).first()
    already = member is not None and (
        role == TeamRole.INSPECTOR
        or (role == TeamRole.LEAD_INSPECTOR and inspection.lead_inspector_id == user.pk)
        or (role == TeamRole.INSPECTORATE_LEAD and participation.lead_id == user.pk)
    )
    if already:
        raise ValidationError({"user": ALREADY_ON_TEAM.format(user=user)})
    replaced = None
    if role == TeamRole.LEAD_INSPECTOR:
        replaced = inspection.lead_inspector_id
        inspection.lead_inspector = user
        record_change(inspection, acting_user=acting_user, reason=f"Lead inspector: {user}")
        inspection.save()
    elif role == TeamRole.INSPECTORATE_LEAD:
        replaced = participation.lead_id
        participation.lead = user
        record_change(participation, acting_user=acting_user, reason=f"Inspectorate lead: {user}")
        participation.save()
    if member is None:
        member = TeamMember(inspection=inspection, user=user, inspectorate=inspectorate)
    _refresh_role(inspection=inspection, member=member, acting_user=acting_user)
    if replaced and replaced != user.pk:
        old = inspection.team.filter(user_id=replaced).first()
        if old is not None:
            _refresh_role(inspection=inspection, member=old, acting_user=acting_user)
    sync_team_permissions(inspection)
    return member


def _refresh_role(
    *, inspection: Inspection, member: TeamMember, acting_user: AbstractBaseUser
) -> None:
    """A member's shown role follows the facts: lead inspector, then inspectorate lead."""
    if inspection.lead_inspector_id == member.user_id:
        role = TeamRole.LEAD_INSPECTOR
    elif inspection.participations.filter(lead_id=member.user_id).exists():
        role = TeamRole.INSPECTORATE_LEAD
    else:
        role = TeamRole.INSPECTOR
    if member.pk is None or member.role != role:
        member.role = role
        record_change(member, acting_user=acting_user, reason=f"Role: {role.label}")
        member.save()


def _clear_lead_roles(
    *, inspection: Inspection, member: TeamMember, acting_user: AbstractBaseUser
) -> None:
    if inspection.lead_inspector_id == member.user_id:
        inspection.lead_inspector = None
        record_change(inspection, acting_user=acting_user, reason="Lead inspector left the team")
        inspection.save()
    for participation in inspection.participations.filter(lead=member.user):
        participation.lead = None
        record_change(
            participation, acting_user=acting_user, reason="Inspectorate lead left the team"
        )
        participation.save()


@transaction.atomic
def team_member_remove(
    *, acting_user: AbstractBaseUser, inspection: Inspection, member: TeamMember
) -> None:
    """Take someone off the team; their evidence stays, attributed to them."""
    check_manage_programme(acting_user)
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _clear_lead_roles(inspection=inspection, member=member, acting_user=acting_user)
    record_change(member, acting_user=acting_user, reason="Left the team")
    member.delete()
    sync_team_permissions(inspection)
