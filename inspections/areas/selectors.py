"""Reads for the area pages, each a fixed number of queries whatever the number of areas, bodies
or changes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from core.history import Change, history_changes, history_kind
from core.text import display_name
from inspections.models import AreaContact, LocalAuthority, PartnerBody, PartnerBodyKind
from inspections.permissions import area_readable, is_programme_admin

# What the history page calls each field.
BODY_LABELS = {"kind": "Kind", "name": "Name"}
CONTACT_LABELS = {"name": "Name", "role": "Role", "email": "Email address", "active": "Drafts"}
# Fields a history entry lists; timestamps and ids say nothing a reader needs.
BODY_FIELDS = ("kind", "name")
CONTACT_FIELDS = ("name", "role", "email", "active")
# The history page shows this many of the newest changes.
HISTORY_LIMIT = 200


def areas_with_counts() -> QuerySet[LocalAuthority]:
    """Every local authority with how many partner bodies and active contacts it has: one query."""
    return LocalAuthority.objects.annotate(
        body_count=Count("partner_bodies", distinct=True),
        contact_count=Count(
            "partner_bodies__contacts",
            filter=Q(partner_bodies__contacts__active=True),
            distinct=True,
        ),
    ).order_by("name")


def area_get_for_user(*, user: AbstractBaseUser, ons_code: str) -> tuple[LocalAuthority, bool]:
    """The area and whether the user may change it; 404 for anyone who may not read it, so that
    nobody outside learns whom an inspection team is dealing with."""
    area = LocalAuthority.objects.filter(ons_code=ons_code).first()
    if area is None or not area_readable(user, area):
        raise Http404("No such area.")
    return area, is_programme_admin(user)


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    bodies: list[PartnerBody]


def bodies_by_kind(*, area: LocalAuthority) -> list[KindGroup]:
    """Every kind of partner body, in the order DESIGN rule 18 lists them, with the area's bodies
    of that kind and their contacts (active first): two queries."""
    contacts = AreaContact.objects.order_by("-active", "name", "pk")
    bodies = PartnerBody.objects.filter(local_authority=area).prefetch_related(
        Prefetch("contacts", queryset=contacts)
    )
    grouped: dict[str, list[PartnerBody]] = {kind: [] for kind in PartnerBodyKind.values}
    for body in bodies.order_by("name"):
        grouped[body.kind].append(body)
    return [KindGroup(kind, PartnerBodyKind(kind).label, grouped[kind]) for kind in grouped]


@dataclass(frozen=True)
class AreaHistoryEntry:
    when: datetime.datetime
    who: str
    kind: str  # Created, Changed, Deleted
    what: str  # "Partner body Ashdown and Weald Police"
    reason: str
    changes: list[Change]


def _shown(name: str, value: object) -> str:
    if name == "kind":
        return PartnerBodyKind(value).label if value in PartnerBodyKind.values else str(value)
    if name == "active":
        return "Receives drafts" if value else "No longer receives drafts"
    return "" if value in (None, "") else str(value)


def _entries(records: list, *, describe, fields, labels) -> list[AreaHistoryEntry]:
    """Entries of one model's history, each against the same row's record before it."""
    previous: dict[int, object] = {}
    entries = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        entries.append(
            AreaHistoryEntry(
                when=record.history_date,
                who=display_name(record.history_user) if record.history_user else "the service",
                kind=history_kind(record),
                what=describe(record),
                reason=record.history_change_reason or "",
                changes=history_changes(record, before, fields=fields, labels=labels, shown=_shown),
            )
        )
        previous[record.id] = record
    return entries


def area_history(*, area: LocalAuthority) -> list[AreaHistoryEntry]:
    """Every change to the area's partner bodies and contacts, newest first, removed bodies
    included: two queries."""
    body_records = list(
        PartnerBody.history.filter(local_authority_id=area.pk).select_related("history_user")
    )
    # Each body by its latest name, for the contacts' entries.
    body_names = {
        record.id: record.name for record in sorted(body_records, key=lambda r: r.history_date)
    }
    contact_records = list(
        AreaContact.history.filter(partner_body_id__in=body_names).select_related("history_user")
    )
    entries = _entries(
        body_records,
        describe=lambda record: f"Partner body {record.name}",
        fields=BODY_FIELDS,
        labels=BODY_LABELS,
    )
    entries += _entries(
        contact_records,
        describe=lambda record: (
            f"Contact {record.name} at {body_names.get(record.partner_body_id, 'a removed body')}"
        ),
        fields=CONTACT_FIELDS,
        labels=CONTACT_LABELS,
    )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:HISTORY_LIMIT]
