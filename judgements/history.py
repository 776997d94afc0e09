"""The history pages of a judgement and of a piece of evidence: every recorded change, oldest
first, with who made it, when, why, and the values before and after (`core.history`)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from core.dates import date_and_time, long_date
from core.history import Change, history_changes, history_kind, linked_ids
from core.text import display_name
from inspections.models import CaseSample
from judgements.models import Evidence, EvidenceArea, EvidenceSource, Judgement, JudgementStatus


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    reason: str
    kind: str
    changes: list[Change]
    version: int | None = None


_SAME_ACTION = datetime.timedelta(seconds=5)
# What a judgement's history shows, in the order of the judgement's page. Its version, who last
# edited it and its inspection are not changes a reader needs.
_JUDGEMENT_FIELDS = (
    "grade",
    "rationale",
    "strengths",
    "areas_for_improvement",
    "recommendations",
    "departure_reason",
    "status",
    "evidence",
    "agreed_by",
    "agreed_at",
)
_JUDGEMENT_LABELS = {
    "evidence": "Linked evidence",
    "departure_reason": "Why it departs from a presumption",
}
_EVIDENCE_FIELDS = ("observed_on", "source", "text", "staff_names", "case_samples")
_EVIDENCE_LABELS = {
    "observed_on": "Date",
    "text": "Evidence",
    "staff_names": "Staff named",
    "case_samples": "Case samples",
    "areas": "Judgement areas",
}


def _evidence_label(item: Evidence | None, pk: int) -> str:
    if item is None:
        return f"Evidence {pk} (deleted)"
    return f"Evidence {pk}: {item.get_source_display()}, {long_date(item.observed_on)}"


def _entries(
    records: list,
    *,
    fields: tuple[str, ...],
    labels: dict[str, str],
    shown: Callable[[str, Any], str],
    version: Callable[[Any], int | None] = lambda record: None,
) -> list[tuple[Any, HistoryEntry]]:
    entries = []
    previous = None
    for record in records:
        changes = history_changes(record, previous, fields=fields, labels=labels, shown=shown)
        entry = HistoryEntry(
            when=record.history_date,
            who=display_name(record.history_user),
            reason=record.history_change_reason or "",
            kind=history_kind(record),
            changes=changes,
            version=version(record),
        )
        entries.append((record, entry))
        previous = record
    return entries


def judgement_history(*, judgement: Judgement) -> list[HistoryEntry]:
    """Every recorded change to the judgement, oldest first: who, when, why, old and new values."""
    records = list(
        judgement.history.select_related("history_user").order_by("history_date", "history_id")
    )
    grade_scale = judgement.inspection.framework.scale_for(
        judgement.inspectorate.code, judgement.area_code
    )
    statuses = dict(JudgementStatus.choices)
    user_ids = {r.agreed_by_id for r in records} - {None}
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids)}
    evidence = {e.pk: e for e in Evidence.objects.filter(pk__in=linked_ids(records, "evidence"))}

    def shown(name: str, value: Any) -> str:
        if name == "evidence":
            return "; ".join(_evidence_label(evidence.get(pk), pk) for pk in value)
        if value in (None, ""):
            return ""
        if name == "grade":
            return grade_scale.label(value) if value in grade_scale.codes else value
        if name == "status":
            return str(statuses.get(value, value))
        if name == "agreed_by":
            return display_name(users.get(value))
        if name == "agreed_at":
            return date_and_time(value)
        return str(value)

    entries = _entries(
        records,
        fields=_JUDGEMENT_FIELDS,
        labels=_JUDGEMENT_LABELS,
        shown=shown,
        version=lambda record: record.version,
    )
    return _merged(entries, same_change=lambda a, b: a.version == b.version)


def _merged(entries: list[tuple], *, same_change) -> list[HistoryEntry]:
    """Fold a links-only record into the record it completes.

    A new row is saved before it can be linked, so one action can leave two records: the row,
    then its links. Both name the same person and reason; they are shown as one change.
    """
    result: list[tuple] = []
    for record, entry in entries:
        if result:
            last_record, last_entry = result[-1]
            if (
                record.history_type == "~"
                and record.history_user_id == last_record.history_user_id
                and record.history_change_reason == last_record.history_change_reason
                and same_change(last_record, record)
            ):
                last_entry.changes.extend(entry.changes)
                continue
        result.append((record, entry))
    return [entry for _, entry in result]


def _areas_by_record(evidence: Evidence, records: list) -> dict[int, tuple[list[str], list[str]]]:
    """The areas added and removed with each evidence record.

    Areas are rows of their own; each change is shown with the evidence change it belongs to:
    the same person and reason, nearest in time.
    """
    area_records = list(
        EvidenceArea.history.filter(evidence_id=evidence.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    framework = evidence.inspection.framework.inspectorates.get(evidence.inspectorate.code)

    def area_title(code: str) -> str:
        if framework and code in framework.area_codes:
            return framework.area(code).title
        return code

    areas_for: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for area in area_records:
        candidates = [
            r
            for r in records
            if r.history_user_id == area.history_user_id
            and r.history_change_reason == area.history_change_reason
        ] or records
        if not candidates:
            continue
        nearest = min(candidates, key=lambda r: abs(r.history_date - area.history_date))
        added, removed = areas_for[nearest.history_id]
        (added if area.history_type == "+" else removed).append(area_title(area.area_code))
    return areas_for


def evidence_history(*, evidence: Evidence) -> list[HistoryEntry]:
    """Every recorded change to a piece of evidence, its areas and case samples, oldest first."""
    records = list(
        evidence.history.select_related("history_user").order_by("history_date", "history_id")
    )
    sources = dict(EvidenceSource.choices)
    references = dict(
        CaseSample.objects.filter(pk__in=linked_ids(records, "case_samples")).values_list(
            "pk", "internal_reference"
        )
    )

    def shown(name: str, value: Any) -> str:
        if name == "case_samples":
            return ", ".join(references.get(pk, f"case {pk}") for pk in value)
        if value in (None, ""):
            return ""
        if name == "source":
            return str(sources.get(value, value))
        if name == "observed_on":
            return long_date(value)
        return str(value)

    entries = _entries(records, fields=_EVIDENCE_FIELDS, labels=_EVIDENCE_LABELS, shown=shown)
    areas_for = _areas_by_record(evidence, records)
    for record, entry in entries:
        added, removed = areas_for.get(record.history_id, ([], []))
        if added or removed:
            entry.changes.append(
                Change(_EVIDENCE_LABELS["areas"], "; ".join(removed), "; ".join(added))
            )
    # Evidence has no version number: a links record within seconds of its row belongs to it.
    return _merged(
        entries,
        same_change=lambda a, b: abs(b.history_date - a.history_date) < _SAME_ACTION,
    )
