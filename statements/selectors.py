"""Reads of the written statement of action, each in a fixed number of queries.

A statement is owed (DESIGN rule 12) when an inspection's report is public and any judgement
printed in the report the public reads now has one of the grades its framework names
(`statement_of_action_grades`, e.g. inadequate). It is due a number of working days
(`statement_of_action_working_days`) after the report was first published, counted on England's
working days: a correction later changes what is owed, never the date it was due from.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.working_days import add_working_days
from inspections.models import AreaContact, Inspection, PartnerBody
from reports.models import Publication, ReportJudgement
from reports.selectors import publications_visible
from statements.models import StatementAction, StatementOfAction


@dataclass(frozen=True)
class OwedStatement:
    """An inspection whose area owes a written statement of action, and what is known of it."""

    inspection: Inspection
    first_published_on: datetime.date
    due_on: datetime.date
    # The judgements that make it owed, as printed: "Overall effectiveness: Inadequate".
    reasons: tuple[str, ...]
    statement: StatementOfAction | None = None
    actions: tuple[StatementAction, ...] = field(default=())

    @property
    def is_received(self) -> bool:
        return self.statement is not None

    def is_overdue(self, *, today: datetime.date) -> bool:
        return self.statement is None and self.due_on < today

    def days_overdue(self, *, today: datetime.date) -> int:
        return max((today - self.due_on).days, 0)

    def overdue_actions(self, *, today: datetime.date) -> list[StatementAction]:
        return [action for action in self.actions if action.is_overdue(today=today)]


def today() -> datetime.date:
    return timezone.localdate()


def _reasons(inspection: Inspection, judgements: Iterable[ReportJudgement]) -> tuple[str, ...]:
    grades = inspection.framework.statement_of_action_grades
    return tuple(
        f"{judgement.area_title}: {judgement.grade_label}"
        for judgement in judgements
        if judgement.grade in grades
    )


def _owed(publications: list[Publication], statements: dict[int, StatementOfAction]):
    """From visible publications (oldest first), each owed statement, in order of due date."""
    by_inspection: dict[int, list[Publication]] = {}
    for publication in publications:
        by_inspection.setdefault(publication.inspection_id, []).append(publication)
    owed = []
    for versions in by_inspection.values():
        first, current = versions[0], versions[-1]
        inspection = first.inspection
        reasons = _reasons(inspection, current.report_version.judgements.all())
        if not reasons:
            continue
        published_on = timezone.localdate(first.publish_at)
        days = inspection.framework.statement_of_action_working_days
        statement = statements.get(inspection.pk)
        owed.append(
            OwedStatement(
                inspection=inspection,
                first_published_on=published_on,
                due_on=add_working_days(published_on, days),
                reasons=reasons,
                statement=statement,
                actions=tuple(statement.actions.all()) if statement else (),
            )
        )
    return sorted(owed, key=lambda item: (item.due_on, item.inspection.reference))


def _visible(inspections: QuerySet[Inspection] | None) -> list[Publication]:
    publications = publications_visible(now=timezone.now())
    if inspections is not None:
        publications = publications.filter(inspection__in=inspections)
    return list(
        publications.select_related("inspection__local_authority", "report_version")
        .defer("report_version__body_html", "report_version__stages")
        .prefetch_related("report_version__judgements")
        .order_by("publish_at", "pk")
    )


def _statements(inspection_ids: Iterable[int]) -> dict[int, StatementOfAction]:
    statements = StatementOfAction.objects.filter(inspection__in=list(inspection_ids))
    statements = statements.prefetch_related(
        Prefetch("actions", queryset=StatementAction.objects.select_related("owner"))
    )
    return {statement.inspection_id: statement for statement in statements}


def statements_owed() -> list[OwedStatement]:
    """Every statement owed, received or not, soonest due first (four queries)."""
    publications = _visible(None)
    ids = {publication.inspection_id for publication in publications}
    return _owed(publications, _statements(ids))


def statement_owed(*, inspection: Inspection) -> OwedStatement | None:
    """The statement this inspection's area owes, or None when it owes none (yet)."""
    publications = _visible(Inspection.objects.filter(pk=inspection.pk))
    owed = _owed(publications, _statements([inspection.pk]))
    return owed[0] if owed else None


@dataclass(frozen=True)
class OverdueStatement:
    owed: OwedStatement
    days_overdue: int


@dataclass(frozen=True)
class OverdueAction:
    owed: OwedStatement
    action: StatementAction
    days_overdue: int


@dataclass(frozen=True)
class Overdue:
    statements: list[OverdueStatement]
    actions: list[OverdueAction]

    @property
    def is_empty(self) -> bool:
        return not (self.statements or self.actions)


def overdue(*, on: datetime.date | None = None) -> Overdue:
    """Statements owed and not received past their due date, and actions past theirs, not done;
    with how many days each is overdue (calendar days after the due date)."""
    day = on or today()
    owed = statements_owed()
    actions = [
        OverdueAction(owed=item, action=action, days_overdue=(day - action.due_on).days)
        for item in owed
        for action in item.overdue_actions(today=day)
    ]
    actions.sort(key=lambda entry: (entry.action.due_on, entry.owed.inspection.reference))
    return Overdue(
        statements=[
            OverdueStatement(owed=item, days_overdue=item.days_overdue(today=day))
            for item in owed
            if item.is_overdue(today=day)
        ],
        actions=actions,
    )


def inspection_get(*, reference: str) -> Inspection:
    return get_object_or_404(
        Inspection.objects.select_related("local_authority"), reference=reference
    )


def statement_get(*, inspection: Inspection) -> StatementOfAction:
    """The statement received for this inspection; 404 before it is received."""
    statement = StatementOfAction.objects.filter(inspection=inspection).first()
    if statement is None:
        raise Http404("No statement received.")
    return statement


def partner_bodies(*, inspection: Inspection) -> QuerySet[PartnerBody]:
    """The bodies of the inspected area: the only possible owners of its actions."""
    return PartnerBody.objects.filter(local_authority_id=inspection.local_authority_id)


def contacts_to_tell(*, inspection: Inspection) -> list[AreaContact]:
    """The area's active contacts, who are told a statement is owed and reminded of it."""
    return list(
        AreaContact.objects.filter(
            partner_body__local_authority_id=inspection.local_authority_id, active=True
        )
        .select_related("partner_body")
        .order_by("partner_body__name", "name")
    )


def published_statement_for_slug(*, slug: str) -> StatementOfAction:
    """The published statement of the report at `slug`; 404 if it has none, or not yet."""
    inspection_ids = publications_visible(now=timezone.now()).filter(slug=slug)
    statement = (
        StatementOfAction.objects.filter(
            inspection__in=inspection_ids.values("inspection"),
            published_on__lte=today(),
        )
        .select_related("inspection")
        .first()
    )
    if statement is None:
        raise Http404("No published statement of action.")
    return statement


def published_statement_for_publication(
    publication: Publication,
) -> StatementOfAction | None:
    return StatementOfAction.objects.filter(
        inspection_id=publication.inspection_id, published_on__lte=today()
    ).first()
