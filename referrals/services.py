"""Recording, following up, escalating and erasing concern referrals (DESIGN rules 13, 14, 17).

Each function that a person calls checks who is acting, applies the rule and leaves a history
record naming the acting user and the reason, in one transaction; emails go after commit.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.dates import long_date, time_of_day
from core.models import record_change
from core.text import display_name
from core.versioning import check_version_seen
from core.working_days import next_working_day
from inspections.models import AgeBand, CaseSample, Inspection, PartnerBody, TeamMember
from inspections.permissions import inspection_access
from referrals import emails
from referrals.models import ERASED, ConcernReferral, EscalationNotice, ReferralMethod
from referrals.permissions import check_follow_up_referral, check_record_referral

# England's working day ends in England, whatever the server's own time zone (rule 17).
ENGLAND = ZoneInfo("Europe/London")

CONCERN_REQUIRED = "Enter what was found"
CHILD_REQUIRED = "Choose the case sample, or enter a reference and age band for the child"
CHILD_TWICE = "Choose a case sample or enter a new child's reference, not both"
CASE_NOT_HERE = "Choose a case sample of this inspection"
CHILD_REFERENCE_REQUIRED = "Enter a reference for the child"
CHILD_REFERENCE_IS_A_CASE = "{reference} is a case sample: choose it from the list instead"
AGE_BAND_REQUIRED = "Select the child's age band"
AGENCY_REQUIRED = "Select the agency you alerted"
AGENCY_NOT_IN_AREA = "Select one of {area}'s partner agencies"
REFERRER_NOT_ON_TEAM = "Select a member of the inspection team"
METHOD_REQUIRED = "Select how you alerted the agency"
ALERTED_REQUIRED = "Enter the date and time you alerted the agency"
ALERTED_IN_FUTURE = "The time you alerted the agency must be in the past"
ALERTED_BEFORE_WINDOW = (
    "The time you alerted the agency must be on or after {start}, the start of the inspection"
)
RESPONSE_REQUIRED = "Enter the agency's response"
RECEIVED_REQUIRED = "Enter the date and time the response was received"
RECEIVED_IN_FUTURE = "The time the response was received must be in the past"
RECEIVED_BEFORE_ALERT = (
    "The response cannot have been received before the agency was alerted, at {when}"
)
ALREADY_CLOSED = "Referral {number} is closed: nothing more can be recorded on it"
CLOSE_NEEDS_RESPONSE = "Record the agency's response before closing referral {number}"
STALE = (
    "Referral {number} has changed since you opened it: {who} {what} at {time} on {date}. "
    "Nothing you entered was saved. Read what is recorded now before you try again."
)


def _day(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return long_date(local)


def _when(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M} on {_day(moment)}"


def response_due_by(alerted_at: datetime.datetime) -> datetime.datetime:
    """The end of the next working day after the alert, in England: midnight after it."""
    alerted_day = timezone.localtime(alerted_at, ENGLAND).date()
    due_day = next_working_day(alerted_day)
    return datetime.datetime.combine(
        due_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=ENGLAND
    )


def _child_errors(
    inspection: Inspection, case_sample: CaseSample | None, child_reference: str, age_band: str
) -> dict[str, list[str]]:
    if case_sample is not None:
        if case_sample.inspection_id != inspection.pk:
            return {"case_sample": [CASE_NOT_HERE]}
        if child_reference or age_band:
            return {"child_reference": [CHILD_TWICE]}
        return {}
    errors: dict[str, list[str]] = {}
    if not child_reference:
        errors["child_reference"] = [CHILD_REFERENCE_REQUIRED if age_band else CHILD_REQUIRED]
    elif inspection.case_samples.filter(internal_reference__iexact=child_reference).exists():
        errors["child_reference"] = [CHILD_REFERENCE_IS_A_CASE.format(reference=child_reference)]
    if age_band not in AgeBand.values:
        errors["age_band"] = [AGE_BAND_REQUIRED]
    return errors


def _alerted_errors(
    inspection: Inspection, alerted_at: datetime.datetime | None, now: datetime.datetime
) -> dict[str, list[str]]:
    if alerted_at is None:
        return {"alerted_on": [ALERTED_REQUIRED]}
    if alerted_at > now:
        return {"alerted_on": [ALERTED_IN_FUTURE]}
    if timezone.localtime(alerted_at).date() < inspection.window_start:
        start = inspection.window_start
        return {"alerted_on": [ALERTED_BEFORE_WINDOW.format(start=long_date(start))]}
    return {}


def referral_child_and_time_problems(
    *,
    inspection: Inspection,
    case_sample: CaseSample | None,
    child_reference: str,
    age_band: str,
    alerted_at: datetime.datetime | None,
) -> dict[str, list[str]]:
    """What is wrong with the child and the time, by field: the form asks this too, so that a
    refused form names every problem at once, not one more on each try."""
    alerted_at = alerted_at.replace(second=0, microsecond=0) if alerted_at else None
    errors = _child_errors(inspection, case_sample, (child_reference or "").strip(), age_band or "")
    errors.update(_alerted_errors(inspection, alerted_at, timezone.now()))
    return errors


@transaction.atomic
def referral_record(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    concern: str,
    partner_body: PartnerBody | None,
    alerted_at: datetime.datetime | None,
    method: str,
    referred_by: AbstractBaseUser | None = None,
    case_sample: CaseSample | None = None,
    child_reference: str = "",
    age_band: str = "",
) -> ConcernReferral:
    """Record that a child found at risk was referred to one of the area's agencies.

    Refused whole, with every reason at once, when anything is missing or impossible.
    """
    # Locked so that two referrals recorded at once never get the same number.
    inspection = (
        Inspection.objects.select_for_update()
        .select_related("local_authority")
        .get(pk=inspection.pk)
    )
    check_record_referral(inspection_access(acting_user, inspection))
    referred_by = referred_by or acting_user
    concern = (concern or "").strip()
    child_reference = (child_reference or "").strip()
    now = timezone.now()
    errors: dict[str, list[str]] = {}
    if not concern:
        errors["concern"] = [CONCERN_REQUIRED]
    errors.update(_child_errors(inspection, case_sample, child_reference, age_band or ""))
    if partner_body is None:
        errors["partner_body"] = [AGENCY_REQUIRED]
    elif partner_body.local_authority_id != inspection.local_authority_id:
        errors["partner_body"] = [AGENCY_NOT_IN_AREA.format(area=inspection.local_authority.name)]
    if not TeamMember.objects.filter(inspection=inspection, user=referred_by).exists():
        errors["referred_by"] = [REFERRER_NOT_ON_TEAM]
    if method not in ReferralMethod.values:
        errors["method"] = [METHOD_REQUIRED]
    # Times are kept to the minute, as they are typed.
    alerted_at = alerted_at.replace(second=0, microsecond=0) if alerted_at else None
    errors.update(_alerted_errors(inspection, alerted_at, now))
    if errors:
        raise ValidationError(errors)
    number = (inspection.referrals.aggregate(n=Max("number"))["n"] or 0) + 1
    referral = ConcernReferral(
        inspection=inspection,
        number=number,
        case_sample=case_sample,
        child_reference="" if case_sample else child_reference,
        age_band="" if case_sample else age_band,
        concern=concern,
        partner_body=partner_body,
        referred_by=referred_by,
        alerted_at=alerted_at,
        method=method,
        response_due_by=response_due_by(alerted_at),
        recorded_by=acting_user,
        last_changed_by=acting_user,
    )
    record_change(referral, acting_user=acting_user, reason=f"Referral {number} recorded")
    referral.save()
    return referral


def _locked(referral: ConcernReferral) -> ConcernReferral:
    return (
        ConcernReferral.objects.select_for_update(of=("self",))
        .select_related("inspection", "last_changed_by", "partner_body")
        .get(pk=referral.pk)
    )


def _check_seen(referral: ConcernReferral, seen_version: int | None) -> None:
    if referral.is_closed:
        what = "closed it"
    elif referral.has_response:
        what = "recorded the agency's response"
    else:
        what = "changed it"
    check_version_seen(
        referral,
        seen_version,
        message=STALE,
        number=referral.number,
        who=display_name(referral.last_changed_by),
        what=what,
        time=time_of_day(referral.modified_at),
        date=_day(referral.modified_at),
    )


@transaction.atomic
def referral_record_response(
    *,
    acting_user: AbstractBaseUser,
    referral: ConcernReferral,
    response: str,
    received_at: datetime.datetime | None,
    seen_version: int | None,
    close: bool = False,
) -> ConcernReferral:
    """Record what the agency answered, on the version the user saw; close it too if asked."""
    referral = _locked(referral)
    check_follow_up_referral(inspection_access(acting_user, referral.inspection))
    _check_seen(referral, seen_version)
    if referral.is_closed:
        raise ValidationError(ALREADY_CLOSED.format(number=referral.number))
    response = (response or "").strip()
    errors: dict[str, list[str]] = {}
    if not response:
        errors["response"] = [RESPONSE_REQUIRED]
    received_at = received_at.replace(second=0, microsecond=0) if received_at else None
    if received_at is None:
        errors["received_on"] = [RECEIVED_REQUIRED]
    elif received_at > timezone.now():
        errors["received_on"] = [RECEIVED_IN_FUTURE]
    elif received_at < referral.alerted_at:
        errors["received_on"] = [RECEIVED_BEFORE_ALERT.format(when=_when(referral.alerted_at))]
    if errors:
        raise ValidationError(errors)
    referral.response = response
    referral.response_received_at = received_at
    reason = f"Response to referral {referral.number} recorded"
    if close:
        referral.closed_at = timezone.now()
        referral.closed_by = acting_user
        reason += " and the referral closed"
    referral.version += 1
    referral.last_changed_by = acting_user
    record_change(referral, acting_user=acting_user, reason=reason)
    referral.save()
    return referral


@transaction.atomic
def referral_close(
    *, acting_user: AbstractBaseUser, referral: ConcernReferral, seen_version: int | None
) -> ConcernReferral:
    """Close a referral whose response is recorded, on the version the user saw."""
    referral = _locked(referral)
    check_follow_up_referral(inspection_access(acting_user, referral.inspection))
    _check_seen(referral, seen_version)
    if referral.is_closed:
        raise ValidationError(ALREADY_CLOSED.format(number=referral.number))
    if not referral.has_response:
        raise ValidationError(CLOSE_NEEDS_RESPONSE.format(number=referral.number))
    referral.closed_at = timezone.now()
    referral.closed_by = acting_user
    referral.version += 1
    referral.last_changed_by = acting_user
    record_change(referral, acting_user=acting_user, reason=f"Referral {referral.number} closed")
    referral.save()
    return referral


# --- Escalation (run by Celery beat) -------------------------------------------------------------


def _escalation_recipients(referral: ConcernReferral) -> list[tuple[AbstractBaseUser, str]]:
    """The lead inspector, and the lead of the referring inspector's inspectorate, once each."""
    inspection = referral.inspection
    roles: dict[int, tuple[AbstractBaseUser, list[str]]] = {}
    if inspection.lead_inspector is not None:
        roles[inspection.lead_inspector.pk] = (inspection.lead_inspector, ["Lead inspector"])
    member = (
        TeamMember.objects.filter(inspection=inspection, user=referral.referred_by_id)
        .select_related("inspectorate")
        .first()
    )
    if member is not None:
        participation = (
            inspection.participations.filter(inspectorate=member.inspectorate)
            .select_related("lead")
            .first()
        )
        if participation is not None and participation.lead is not None:
            lead = participation.lead
            role = f"inspectorate lead ({member.inspectorate.name})"
            if lead.pk in roles:
                roles[lead.pk][1].append(role)
            else:
                roles[lead.pk] = (lead, [role[0].upper() + role[1:]])
    return [(user, " and ".join(names)) for user, names in roles.values()]


def referrals_escalate_overdue(*, now: datetime.datetime | None = None) -> list[ConcernReferral]:
    """Escalate every referral with no response by the end of the next working day (rule 13).

    Idempotent: a referral is escalated once (its `escalated_at` is set in the same transaction
    as the notices to whom), and rows another run holds are skipped, not waited for.
    """
    now = now or timezone.now()
    escalated = []
    with transaction.atomic():
        overdue = (
            ConcernReferral.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                response_received_at__isnull=True,
                closed_at__isnull=True,
                escalated_at__isnull=True,
                response_due_by__lte=now,
            )
            .select_related("inspection__lead_inspector")
            .order_by("pk")
        )
        for referral in overdue:
            referral.escalated_at = now
            due = referral.response_due_day
            record_change(
                referral,
                acting_user=None,
                reason=f"Escalated: no response by the end of {long_date(due)}",
            )
            referral.save(update_fields=["escalated_at", "modified_at"])
            for user, role in _escalation_recipients(referral):
                notice = EscalationNotice(
                    referral=referral,
                    recipient=user,
                    role=role[:120],
                    email=user.email or "",
                    escalated_at=now,
                )
                record_change(notice, acting_user=None, reason=f"Escalated to {role.lower()}")
                notice.save()
            escalated.append(referral)
        if escalated:
            transaction.on_commit(escalation_emails_send)
    return escalated


def escalation_emails_send() -> int:
    """Email every escalation notice not yet emailed; each one at most once per success.

    Called after the escalation commits and again by every run of the task, so an email that
    failed to go is tried again.
    """
    sent = 0
    pending = list(
        EscalationNotice.objects.filter(emailed_at__isnull=True)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for pk in pending:
        with transaction.atomic():
            notice = (
                EscalationNotice.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("referral__inspection", "recipient")
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if notice is None:
                continue
            emails.send_escalation(notice)
            notice.emailed_at = timezone.now()
            record_change(notice, acting_user=None, reason="Escalation emailed")
            notice.save(update_fields=["emailed_at"])
            sent += 1
    return sent


# --- Erasure (DESIGN rule 14) --------------------------------------------------------------------


@transaction.atomic
def erase_personal_details(inspection: Inspection) -> int:
    """Blank what was found and what the agency said on every referral of the inspection, in
    its history too; keep the number, reference, age band, agency, times and counts.

    Idempotent, and all or nothing: erased referrals are skipped, and the whole inspection is
    erased in one transaction. Returns how many referrals were erased now.
    """
    referrals = list(
        ConcernReferral.objects.select_for_update()
        .filter(inspection=inspection, personal_details_erased_at__isnull=True)
        .order_by("pk")
    )
    now = timezone.now()
    for referral in referrals:
        referral.concern = ERASED
        referral.response = ERASED if referral.response else ""
        referral.personal_details_erased_at = now
        record_change(
            referral, acting_user=None, reason="Personal details erased after publication"
        )
        referral.save()
    if referrals:
        # The history keeps old values: erased there too, or the details would live on in it.
        history = ConcernReferral.history.filter(id__in=[r.pk for r in referrals])
        history.update(concern=ERASED)
        history.exclude(response="").update(response=ERASED)
    return len(referrals)
