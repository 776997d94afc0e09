"""Reads of shared text that views share, each a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q
from guardian.shortcuts import get_objects_for_user

from core.history import history_changes
from inspections.models import Inspection, Participation
from inspections.permissions import InspectionAccess
from inspections.selectors import participations_for_inspection
from lscb import permissions
from lscb.diff import FieldDiff, version_diff
from lscb.models import (
    KIND_SLUGS,
    SharedText,
    SharedTextKind,
    SharedTextStatus,
    SharedTextVersion,
    SignOff,
    SignOffDecision,
    kinds_for,
)
from lscb.permissions import SHARED_TEXT_STATUSES

NOT_SIGNED_BY = "{name} has not signed version {version}."
NOT_AGREED_BY = "{name} does not agree with version {version}."
NO_LEAD = "{name} has no lead for this inspection to sign off."


def grade_labeller(inspection: Inspection) -> Callable[[str], str]:
    scale = inspection.framework.grade_scale

    def label(code: str) -> str:
        return scale.label(code) if code in scale.codes else code

    return label


def shared_text_current(
    *, inspection: Inspection, kind: str
) -> tuple[SharedText | None, SharedTextVersion | None]:
    """The text of this kind and its newest version; (None, None) before the first draft."""
    shared_text = SharedText.objects.filter(inspection=inspection, kind=kind).first()
    if shared_text is None or shared_text.current_version == 0:
        return shared_text, None
    version = shared_text.versions.select_related("author").get(number=shared_text.current_version)
    return shared_text, version


def _live_on_current(shared_text: SharedText, sign_offs: list[SignOff]) -> dict[int, SignOff]:
    return {
        s.inspectorate_id: s
        for s in sign_offs
        if s.voided_at is None and s.version_number == shared_text.current_version
    }


def agreement_problems(*, shared_text: SharedText) -> list[str]:
    """Why the current version is not yet agreed by every participating inspectorate.

    Empty when every participating inspectorate's lead agrees the current version. No majority:
    one missing or "not agree" is enough to stop finalising.
    """
    participations = list(
        shared_text.inspection.participations.select_related("inspectorate", "lead")
    )
    live = _live_on_current(shared_text, list(shared_text.sign_offs.filter(voided_at=None)))
    version = shared_text.current_version
    problems = []
    for participation in participations:
        name = participation.inspectorate.name
        sign_off = live.get(participation.inspectorate_id)
        if sign_off is None:
            template = NOT_SIGNED_BY if participation.lead_id else NO_LEAD
            problems.append(template.format(name=name, version=version))
        elif sign_off.decision != SignOffDecision.AGREE:
            problems.append(NOT_AGREED_BY.format(name=name, version=version))
    return problems


# --- The shared text page ----------------------------------------------------------------------


@dataclass(frozen=True)
class SignOffRow:
    """One participating inspectorate: its lead, and its live sign-off on the current version."""

    participation: Participation
    sign_off: SignOff | None

    @property
    def inspectorate(self):
        return self.participation.inspectorate

    @property
    def agrees(self) -> bool:
        return self.sign_off is not None and self.sign_off.decision == SignOffDecision.AGREE


@dataclass(frozen=True)
class SharedTextPage:
    inspection: Inspection
    kind: str
    shared_text: SharedText | None
    version: SharedTextVersion | None
    rows: list[SignOffRow]
    # Every sign-off ever made, newest first; the void ones are the page's history section.
    sign_offs: list[SignOff] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return SharedTextKind(self.kind).label

    @property
    def slug(self) -> str:
        return KIND_SLUGS[self.kind]

    @property
    def grade_label(self) -> str:
        if self.version is None or not self.version.grade:
            return ""
        return grade_labeller(self.inspection)(self.version.grade)

    @property
    def void_sign_offs(self) -> list[SignOff]:
        return [s for s in self.sign_offs if s.voided_at is not None]

    @property
    def agreed_count(self) -> int:
        return sum(1 for row in self.rows if row.agrees)

    @property
    def still_to_sign(self) -> list[SignOffRow]:
        return [row for row in self.rows if row.sign_off is None]

    @property
    def everyone_agrees(self) -> bool:
        return bool(self.rows) and all(row.agrees for row in self.rows)

    def row_for(self, code: str) -> SignOffRow | None:
        for row in self.rows:
            if row.inspectorate.code == code:
                return row
        return None


def shared_texts_not_agreed(*, inspection: Inspection) -> set[str]:
    """The inspection's kinds of shared text not yet agreed by everyone; one not started counts."""
    agreed = set(
        SharedText.objects.filter(
            inspection=inspection, status=SharedTextStatus.AGREED
        ).values_list("kind", flat=True)
    )
    return set(kinds_for(inspection.framework)) - agreed


def shared_text_page(*, inspection: Inspection, kind: str) -> SharedTextPage:
    shared_text, version = shared_text_current(inspection=inspection, kind=kind)
    participations = list(participations_for_inspection(inspection=inspection))
    sign_offs: list[SignOff] = []
    live: dict[int, SignOff] = {}
    if shared_text is not None:
        shared_text.inspection = inspection
        sign_offs = list(
            shared_text.sign_offs.select_related("inspectorate", "signed_by").order_by(
                "-signed_at", "-pk"
            )
        )
        live = _live_on_current(shared_text, sign_offs)
    rows = [SignOffRow(p, live.get(p.inspectorate_id)) for p in participations]
    return SharedTextPage(
        inspection=inspection,
        kind=kind,
        shared_text=shared_text,
        version=version,
        rows=rows,
        sign_offs=sign_offs,
    )


@dataclass(frozen=True)
class ChangeSinceSigned:
    """What a lead must know: their sign-off went void, why, and what changed since."""

    sign_off: SignOff
    diff: list[FieldDiff]


def change_since_signed(*, page: SharedTextPage, code: str) -> ChangeSinceSigned | None:
    """For an inspectorate whose last sign-off went void, that sign-off and the text's changes.

    None while its sign-off stands, or when it never signed.
    """
    row = page.row_for(code)
    if row is None or row.sign_off is not None or page.version is None:
        return None
    last = next((s for s in page.sign_offs if s.inspectorate_id == row.inspectorate.pk), None)
    if last is None or last.voided_at is None:
        return None
    diff = changes_since(page=page, number=last.version_number)
    return ChangeSinceSigned(sign_off=last, diff=diff)


def changes_since(*, page: SharedTextPage, number: int) -> list[FieldDiff]:
    """What changed from version `number` (one a lead signed, or a page showed) to the current."""
    if page.version is None or number == page.version.number:
        return []
    seen = page.shared_text.versions.filter(number=number).first()
    return version_diff(
        seen, page.version, kind=page.kind, grade_label=grade_labeller(page.inspection)
    )


@dataclass(frozen=True)
class LeadPanel:
    """An inspectorate the user leads: its sign-off, whether they may sign now, what changed."""

    row: SignOffRow
    may_sign: bool
    change: ChangeSinceSigned | None


@dataclass(frozen=True)
class SharedTextPageForUser:
    """The shared text page as one user sees it: the text, their sign-offs, their buttons."""

    page: SharedTextPage
    leads: list[LeadPanel]
    may_edit: bool
    may_circulate: bool
    may_finalise: bool
    may_reopen: bool


def shared_text_page_for_user(*, access: InspectionAccess, kind: str) -> SharedTextPageForUser:
    page = shared_text_page(inspection=access.inspection, kind=kind)
    text = page.shared_text
    leads = [
        LeadPanel(
            row=row,
            may_sign=permissions.may_sign(access, text, row.inspectorate.code),
            change=change_since_signed(page=page, code=row.inspectorate.code),
        )
        for row in page.rows
        if access.leads(row.inspectorate.code)
    ]
    return SharedTextPageForUser(
        page=page,
        leads=leads,
        may_edit=permissions.may_edit(access, text),
        may_circulate=permissions.may_circulate(access, text),
        may_finalise=permissions.may_finalise(access, text),
        may_reopen=permissions.may_reopen(access, text),
    )


# --- Overview of both texts --------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewItem:
    kind: str
    label: str
    shared_text: SharedText | None
    agreed_count: int
    participating: int

    @property
    def slug(self) -> str:
        return KIND_SLUGS[self.kind]


def shared_texts_overview(*, inspection: Inspection) -> list[OverviewItem]:
    texts = {
        t.kind: t
        for t in inspection.shared_texts.prefetch_related(
            Prefetch("sign_offs", queryset=SignOff.objects.filter(voided_at=None), to_attr="live")
        )
    }
    participating = inspection.participations.count()
    items = []
    for kind in map(SharedTextKind, kinds_for(inspection.framework)):
        shared_text = texts.get(kind.value)
        agreed = 0
        if shared_text is not None:
            agreed = sum(
                1
                for s in shared_text.live
                if s.version_number == shared_text.current_version
                and s.decision == SignOffDecision.AGREE
            )
            shared_text.inspection = inspection
        items.append(OverviewItem(kind.value, kind.label, shared_text, agreed, participating))
    return items


# --- History ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEvent:
    when: datetime.datetime
    who: AbstractBaseUser | None
    what: str
    detail: str


def shared_text_history(*, shared_text: SharedText) -> list[HistoryEvent]:
    """Every step taken on the text and its sign-offs, newest first: who, when, what, why."""
    events = []
    previous = None
    for record in shared_text.history.select_related("history_user").order_by(
        "history_date", "history_id"
    ):
        # Its words are in versions of their own (the page's second half); its record holds
        # where it stands.
        changes = history_changes(
            record,
            previous,
            fields=["status"],
            shown=lambda _, status: SharedTextStatus(status).label,
        )
        detail = (
            "" if previous is None else "; ".join(f"{c.label}: {c.old} to {c.new}" for c in changes)
        )
        previous = record
        events.append(
            HistoryEvent(
                record.history_date,
                record.history_user,
                record.history_change_reason or "Changed",
                detail,
            )
        )
    sign_off_history = (
        SignOff.history.filter(shared_text_id=shared_text.pk)
        .select_related("history_user", "inspectorate")
        .order_by("history_date", "history_id")
    )
    for record in sign_off_history:
        name = record.inspectorate.name
        if record.history_type == "+":
            what = (
                f"{name} signed version {record.version_number}: "
                f"{SignOffDecision(record.decision).label}"
            )
            detail = record.comment
        elif record.voided_at is not None:
            what = f"{name}'s sign-off on version {record.version_number} made void"
            detail = record.void_reason
        else:
            what, detail = record.history_change_reason or f"{name}'s sign-off changed", ""
        events.append(HistoryEvent(record.history_date, record.history_user, what, detail))
    events.sort(key=lambda event: event.when, reverse=True)
    return events


@dataclass(frozen=True)
class VersionChanges:
    version: SharedTextVersion
    grade_label: str
    diff: list[FieldDiff]


def shared_text_versions(*, shared_text: SharedText) -> list[VersionChanges]:
    """Every version, newest first, with what it changed from the one before."""
    label = grade_labeller(shared_text.inspection)
    versions = list(shared_text.versions.select_related("author").order_by("number"))
    changes = []
    previous = None
    for version in versions:
        changes.append(
            VersionChanges(
                version=version,
                grade_label=label(version.grade) if version.grade else "",
                diff=version_diff(previous, version, kind=shared_text.kind, grade_label=label),
            )
        )
        previous = version
    return list(reversed(changes))


# --- What awaits a user ------------------------------------------------------------------------


class AwaitingItem(NamedTuple):
    inspection: Inspection
    shared_text: SharedText
    what: str

    @property
    def url(self) -> str:
        return self.shared_text.get_absolute_url()


def awaiting_for_user(*, user: AbstractBaseUser) -> list[AwaitingItem]:
    """Shared text waiting on this user, across their inspections, in a fixed number of queries.

    An inspectorate lead is awaited to sign circulated text for their inspectorate (again, when
    it changed since they signed); the lead inspector, to circulate a draft, to finalise text
    every inspectorate agrees, or to answer an inspectorate that does not agree.
    """
    if not (user.is_authenticated and user.is_active):
        return []
    led = list(
        get_objects_for_user(
            user, "inspections.lead", klass=Participation, accept_global_perms=False
        )
        .filter(inspection__status__in=SHARED_TEXT_STATUSES)
        .select_related("inspectorate")
    )
    led_by_inspection: dict[int, list[Participation]] = {}
    for participation in led:
        led_by_inspection.setdefault(participation.inspection_id, []).append(participation)
    texts = (
        SharedText.objects.filter(
            Q(inspection__in=list(led_by_inspection)) | Q(inspection__lead_inspector=user),
            status__in=[SharedTextStatus.DRAFT, SharedTextStatus.CIRCULATED],
            current_version__gt=0,
            inspection__status__in=SHARED_TEXT_STATUSES,
        )
        .select_related("inspection__local_authority")
        .prefetch_related(
            Prefetch(
                "sign_offs",
                queryset=SignOff.objects.filter(voided_at=None),
                to_attr="live",
            ),
            Prefetch(
                "inspection__participations",
                queryset=Participation.objects.select_related("inspectorate"),
            ),
        )
        .order_by("inspection__reference", "kind")
    )
    items: list[AwaitingItem] = []
    for text in texts:
        inspection = text.inspection
        on_current = {
            s.inspectorate_id: s for s in text.live if s.version_number == text.current_version
        }
        if inspection.lead_inspector_id == user.pk:
            items.extend(_awaiting_lead_inspector(text, on_current))
        if text.status == SharedTextStatus.CIRCULATED:
            for participation in led_by_inspection.get(inspection.pk, []):
                if participation.inspectorate_id not in on_current:
                    what = (
                        f"Sign off the {text.name} (version {text.current_version}) "
                        f"for {participation.inspectorate.name}"
                    )
                    items.append(AwaitingItem(inspection, text, what))
    return items


def _awaiting_lead_inspector(
    text: SharedText, on_current: dict[int, SignOff]
) -> list[AwaitingItem]:
    inspection = text.inspection
    if text.status == SharedTextStatus.DRAFT:
        what = f"Circulate the {text.name} (version {text.current_version}) for sign-off"
        return [AwaitingItem(inspection, text, what)]
    participations = list(inspection.participations.all())
    disagreeing = [
        p.inspectorate.name
        for p in participations
        if p.inspectorate_id in on_current
        and on_current[p.inspectorate_id].decision == SignOffDecision.NOT_AGREE
    ]
    if disagreeing:
        verb = "does" if len(disagreeing) == 1 else "do"
        what = (
            f"{_and_list(disagreeing)} {verb} not agree with version {text.current_version} "
            f"of the {text.name}"
        )
        return [AwaitingItem(inspection, text, what)]
    if participations and all(
        on_current.get(p.inspectorate_id) is not None for p in participations
    ):
        what = f"Finalise the {text.name}: every inspectorate agrees version {text.current_version}"
        return [AwaitingItem(inspection, text, what)]
    return []


def _and_list(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"
