"""Erasing children's personal details a set time after publication (DESIGN rule 14).

`settings.PERSONAL_DETAILS_KEPT_DAYS` after an inspection's first publication (its `publish_at`,
the day the public could first read it), every personal detail recorded about its children is
erased: on the case samples, on every earlier record of them in their history (a history that
kept the old values would make the erasure a lie), and in each app that registered an eraser
here. What is left: the references, age bands, agencies involved and every count. The published
report is not touched (DESIGN rule 8): it never held personal details.

Each inspection is erased in one transaction, with its row locked, so an erasure stopped half
way (the worker killed, an eraser failing) leaves that inspection's records all erased or all
as they were. Run again, it finds nothing left to erase and records nothing: it is idempotent.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Min, QuerySet
from django.utils import timezone

from core.models import record_change
from inspections.case_samples import PERSONAL_FIELDS
from inspections.models import CaseSample, Inspection, InspectionStatus
from privacy.models import ErasureRecord

logger = logging.getLogger(__name__)

ERASED_BY_SCHEDULE = "scheduled task"
ERASURE_REASON = "Personal details erased {days} days after publication"
# What the erasure record calls each case sample field it erased.
FIELD_WORDS = {
    "child_name": "child's name",
    "date_of_birth": "date of birth",
    "agency_references": "agency references",
    "family_members": "family members",
    "carers": "carers",
    "aliases": "other names",
    "school": "school",
}
# The erased value of each field. The name is required on the form, so an empty name can only
# mean an erased one; a word such as "Erased" would be looked for in reports as a child's name.
BLANK: dict[str, object] = {
    name: (None if name == "date_of_birth" else "") for name in PERSONAL_FIELDS
}

Eraser = Callable[[Inspection], int]


@dataclass(frozen=True)
class RegisteredEraser:
    name: str  # what the erasure record calls what it erased
    erase: Eraser


_erasers: list[RegisteredEraser] = []


def register(fn: Eraser, *, name: str | None = None) -> None:
    """Erase another app's personal details of an inspection with its case samples.

    `fn(inspection)` runs inside the inspection's erasure transaction and returns how many
    records it erased (0 when nothing was left: it is called again on every later run). An app
    registers in its `AppConfig.ready()`; registering again changes nothing.
    """
    if any(entry.erase == fn for entry in _erasers):
        return
    _erasers.append(RegisteredEraser(name=name or fn.__module__.split(".")[0], erase=fn))


def unregister(fn: Eraser) -> None:
    _erasers[:] = [entry for entry in _erasers if entry.erase != fn]


def registered() -> tuple[RegisteredEraser, ...]:
    return tuple(_erasers)


class ErasureFailed(RuntimeError):
    """Some inspections could not be erased; each was left as it was, to be tried again."""


def _cutoff(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=settings.PERSONAL_DETAILS_KEPT_DAYS)


def inspections_due(*, now: datetime.datetime | None = None) -> QuerySet[Inspection]:
    """Published inspections whose first publication is older than the days details are kept.

    The publication belongs to `reports`, an app above this one: it is read through the
    inspection's `publications` relation rather than imported.
    """
    now = now or timezone.now()
    return (
        Inspection.objects.filter(status=InspectionStatus.PUBLISHED)
        .annotate(first_published=Min("publications__publish_at"))
        .filter(first_published__lte=_cutoff(now))
        .order_by("first_published", "pk")
    )


def erase_inspection(
    *,
    inspection: Inspection,
    now: datetime.datetime | None = None,
    erased_by: str = ERASED_BY_SCHEDULE,
) -> ErasureRecord | None:
    """Erase every personal detail of the inspection's children, all or nothing; the record of
    what was erased, or None when nothing was left to erase."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked first, then asked again: a correction published meanwhile changes nothing of
        # the first publication, but the inspection's state is read under the lock.
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        first_published = inspection.publications.aggregate(first=Min("publish_at"))["first"]
        if (
            inspection.status != InspectionStatus.PUBLISHED
            or first_published is None
            or first_published > _cutoff(now)
        ):
            return None
        days = settings.PERSONAL_DETAILS_KEPT_DAYS
        cases = list(
            CaseSample.objects.select_for_update()
            .filter(inspection=inspection, personal_details_erased_at__isnull=True)
            .order_by("pk")
        )
        for case in cases:
            for name, value in BLANK.items():
                setattr(case, name, value)
            case.personal_details_erased_at = now
            record_change(case, acting_user=None, reason=ERASURE_REASON.format(days=days))
            case.save()
        # Earlier records of the case samples still hold the old values: blank them too. An
        # update, not a save, so the history does not record its own rewriting.
        history_records = (
            CaseSample.history.model.objects.filter(inspection_id=inspection.pk)
            .exclude(**BLANK)
            .update(**BLANK)
        )
        other_records = {}
        for entry in _erasers:
            if count := entry.erase(inspection):
                other_records[entry.name] = other_records.get(entry.name, 0) + count
        if not (cases or history_records or other_records):
            return None
        return ErasureRecord.objects.create(
            inspection=inspection,
            erased_at=now,
            published_at=first_published,
            kept_days=days,
            case_samples=len(cases),
            history_records=history_records,
            fields=[FIELD_WORDS[name] for name in PERSONAL_FIELDS],
            other_records=other_records,
            erased_by=erased_by,
        )


def erase_due(*, now: datetime.datetime | None = None) -> list[ErasureRecord]:
    """Erase every inspection that is due, each in its own transaction.

    An inspection that fails is left as it was and the others go on; the failures are raised
    together at the end, by inspection reference only (never a child's detail), so the task is
    seen to fail and the next run tries them again.
    """
    now = now or timezone.now()
    records, failed = [], []
    for inspection in list(inspections_due(now=now)):
        try:
            record = erase_inspection(inspection=inspection, now=now)
        except Exception as error:
            # The exception's text may quote a detail it was erasing: log its kind only.
            logger.error(
                "Erasing personal details of %s failed (%s); nothing of it was erased.",
                inspection.reference,
                type(error).__name__,
            )
            failed.append(inspection.reference)
        else:
            if record is not None:
                logger.info(
                    "Erased children's personal details on %s (case samples: %s).",
                    inspection.reference,
                    record.case_samples,
                )
                records.append(record)
    if failed:
        raise ErasureFailed(
            "Personal details could not be erased for " + ", ".join(failed) + "; left as they were."
        )
    return records
