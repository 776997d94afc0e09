"""Changes read from history rows (django-simple-history): what a row's record changed, field by
field, old value and new, as a reader sees them.

Every page that shows history (the audit log, a judgement's or a piece of evidence's history, a
shared text's history) turns records into `Change`s here; each caller says which fields it
shows, what it calls them and how it writes their values.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst

HISTORY_KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}

# A value that says nothing was there: a creation does not list the fields it left empty.
_EMPTY: tuple = (None, "", (), [], {})


@dataclass(frozen=True)
class Change:
    """One field of one record: its label, and the values before and after, written out."""

    label: str
    old: str
    new: str


def history_kind(record: models.Model) -> str:
    """What the record did to its row: "Created", "Changed" or "Deleted"."""
    return HISTORY_KINDS.get(record.history_type, record.history_type)


def tracked_fields(history_model: type[models.Model]) -> list[models.Field]:
    """The row's own fields its history holds (not its id, nor the history's bookkeeping)."""
    tracked = {f.name for f in history_model.tracked_fields if not f.primary_key}
    return [f for f in history_model._meta.concrete_fields if f.name in tracked]


def _many_to_many(record: models.Model) -> dict[str, models.ManyToManyField]:
    return {f.name: f for f in getattr(record, "_history_m2m_fields", ())}


def field_value(record: models.Model, name: str) -> Any:
    """The record's value of a field: a foreign key's id; a many-to-many field's ids, in order.

    A many-to-many value is read from its history table (one query), as it was at the record.
    """
    many = _many_to_many(record).get(name)
    if many is not None:
        target = many.m2m_reverse_field_name()
        return tuple(getattr(record, name).values_list(target, flat=True).order_by("pk"))
    return getattr(record, record._meta.get_field(name).attname)


def linked_ids(records: Sequence[models.Model], name: str) -> set:
    """Every id a many-to-many field linked at any of these records of one row, in one query:
    what a page must name before it writes the changes out."""
    if not records:
        return set()
    manager = getattr(records[0], name)
    target = _many_to_many(records[0])[name].m2m_reverse_field_name()
    return set(
        manager.model.objects.filter(history__in=[r.pk for r in records]).values_list(
            target, flat=True
        )
    )


def _written(value: Any) -> str:
    return "" if value in _EMPTY else str(value)


def history_changes(
    record: models.Model,
    previous: models.Model | None,
    *,
    fields: Iterable[str] | None = None,
    labels: Mapping[str, str] | None = None,
    shown: Callable[[str, Any], str] = lambda name, value: _written(value),
    hidden: Collection[str] = (),
    hidden_text: str = "",
) -> list[Change]:
    """What `record` changed, against `previous` (the same row's record before it; None for the
    first), one `Change` per field whose value differs, in the order of `fields`.

    - `fields`: the field names to compare (default: every field the history holds but the id);
      many-to-many fields tracked by the history are compared as sets of ids.
    - `labels`: what to call a field (default: its verbose name).
    - `shown(name, value)` writes a value; for a many-to-many field it is given the ids removed
      (old) and the ids added (new), so a reader sees what was linked or unlinked.
    - `hidden`: fields whose values are never shown (children's personal details): a change to
      one reads `hidden_text`.

    A creation lists the fields it gave a value (old is blank); a deletion lists the values the
    row had (new is blank).
    """
    names: Sequence[str] = (
        list(fields) if fields is not None else [f.name for f in tracked_fields(type(record))]
    )
    labels = labels or {}
    deleted = record.history_type == "-"
    many = _many_to_many(record)
    changes = []
    for name in names:
        new = field_value(record, name)
        old = field_value(previous, name) if previous is not None else None
        if deleted:
            old, new = new, None
        if previous is not None and not deleted and _same(old, new):
            continue
        if previous is None and not deleted and new in _EMPTY:
            continue
        label = labels.get(name) or _verbose_name(record, name)
        if name in hidden:
            changes.append(Change(label, "", hidden_text))
        elif name in many:
            before, after = old or (), new or ()
            changes.append(
                Change(
                    label,
                    shown(name, [pk for pk in before if pk not in after]),
                    shown(name, [pk for pk in after if pk not in before]),
                )
            )
        elif deleted:
            changes.append(Change(label, shown(name, old), ""))
        elif previous is None:
            changes.append(Change(label, "", shown(name, new)))
        else:
            changes.append(Change(label, shown(name, old), shown(name, new)))
    return changes


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, tuple) and isinstance(new, tuple):
        return set(old) == set(new)
    return old == new


def _verbose_name(record: models.Model, name: str) -> str:
    many = _many_to_many(record).get(name)
    field = many if many is not None else record._meta.get_field(name)
    return capfirst(str(field.verbose_name))
