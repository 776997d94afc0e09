"""The audit log: every recorded change, read-only, for programme administrators.

Every service writes its change through django-simple-history: one history row per changed row,
naming who (``history_user``), when (``history_date``), what (the row and ``history_type``), why
(``history_change_reason``) and holding the new values; the row before it holds the old ones.
This module reads those tables as one log, newest first, filterable by inspection and by user:
the tables of the models each app declares it audits (`core.audit_registry`), and no others.

Children's personal details (a case sample's name, date of birth and agency references, and the
like) are never shown here: a change to them reads "(personal details changed)".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, OuterRef, QuerySet, Subquery, Value

from core.audit_registry import AuditedModel, audited_model, audited_models
from core.history import Change, history_changes, history_kind, tracked_fields
from inspections.models import Inspection

PERSONAL_DETAILS_HIDDEN = "(personal details changed)"
# Long text is cut in the log; the full old and new text stays on the row's own history page.
VALUE_LIMIT = 300

# Fields that say nothing a reader of the log needs: timestamps repeat `history_date`.
NOISE_FIELDS = frozenset({"created_at", "modified_at"})


def _entries(audited: AuditedModel, *, inspection_id: int | None, user_id: int | None):
    # No ordering inside the parts of a UNION: the union is ordered as a whole.
    history = audited.history_model.objects.order_by()
    if inspection_id is not None:
        if audited.inspection_path is None:
            return None
        history = history.filter(**{audited.inspection_path: inspection_id})
    if user_id is not None:
        history = history.filter(history_user_id=user_id)
    inspection = (
        F(audited.inspection_path)
        if audited.inspection_path
        else Value(None, output_field=models.BigIntegerField())
    )
    return history.annotate(
        model_label=Value(audited.label, output_field=models.CharField()),
        inspection_ref_id=inspection,
    ).values(
        "history_id",
        "history_date",
        "history_type",
        "history_user_id",
        "model_label",
        "inspection_ref_id",
    )


def audit_entries(*, inspection: Inspection | None = None, user=None) -> QuerySet:
    """Every history row of the audited models, newest first, as one query (UNION ALL)."""
    parts = [
        qs
        for audited in audited_models()
        if (
            qs := _entries(
                audited,
                inspection_id=inspection.pk if inspection else None,
                user_id=user.pk if user else None,
            )
        )
        is not None
    ]
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


@dataclass
class AuditEvent:
    when: Any
    what: str
    object_id: int
    action: str
    reason: str
    user: Any
    inspection: Inspection | None
    changes: list[Change] = field(default_factory=list)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    text = str(value)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def _fields(audited: AuditedModel) -> list[models.Field]:
    return [f for f in tracked_fields(audited.history_model) if f.name not in NOISE_FIELDS]


def _changes(
    audited: AuditedModel,
    record,
    previous,
    related: dict[tuple[type[models.Model], Any], str],
) -> list[Change]:
    fields = {f.name: f for f in _fields(audited)}

    def shown(name: str, value: Any) -> str:
        # People, inspectorates, areas... by name, not by id.
        if fields[name].is_relation:
            value = related.get((fields[name].related_model, value), value)
        return _shown(value)

    return history_changes(
        record,
        previous,
        fields=fields,
        shown=shown,
        hidden=audited.personal_fields,
        hidden_text=PERSONAL_DETAILS_HIDDEN,
    )


def audit_events(rows: list[dict]) -> list[AuditEvent]:
    """The page's rows with who, what and the old and new values: a fixed number of queries
    per kind of row on the page, whatever the size of the log."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_label[row["model_label"]].append(row["history_id"])
    records: dict[tuple[str, int], Any] = {}
    previous: dict[tuple[str, int], Any] = {}
    for label, ids in by_label.items():
        history_model = audited_model(label).history_model
        pk_name = audited_model(label).model._meta.pk.attname
        before = history_model.objects.filter(
            **{pk_name: OuterRef(pk_name)}, history_date__lt=OuterRef("history_date")
        ).order_by("-history_date", "-history_id")
        found = list(
            history_model.objects.filter(history_id__in=ids).annotate(
                previous_id=Subquery(before.values("history_id")[:1])
            )
        )
        earlier = {
            r.history_id: r
            for r in history_model.objects.filter(
                history_id__in=[r.previous_id for r in found if r.previous_id]
            )
        }
        for record in found:
            records[(label, record.history_id)] = record
            previous[(label, record.history_id)] = earlier.get(record.previous_id)

    # Related rows named in the changes (people, inspectorates, areas...), one query per model.
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for (label, _), record in records.items():
        audited = audited_model(label)
        for model_field in _fields(audited):
            if model_field.is_relation and model_field.name not in audited.personal_fields:
                for source in (record, previous[(label, record.history_id)]):
                    if source is not None and getattr(source, model_field.attname) is not None:
                        wanted[model_field.related_model].add(getattr(source, model_field.attname))
    wanted[get_user_model()].update(r["history_user_id"] for r in rows if r["history_user_id"])
    related: dict[tuple[type[models.Model], Any], str] = {}
    users = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            related[(model, obj.pk)] = str(obj)
            if model is get_user_model():
                users[obj.pk] = obj
    inspections = Inspection.objects.in_bulk(
        {r["inspection_ref_id"] for r in rows if r["inspection_ref_id"]}
    )

    events = []
    for row in rows:
        label = row["model_label"]
        audited = audited_model(label)
        record = records[(label, row["history_id"])]
        events.append(
            AuditEvent(
                when=record.history_date,
                what=audited.name,
                object_id=getattr(record, audited.model._meta.pk.attname),
                action=history_kind(record),
                reason=record.history_change_reason or "",
                user=users.get(record.history_user_id),
                inspection=inspections.get(row["inspection_ref_id"]),
                changes=_changes(audited, record, previous[(label, record.history_id)], related),
            )
        )
    return events
