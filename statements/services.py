"""Recording the area's written statement of action (DESIGN rule 12): its receipt, its actions,
the monitoring notes and its publication. Programme administrators only; each change in one
transaction, with its history.

The statement's PDF is kept like a report's (`reports.services`): in Django's default storage,
under a name made from its SHA-256, never replaced in place.
"""

from __future__ import annotations

import datetime
import hashlib

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.dates import long_date
from core.models import record_change
from core.storage import store_once
from core.versioning import check_version_seen
from inspections.models import Inspection, PartnerBody
from reports.models import Publication
from statements import selectors
from statements.models import ActionStatus, MonitoringNote, StatementAction, StatementOfAction
from statements.permissions import check_manage_statements

# The largest statement accepted: a long statement with charts is a few megabytes.
MAX_PDF_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"

NOT_OWED = "This area owes no written statement of action for this inspection."
NOT_A_PDF = "The selected file must be a PDF"
TOO_BIG = f"The selected file must be smaller than {MAX_PDF_BYTES // (1024 * 1024)} MB"
EMPTY_FILE = "The selected file is empty"
RECEIVED_IN_FUTURE = "The date received must be today or in the past"
RECEIVED_BEFORE_PUBLICATION = "The date received must be on or after the report was published ({})"
ALREADY_PUBLISHED = "The statement is already published: a published statement cannot be replaced."
NOT_RECEIVED = "Record the statement's receipt first."
OWNER_NOT_OF_AREA = "Select one of the area's partner bodies"
PUBLISHED_IN_FUTURE = "The publication date must be today or in the past"
PUBLISHED_BEFORE_RECEIPT = (
    "The publication date must be on or after the statement was received ({})"
)
ACTION_CHANGED = (
    "Someone changed this action while you were editing it (you saw version {seen}, it is now "
    "version {version}). Nothing was saved: check what it says now, then make your change again."
)
NOTE_IN_FUTURE = "The date of the note must be today or in the past"


def _date(day: datetime.date) -> str:
    return long_date(day)


def _owed_or_refuse(inspection: Inspection) -> selectors.OwedStatement:
    owed = selectors.statement_owed(inspection=inspection)
    if owed is None:
        raise ValidationError(NOT_OWED)
    return owed


def _read_pdf(upload: UploadedFile) -> bytes:
    """The upload's bytes, once it is known to be a PDF of an acceptable size."""
    if upload.size is not None and upload.size > MAX_PDF_BYTES:
        raise ValidationError({"pdf": TOO_BIG})
    content = upload.read(MAX_PDF_BYTES + 1)
    if not content:
        raise ValidationError({"pdf": EMPTY_FILE})
    if len(content) > MAX_PDF_BYTES:
        raise ValidationError({"pdf": TOO_BIG})
    if not content.startswith(PDF_MAGIC):
        raise ValidationError({"pdf": NOT_A_PDF})
    return content


def _store(inspection: Inspection, content: bytes, sha256: str) -> str:
    name = f"statements/{inspection.reference}-{sha256[:16]}.pdf"
    store_once(name, content)
    return name


def statement_receive(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    received_on: datetime.date,
    upload: UploadedFile,
) -> StatementOfAction:
    """Record the statement the area sent; a revised one, before publication, replaces it.

    Every check comes before anything is stored: a refused upload leaves no row and no file.
    """
    check_manage_statements(acting_user)
    owed = _owed_or_refuse(inspection)
    if received_on > selectors.today():
        raise ValidationError({"received_on": RECEIVED_IN_FUTURE})
    if received_on < owed.first_published_on:
        raise ValidationError(
            {"received_on": RECEIVED_BEFORE_PUBLICATION.format(_date(owed.first_published_on))}
        )
    content = _read_pdf(upload)
    sha256 = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        statement = (
            StatementOfAction.objects.select_for_update().filter(inspection=inspection).first()
        )
        if statement is not None and statement.published_on is not None:
            raise ValidationError(ALREADY_PUBLISHED)
        statement = statement or StatementOfAction(inspection=inspection)
        statement.received_on = received_on
        statement.received_by = acting_user
        statement.pdf.name = _store(inspection, content, sha256)
        statement.sha256 = sha256
        statement.size_bytes = len(content)
        statement.original_name = (upload.name or "statement.pdf")[-255:]
        record_change(statement, acting_user=acting_user, reason="Statement received")
        statement.save()
    return statement


def _received_or_refuse(inspection: Inspection) -> StatementOfAction:
    statement = StatementOfAction.objects.select_for_update().filter(inspection=inspection).first()
    if statement is None:
        raise ValidationError(NOT_RECEIVED)
    return statement


def action_save(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    action: StatementAction | None = None,
    description: str,
    owner: PartnerBody,
    due_on: datetime.date,
    status: str,
    seen_version: int | None = None,
) -> StatementAction:
    """Add an action of the statement, or change one (its status as the area reports it): a
    change only on the version the user's page showed (`seen_version`)."""
    check_manage_statements(acting_user)
    if owner.local_authority_id != inspection.local_authority_id:
        raise ValidationError({"owner": OWNER_NOT_OF_AREA})
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Select the action's status"})
    with transaction.atomic():
        statement = _received_or_refuse(inspection)
        if action is None:
            action = StatementAction(statement=statement)
        else:
            action = StatementAction.objects.select_for_update().get(pk=action.pk)
            if action.statement_id != statement.pk:
                raise ValidationError(NOT_RECEIVED)
            check_version_seen(action, seen_version, message=ACTION_CHANGED)
            action.version += 1
        action.description = description
        action.owner = owner
        action.due_on = due_on
        action.status = status
        record_change(action, acting_user=acting_user)
        action.save()
    return action


def note_add(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    noted_on: datetime.date,
    text: str,
) -> MonitoringNote:
    """Record what monitoring found, on the day it was found."""
    check_manage_statements(acting_user)
    if noted_on > selectors.today():
        raise ValidationError({"noted_on": NOTE_IN_FUTURE})
    with transaction.atomic():
        statement = _received_or_refuse(inspection)
        note = MonitoringNote(
            statement=statement, noted_on=noted_on, text=text, recorded_by=acting_user
        )
        record_change(note, acting_user=acting_user)
        note.save()
    return note


def statement_publish(
    *, acting_user: AbstractBaseUser, inspection: Inspection, published_on: datetime.date
) -> StatementOfAction:
    """Mark the statement published: from that date the public report page links it."""
    check_manage_statements(acting_user)
    if published_on > selectors.today():
        raise ValidationError({"published_on": PUBLISHED_IN_FUTURE})
    with transaction.atomic():
        statement = _received_or_refuse(inspection)
        if statement.published_on is not None:
            raise ValidationError(ALREADY_PUBLISHED)
        if published_on < statement.received_on:
            raise ValidationError(
                {"published_on": PUBLISHED_BEFORE_RECEIPT.format(_date(statement.received_on))}
            )
        statement.published_on = published_on
        statement.published_by = acting_user
        record_change(statement, acting_user=acting_user, reason="Statement published")
        statement.save()
        # The report's public page now links the statement. Its cached copies are keyed on when
        # the report's publications last changed (reports/caching.py): marking them modified
        # means no process serves the page without the link. Nothing else of them changes, so
        # no history row is written for it.
        Publication.objects.filter(inspection=inspection).update(modified_at=timezone.now())
    return statement
