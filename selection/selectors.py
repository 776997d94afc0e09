"""Reads for area selection: policies, programme years, areas with their indicators, and the
ranked list page's data, each in a fixed number of queries whatever the number of areas.

The ranking itself is in selection.ranking, the criteria in selection.criteria and the chart in
selection.chart.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Prefetch, QuerySet

from inspections.models import CLOSED_STATUSES, Inspection, InspectionStatus, LocalAuthority
from inspectorates.registry import InspectionKind
from selection.models import (
    AreaIndicators,
    Decision,
    DecisionOutcome,
    PartnerConcern,
    ProgrammeYear,
    SelectionPolicy,
)
from selection.ranking import (
    AreaFacts,
    ConcernFact,
    ExcludedArea,
    RankedArea,
    Ranking,
    policy_rules,
    rank_areas,
)

# Kinds of inspection that count as a joint inspection of the whole area's partnership when
# measuring the time since the last one. The looked after children inspection involves Ofsted
# and CQC only, so it does not reset the clock for police, probation and the rest.
JOINT_KINDS = (InspectionKind.INTEGRATED, InspectionKind.JOINT_CHILD_PROTECTION)
# The kind the programme selects areas for: an area with one of these live is not a candidate.
SELECTED_KIND = InspectionKind.INTEGRATED


def selection_policy_current() -> SelectionPolicy | None:
    return SelectionPolicy.objects.select_related("created_by").order_by("-version").first()


def selection_policies() -> QuerySet[SelectionPolicy]:
    return SelectionPolicy.objects.select_related("created_by").order_by("-version")


def programme_years() -> QuerySet[ProgrammeYear]:
    return ProgrammeYear.objects.order_by("-year")


def areas_with_indicators() -> QuerySet[LocalAuthority]:
    """Every area, its indicators and its concerns: three queries."""
    return LocalAuthority.objects.select_related(
        "selection_indicators", "selection_indicators__updated_by"
    ).prefetch_related(
        Prefetch(
            "partner_concerns",
            queryset=PartnerConcern.objects.select_related("inspectorate", "recorded_by"),
        )
    )


def indicators_of(area: LocalAuthority) -> AreaIndicators | None:
    try:
        return area.selection_indicators
    except AreaIndicators.DoesNotExist:
        return None


def last_joint_inspections() -> dict[int, datetime.date]:
    """The end of each area's last published joint inspection held in this service."""
    rows = (
        Inspection.objects.filter(status=InspectionStatus.PUBLISHED, kind__in=JOINT_KINDS)
        .values("local_authority_id")
        .annotate(last=Max("window_end"))
    )
    return {row["local_authority_id"]: row["last"] for row in rows}


def _live_inspections() -> dict[int, str]:
    rows = (
        Inspection.objects.filter(kind=SELECTED_KIND)
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("window_start")
        .values_list("local_authority_id", "reference")
    )
    return dict(rows)


def _later(*days: datetime.date | None) -> datetime.date | None:
    known = [day for day in days if day is not None]
    return max(known) if known else None


def area_facts() -> list[AreaFacts]:
    """The facts the ranking needs for every area, in four queries."""
    joint = last_joint_inspections()
    live = _live_inspections()
    concerns: dict[int, list[ConcernFact]] = defaultdict(list)
    for concern in PartnerConcern.objects.select_related("inspectorate"):
        concerns[concern.local_authority_id].append(
            ConcernFact(inspectorate=concern.inspectorate.name, raised_on=concern.raised_on)
        )
    facts = []
    for area in LocalAuthority.objects.select_related("selection_indicators"):
        indicators = indicators_of(area) or AreaIndicators()
        facts.append(
            AreaFacts(
                pk=area.pk,
                name=area.name,
                ons_code=area.ons_code,
                ofsted_grade=indicators.ofsted_grade,
                ofsted_judged_on=indicators.ofsted_judged_on,
                last_joint_inspection_on=_later(
                    indicators.last_joint_inspection_on, joint.get(area.pk)
                ),
                re_referral_rate=indicators.re_referral_rate,
                child_protection_plan_rate=indicators.child_protection_plan_rate,
                looked_after_rate=indicators.looked_after_rate,
                concerns=tuple(concerns[area.pk]),
                live_inspection=live.get(area.pk, ""),
            )
        )
    return facts


def programme_year_ranking(*, programme_year: ProgrammeYear, policy: SelectionPolicy) -> Ranking:
    return rank_areas(
        areas=area_facts(),
        rules=policy_rules(policy),
        places=programme_year.places,
        as_of=programme_year.starts_on,
    )


@dataclass
class RankedListRow:
    area: RankedArea | ExcludedArea
    decision: Decision | None


@dataclass
class RankedList:
    programme_year: ProgrammeYear
    policy: SelectionPolicy | None
    ranking: Ranking | None
    decisions: dict[int, Decision]
    selected_count: int

    def rows(self) -> list[RankedListRow]:
        if self.ranking is None:
            return []
        return [
            RankedListRow(area=area, decision=self.decisions.get(area.facts.pk))
            for area in self.ranking.candidates
        ]

    def excluded_rows(self) -> list[RankedListRow]:
        if self.ranking is None:
            return []
        return [
            RankedListRow(area=area, decision=self.decisions.get(area.facts.pk))
            for area in self.ranking.excluded
        ]


def decisions_for_year(*, programme_year: ProgrammeYear) -> QuerySet[Decision]:
    return programme_year.decisions.select_related("decided_by", "policy", "local_authority")


def decision_of(
    *, programme_year: ProgrammeYear, local_authority: LocalAuthority
) -> Decision | None:
    """The decision held for one area in the year, if any."""
    return (
        programme_year.decisions.select_related("decided_by", "policy")
        .filter(local_authority=local_authority)
        .first()
    )


def ranked_list(*, programme_year: ProgrammeYear) -> RankedList:
    """The ranked list page's data: a fixed number of queries, whatever the number of areas."""
    policy = selection_policy_current()
    decisions = {d.local_authority_id: d for d in decisions_for_year(programme_year=programme_year)}
    ranking = (
        programme_year_ranking(programme_year=programme_year, policy=policy) if policy else None
    )
    return RankedList(
        programme_year=programme_year,
        policy=policy,
        ranking=ranking,
        decisions=decisions,
        selected_count=sum(1 for d in decisions.values() if d.outcome == DecisionOutcome.SELECTED),
    )
