"""The emails that tell an area it owes a written statement of action, and remind it before the
due date (DESIGN rule 12). Sent by the daily Celery beat task `statements.remind_statements_due`.

Each kind of email goes once per inspection: a `StatementNotice` row records it, with who it
went to, in the same transaction as the sending, so that the task may run any number of times
a day (or twice at once) and the area hears once. An email that could not be sent rolls its row
back, and the next run tries again.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.dates import long_date
from core.links import absolute_url
from core.working_days import working_days_between
from reports.models import Publication
from statements import selectors
from statements.models import NoticeKind, StatementNotice

# Working days before the due date at which the area is reminded.
REMINDER_WORKING_DAYS = 10

SUBJECTS = {
    NoticeKind.DUE: "{area}: written statement of action due by {due}",
    NoticeKind.REMINDER: "Reminder - {area}: written statement of action due by {due}",
}


def _date(day: datetime.date) -> str:
    return long_date(day)


def _kinds_due(owed: selectors.OwedStatement, sent: set[str], day: datetime.date) -> list[str]:
    if owed.is_received:
        return []
    if NoticeKind.DUE not in sent:
        # The first email names the due date; a reminder the same day would say it again.
        return [NoticeKind.DUE]
    in_reminder_window = day <= owed.due_on and (
        working_days_between(day, owed.due_on) <= REMINDER_WORKING_DAYS
    )
    if NoticeKind.REMINDER not in sent and in_reminder_window:
        return [NoticeKind.REMINDER]
    return []


def _report_url(owed: selectors.OwedStatement) -> str:
    slug = (
        Publication.objects.filter(inspection=owed.inspection)
        .values_list("slug", flat=True)
        .first()
    )
    return absolute_url(reverse("reports:detail", kwargs={"slug": slug}))


def _send(owed: selectors.OwedStatement, kind: str) -> StatementNotice | None:
    contacts = selectors.contacts_to_tell(inspection=owed.inspection)
    if not contacts:
        # No one to tell yet: nothing is recorded, so the area hears once a contact is added.
        return None
    area = owed.inspection.local_authority.name
    context = {
        "area": area,
        "due": _date(owed.due_on),
        "published": _date(owed.first_published_on),
        "reasons": owed.reasons,
        "report_url": _report_url(owed),
        "reminder": kind == NoticeKind.REMINDER,
    }
    subject = SUBJECTS[kind].format(area=area, due=context["due"])
    try:
        with transaction.atomic():
            notice = StatementNotice.objects.create(
                inspection=owed.inspection, kind=kind, due_on=owed.due_on, sent_at=timezone.now()
            )
            notice.recipients.set(contacts)
            messages = [
                EmailMessage(
                    subject=subject,
                    body=render_to_string(
                        "statements/emails/statement_due.txt", {**context, "contact": contact}
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[contact.email],
                )
                for contact in contacts
            ]
            get_connection().send_messages(messages)
    except IntegrityError:
        # Another run recorded (and sent) this one first.
        return None
    return notice


def statements_remind(*, on: datetime.date | None = None) -> list[StatementNotice]:
    """Tell each area that owes a statement, once, and remind it once before the due date."""
    day = on or selectors.today()
    owed = [item for item in selectors.statements_owed() if not item.is_received]
    sent: dict[int, set[str]] = {}
    for inspection_id, kind in StatementNotice.objects.filter(
        inspection__in=[item.inspection for item in owed]
    ).values_list("inspection_id", "kind"):
        sent.setdefault(inspection_id, set()).add(kind)
    notices = []
    for item in owed:
        for kind in _kinds_due(item, sent.get(item.inspection.pk, set()), day):
            notice = _send(item, kind)
            if notice is not None:
                notices.append(notice)
    return notices
