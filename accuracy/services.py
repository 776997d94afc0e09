"""The factual accuracy round's rules (DESIGN rule 10).

The lead inspector sends the newest ready draft to the area's active contacts, each with a
personal link by email; the contacts comment (or say they have none) through their link; the
inspectorate owning each commented section records a disposition; the lead inspector closes the
round, and the worker renders the response document (`accuracy.response`). Each write checks
who is acting, applies the rule, keeps history, and happens in one transaction; emails and the
render are sent only after it commits.
"""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from kombu.exceptions import OperationalError as BrokerError

from accuracy import emails, links, permissions, selectors
from accuracy.models import (
    AccuracyComment,
    AccuracyLink,
    CommentKind,
    FactualAccuracyRound,
    LinkUse,
    LinkUseKind,
    Outcome,
    ResponseState,
)
from core import gates
from core.dates import long_date
from core.models import record_change
from core.versioning import check_version_seen
from core.working_days import add_working_days, working_days_between
from inspections.models import Inspection, InspectionStatus
from inspections.permissions import inspection_access
from reports.models import PersonalDataCheck

logger = logging.getLogger(__name__)

WRONG_STAGE = "The draft can only be sent while the inspection is in the factual accuracy check."
ROUND_OPEN = "The draft has already been sent: the round is open until {deadline}."
NO_DRAFT = "There is no factual accuracy draft: ask for one to be rendered."
DRAFT_NOT_READY = "Factual accuracy draft version {number} is not ready yet."
DRAFT_ALREADY_SENT = (
    "Draft version {number} has already been sent: to send the area another round, render a "
    "new factual accuracy draft."
)
CHECK_FAILED = (
    "The personal-data check found personal data in draft version {number}: remove it and "
    "render a new draft."
)
CHECK_NOT_RUN = "The personal-data check has not passed on draft version {number}."
NO_CONTACTS = (
    "{area} has no active contacts to send the draft to: programme staff add the area's "
    "partner bodies and contacts."
)
ROUND_CLOSED = "The factual accuracy round is closed: nothing more can be changed."
NO_OPEN_ROUND = "There is no open factual accuracy round."
LINK_ALREADY_REVOKED = "{name}'s link is already revoked."
LINK_NOT_USABLE = "This link can no longer be used."
SECTION_UNKNOWN = "Select the section of the report your comment is about"
KIND_UNKNOWN = "Select what kind of comment it is"
TEXT_REQUIRED = "Enter your comment"
TEXT_TOO_LONG = "{field} must be {limit:,} characters or fewer"
OUTCOME_UNKNOWN = "Select whether the comment is accepted, partly accepted or not accepted"
CHANGE_REQUIRED = "Describe the change made to the report"
REASON_REQUIRED = "Give the reason the comment is not accepted in full"
DISPOSED_MOVED = (
    "Someone else recorded a disposition of this comment while you were writing yours: it "
    "is shown below. Nothing of yours was saved: read it, then record yours again if it "
    "should change."
)

# Long enough for any comment on a report section, short enough to refuse a flood.
TEXT_LIMIT = 5_000
# A replaced link works for at least this many working days.
REISSUE_WORKING_DAYS = 2
# Contacts who have not answered are reminded this many working days before the deadline.
REMINDER_WORKING_DAYS = 2


def _lock_inspection(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update()
        .select_related("local_authority")
        .get(pk=inspection.pk)
    )


def _open_round(inspection: Inspection, *, lock: bool = False) -> FactualAccuracyRound:
    rounds = FactualAccuracyRound.objects.filter(inspection=inspection, closed_at=None)
    round_ = (rounds.select_for_update() if lock else rounds).first()
    if round_ is None:
        raise ValidationError(NO_OPEN_ROUND)
    return round_


def _new_link(round_: FactualAccuracyRound, contact, expires_on: datetime.date) -> AccuracyLink:
    link = AccuracyLink(
        round=round_,
        contact=contact,
        token_id=links.new_secret(),
        nonce=links.new_secret(),
        expires_on=expires_on,
    )
    record_change(link, acting_user=round_.sent_by, reason=f"Link sent to {contact.name}")
    link.save()
    return link


def _email_after_commit(link_ids: list[int], *, reminder: bool = False) -> None:
    transaction.on_commit(lambda: emails.send_links(link_ids, reminder=reminder))


# --- Sending the draft -------------------------------------------------------------------------


def send_missing(*, inspection: Inspection) -> list[str]:
    """Every reason the draft cannot be sent now, one message each; [] to send."""
    missing = []
    if inspection.status != InspectionStatus.FACTUAL_ACCURACY:
        missing.append(WRONG_STAGE)
    open_round = FactualAccuracyRound.objects.filter(inspection=inspection, closed_at=None).first()
    if open_round is not None:
        missing.append(ROUND_OPEN.format(deadline=long_date(open_round.deadline)))
    draft = selectors.newest_draft(inspection=inspection)
    if draft is None:
        missing.append(NO_DRAFT)
    elif not draft.is_ready:
        missing.append(DRAFT_NOT_READY.format(number=draft.number))
    elif FactualAccuracyRound.objects.filter(inspection=inspection, report_version=draft).exists():
        missing.append(DRAFT_ALREADY_SENT.format(number=draft.number))
    elif draft.personal_data_check == PersonalDataCheck.FAILED:
        missing.append(CHECK_FAILED.format(number=draft.number))
    elif draft.personal_data_check != PersonalDataCheck.PASSED:
        missing.append(CHECK_NOT_RUN.format(number=draft.number))
    if not selectors.area_contacts_active(inspection=inspection):
        missing.append(NO_CONTACTS.format(area=inspection.local_authority.name))
    # Conditions other apps add, such as the stronger personal-data check.
    missing.extend(gates.missing("send_draft", inspection=inspection))
    return missing


@transaction.atomic
def round_send(*, acting_user: AbstractBaseUser, inspection: Inspection) -> FactualAccuracyRound:
    """Send the newest ready draft to every active contact of the area, each a personal link."""
    inspection = _lock_inspection(inspection)
    permissions.check_send(inspection_access(acting_user, inspection))
    missing = send_missing(inspection=inspection)
    if missing:
        raise ValidationError(missing)
    now = timezone.now()
    deadline = selectors.round_deadline(inspection=inspection, sent_on=timezone.localdate(now))
    round_ = FactualAccuracyRound(
        inspection=inspection,
        report_version=selectors.newest_draft(inspection=inspection),
        sent_by=acting_user,
        sent_at=now,
        deadline=deadline,
    )
    record_change(
        round_, acting_user=acting_user, reason=f"Draft sent, comments due {long_date(deadline)}"
    )
    round_.save()
    contacts = selectors.area_contacts_active(inspection=inspection)
    sent = [_new_link(round_, contact, deadline).pk for contact in contacts]
    _email_after_commit(sent)
    return round_


# --- The lead inspector's links ----------------------------------------------------------------


def _lock_link(link: AccuracyLink) -> AccuracyLink:
    return (
        AccuracyLink.objects.select_for_update()
        .select_related("round__inspection", "contact")
        .get(pk=link.pk)
    )


@transaction.atomic
def link_revoke(*, acting_user: AbstractBaseUser, link: AccuracyLink) -> AccuracyLink:
    link = _lock_link(link)
    permissions.check_manage_links(inspection_access(acting_user, link.round.inspection))
    if not link.round.is_open:
        raise ValidationError(ROUND_CLOSED)
    if link.is_revoked:
        raise ValidationError(LINK_ALREADY_REVOKED.format(name=link.contact.name))
    link.revoked_at = timezone.now()
    link.revoked_by = acting_user
    record_change(link, acting_user=acting_user, reason=f"{link.contact.name}'s link revoked")
    link.save()
    return link


@transaction.atomic
def link_reissue(*, acting_user: AbstractBaseUser, link: AccuracyLink) -> AccuracyLink:
    """A new link for the same contact (the old one revoked), usable for at least two more
    working days: for a contact who lost theirs, or who needs longer than the deadline."""
    link = _lock_link(link)
    permissions.check_manage_links(inspection_access(acting_user, link.round.inspection))
    if not link.round.is_open:
        raise ValidationError(ROUND_CLOSED)
    now = timezone.now()
    if not link.is_revoked:
        link.revoked_at, link.revoked_by = now, acting_user
        record_change(link, acting_user=acting_user, reason="Replaced by a new link")
        link.save()
    expires_on = max(
        link.round.deadline, add_working_days(timezone.localdate(now), REISSUE_WORKING_DAYS)
    )
    new = _new_link(link.round, link.contact, expires_on)
    _email_after_commit([new.pk])
    return new


# --- The contacts ------------------------------------------------------------------------------


def link_use_record(check: links.LinkCheck, what: str) -> LinkUse:
    """Record one use of a link, allowed or refused (its own transaction)."""
    link = check.link
    use = LinkUse(
        link=link,
        inspection_id=link.round.inspection_id if link else None,
        at=timezone.now(),
        what=check.refused or what,
        contact_name=link.contact.name if link else "",
    )
    # The audit log names no user (the contact has no account): its reason says who it was.
    who = f"{link.contact.name} (area contact)" if link else "someone with a link that is not real"
    reason = f"{use.get_what_display()}, by {who}"
    record_change(use, acting_user=None, reason=Truncator(reason).chars(100))
    use.save()
    return use


def _usable(token: str) -> links.LinkCheck:
    """The link again, inside the transaction (it may have been revoked since the page loaded)."""
    check = links.check_token(token)
    if not check.ok or not check.link.round.is_open:
        raise ValidationError(LINK_NOT_USABLE, code="link")
    AccuracyLink.objects.select_for_update().get(pk=check.link.pk)
    return check


def _limited(errors: dict, field: str, label: str, value: str) -> None:
    if len(value) > TEXT_LIMIT:
        errors[field] = TEXT_TOO_LONG.format(field=label, limit=TEXT_LIMIT)


@transaction.atomic
def comment_add(
    *, token: str, section_key: str, kind: str, text: str, proposed_change: str
) -> AccuracyComment:
    """A contact's comment on one section. Refused whole, or saved whole; late after the
    deadline day, but accepted."""
    check = _usable(token)
    link = check.link
    round_ = link.round
    names = selectors.inspectorate_names(inspection=round_.inspection)
    sections = {s.key: s for s in selectors.round_sections(round_, names)}
    text, proposed_change = text.strip(), proposed_change.strip()
    errors: dict[str, str] = {}
    if section_key not in sections:
        errors["section"] = SECTION_UNKNOWN
    if kind not in CommentKind.values:
        errors["kind"] = KIND_UNKNOWN
    if not text:
        errors["text"] = TEXT_REQUIRED
    _limited(errors, "text", "Your comment", text)
    _limited(errors, "proposed_change", "The change you propose", proposed_change)
    if errors:
        raise ValidationError(errors)
    comment = AccuracyComment(
        round=round_,
        link=link,
        section_key=section_key,
        section_title=sections[section_key].title,
        kind=kind,
        text=text,
        proposed_change=proposed_change,
        late=timezone.localdate() > round_.deadline,
    )
    record_change(comment, acting_user=None, reason=f"Comment from {link.contact.name}")
    comment.save()
    link_use_record(check, LinkUseKind.COMMENTED)
    return comment


@transaction.atomic
def no_comments_record(*, token: str) -> AccuracyLink:
    check = _usable(token)
    link = AccuracyLink.objects.select_for_update().get(pk=check.link.pk)
    if link.no_comments_at is None:
        link.no_comments_at = timezone.now()
        record_change(link, acting_user=None, reason=f"{link.contact.name} has no comments")
        link.save()
        link_use_record(check, LinkUseKind.NO_COMMENTS)
    return link


# --- Dispositions ------------------------------------------------------------------------------


@transaction.atomic
def comment_dispose(
    *,
    acting_user: AbstractBaseUser,
    comment: AccuracyComment,
    outcome: str,
    change_made: str,
    reason: str,
    seen_version: int | None,
) -> AccuracyComment:
    """Record (or change) the owning inspectorate's disposition of a comment."""
    comment = (
        AccuracyComment.objects.select_for_update()
        .select_related("round__inspection", "round__report_version")
        .get(pk=comment.pk)
    )
    round_ = comment.round
    names = selectors.inspectorate_names(inspection=round_.inspection)
    section = {s.key: s for s in selectors.round_sections(round_, names)}.get(comment.section_key)
    permissions.check_dispose(
        inspection_access(acting_user, round_.inspection),
        section.owner if section else "",
        selectors.owner_name(section, names),
    )
    if not round_.is_open:
        raise ValidationError(ROUND_CLOSED)
    check_version_seen(comment, seen_version, message=DISPOSED_MOVED)
    change_made, reason = change_made.strip(), reason.strip()
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = OUTCOME_UNKNOWN
    if outcome in (Outcome.ACCEPTED, Outcome.PARTLY_ACCEPTED) and not change_made:
        errors["change_made"] = CHANGE_REQUIRED
    if outcome in (Outcome.PARTLY_ACCEPTED, Outcome.NOT_ACCEPTED) and not reason:
        errors["reason"] = REASON_REQUIRED
    _limited(errors, "change_made", "The change made", change_made)
    _limited(errors, "reason", "The reason", reason)
    if errors:
        raise ValidationError(errors)
    comment.outcome = outcome
    comment.change_made = change_made if outcome != Outcome.NOT_ACCEPTED else ""
    comment.reason = reason if outcome != Outcome.ACCEPTED else ""
    comment.disposed_by = acting_user
    comment.disposed_at = timezone.now()
    comment.version += 1
    record_change(comment, acting_user=acting_user, reason=f"Disposition: {Outcome(outcome).label}")
    comment.save()
    return comment


# --- Closing and the response document ---------------------------------------------------------


@transaction.atomic
def round_close(*, acting_user: AbstractBaseUser, inspection: Inspection) -> FactualAccuracyRound:
    """Close the round: every comment has a disposition, and the deadline has passed or every
    contact has answered. The worker then renders the response document."""
    inspection = _lock_inspection(inspection)
    permissions.check_close(inspection_access(acting_user, inspection))
    round_ = _open_round(inspection, lock=True)
    missing = selectors.close_missing(round_)
    if missing:
        raise ValidationError(missing)
    round_.closed_at = timezone.now()
    round_.closed_by = acting_user
    round_.response_state = ResponseState.QUEUED
    record_change(round_, acting_user=acting_user, reason="Round closed")
    round_.save()
    round_id = round_.pk
    transaction.on_commit(lambda: _send_render(round_id))
    return round_


def _send_render(round_id: int) -> bool:
    """Queue the response document; without a broker it stays queued (see `reports._send`)."""
    from accuracy.tasks import render_response

    try:
        render_response.delay(round_id)
    except (BrokerError, OSError):
        logger.warning("Broker unreachable: response document of round %s stays queued", round_id)
        return False
    return True


# A response document still queued after this long lost its task (the broker was down): sent again.
REQUEUE_AFTER = datetime.timedelta(minutes=2)


def responses_requeue_stuck(*, older_than: datetime.timedelta = REQUEUE_AFTER) -> list[int]:
    """Send the render task again for response documents still queued after `older_than`.

    Rendering is idempotent, so a document whose first task was only slow is stored once.
    """
    cutoff = timezone.now() - older_than
    stuck = FactualAccuracyRound.objects.filter(
        response_state=ResponseState.QUEUED, modified_at__lte=cutoff
    ).values_list("pk", flat=True)
    return [pk for pk in stuck.order_by("pk") if _send_render(pk)]


# --- Reminders ---------------------------------------------------------------------------------


def reminders_send(*, today: datetime.date | None = None) -> list[int]:
    """Remind, once, every contact who has not answered, from two working days before the
    deadline. Run by Celery beat; idempotent (each link records its reminder)."""
    today = today or timezone.localdate()
    due = []
    with transaction.atomic():
        candidates = (
            AccuracyLink.objects.select_for_update(of=("self",))
            .select_related("round")
            .filter(
                round__closed_at=None,
                round__deadline__gte=today,
                revoked_at=None,
                reminded_at=None,
                no_comments_at=None,
                comments=None,
            )
        )
        for link in candidates:
            if working_days_between(today, link.round.deadline) <= REMINDER_WORKING_DAYS:
                link.reminded_at = timezone.now()
                record_change(link, acting_user=None, reason="Reminder sent")
                link.save()
                due.append(link.pk)
        if due:
            _email_after_commit(due, reminder=True)
    return due
