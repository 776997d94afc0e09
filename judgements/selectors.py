"""Reads of evidence and judgements that views share.

Each runs a fixed number of queries however much evidence there is: counts are aggregated in
the database and related rows are fetched with `select_related` / `prefetch_related`.
Case samples are only ever read here by their internal reference: the children's personal
details stay on the team's case sample pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet

from inspections.models import CaseSample, Inspection, TeamMember
from inspectorates.frameworks import InspectorateFramework, JudgementArea
from inspectorates.models import Inspectorate
from judgements.models import Evidence, EvidenceArea, Judgement, JudgementStatus

# --- Workspace and coverage --------------------------------------------------------------------


@dataclass
class AreaRow:
    """One judgement area of one inspectorate, with its evidence count and judgement."""

    area: JudgementArea
    evidence_count: int
    judgement: Judgement | None
    graded: bool

    @property
    def is_sub_judgement(self) -> bool:
        return self.area.parent is not None

    @property
    def status(self) -> str:
        return self.judgement.status if self.judgement else ""


@dataclass
class InspectorateProgress:
    """One inspectorate's work on the inspection: each of its areas, evidence and judgement.

    (The published report's section for an inspectorate is `reports.content.InspectorateSection`.)
    """

    inspectorate: Inspectorate
    lead: AbstractBaseUser | None
    framework: InspectorateFramework
    rows: list[AreaRow]
    evidence_total: int
    unlinked_evidence: list[Evidence] = field(default_factory=list)

    @property
    def areas_without_evidence(self) -> list[AreaRow]:
        return [row for row in self.rows if not row.evidence_count]

    @property
    def judgements_in_draft(self) -> list[AreaRow]:
        """Areas whose judgement is not yet submitted, including ones not yet started."""
        return [row for row in self.rows if row.status in ("", JudgementStatus.DRAFT)]

    @property
    def agreed_count(self) -> int:
        return sum(1 for row in self.rows if row.status == JudgementStatus.AGREED)


def _in_display_order(framework: InspectorateFramework) -> list[JudgementArea]:
    """Framework order, with each sub-judgement straight after the area it sits under."""
    children: dict[str, list[JudgementArea]] = defaultdict(list)
    for area in framework.areas:
        if area.parent:
            children[area.parent].append(area)
    ordered = []
    for area in framework.areas:
        if not area.parent:
            ordered.append(area)
            ordered.extend(children[area.code])
    return ordered


def workspace_for_inspection(*, inspection: Inspection) -> list[InspectorateProgress]:
    """Every participating inspectorate's areas, evidence counts and judgements: four queries."""
    framework = inspection.framework
    participations = list(inspection.participations.select_related("inspectorate", "lead"))
    judgements: dict[tuple[int, str], Judgement] = {}
    for judgement in Judgement.objects.filter(inspection=inspection).select_related(
        "last_edited_by"
    ):
        judgement.inspection = inspection
        judgements[(judgement.inspectorate_id, judgement.area_code)] = judgement
    per_area = {
        (row["inspectorate_id"], row["area_code"]): row["count"]
        for row in EvidenceArea.objects.filter(inspection=inspection)
        .values("inspectorate_id", "area_code")
        .annotate(count=Count("*"))
        .order_by()
    }
    totals = dict(
        Evidence.objects.filter(inspection=inspection)
        .values("inspectorate_id")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("inspectorate_id", "count")
    )
    sections = []
    for participation in participations:
        inspectorate = participation.inspectorate
        if inspectorate.code not in framework.inspectorates:
            continue
        own = framework.for_inspectorate(inspectorate.code)
        rows = []
        for area in _in_display_order(own):
            judgement = judgements.get((inspectorate.pk, area.code))
            if judgement is not None:
                judgement.inspectorate = inspectorate
            rows.append(
                AreaRow(
                    area=area,
                    evidence_count=per_area.get((inspectorate.pk, area.code), 0),
                    judgement=judgement,
                    graded=framework.is_graded(area),
                )
            )
        sections.append(
            InspectorateProgress(
                inspectorate=inspectorate,
                lead=participation.lead,
                framework=own,
                rows=rows,
                evidence_total=totals.get(inspectorate.pk, 0),
            )
        )
    return sections


def areas_not_agreed(*, inspection: Inspection) -> list[tuple[Inspectorate, JudgementArea]]:
    """Areas of participating inspectorates without an agreed judgement; a missing one counts.

    Empty means every judgement is agreed, one of the conditions for publication.
    """
    return [
        (section.inspectorate, row.area)
        for section in workspace_for_inspection(inspection=inspection)
        for row in section.rows
        if row.status != JudgementStatus.AGREED
    ]


def coverage_for_inspection(*, inspection: Inspection) -> list[InspectorateProgress]:
    """The workspace, plus each inspectorate's evidence that supports no judgement yet."""
    sections = workspace_for_inspection(inspection=inspection)
    unlinked = evidence_for_inspection(inspection=inspection).filter(judgements__isnull=True)
    by_inspectorate: dict[int, list[Evidence]] = defaultdict(list)
    for item in with_area_titles(unlinked, inspection=inspection):
        by_inspectorate[item.inspectorate_id].append(item)
    for section in sections:
        section.unlinked_evidence = by_inspectorate.get(section.inspectorate.pk, [])
    return sections


# --- Evidence ----------------------------------------------------------------------------------


def evidence_for_inspection(
    *,
    inspection: Inspection,
    inspectorate_code: str = "",
    area_code: str = "",
    source: str = "",
    author_id: int | None = None,
) -> QuerySet[Evidence]:
    """The inspection's evidence, newest first, optionally filtered; three queries when read."""
    evidence = (
        Evidence.objects.filter(inspection=inspection)
        .select_related("inspectorate", "author")
        .prefetch_related(
            Prefetch("areas", queryset=EvidenceArea.objects.order_by("id")),
            # Only the internal reference: personal details never leave the case sample pages.
            Prefetch(
                "case_samples",
                queryset=CaseSample.objects.only("id", "inspection_id", "internal_reference"),
            ),
        )
    )
    if inspectorate_code:
        evidence = evidence.filter(inspectorate__code=inspectorate_code)
    if area_code:
        evidence = evidence.filter(areas__area_code=area_code)
    if source:
        evidence = evidence.filter(source=source)
    if author_id:
        evidence = evidence.filter(author_id=author_id)
    return evidence


def with_area_titles(items: Iterable[Evidence], *, inspection: Inspection) -> list[Evidence]:
    """Give each item `area_list`: the judgement areas it informs, from the framework."""
    framework = inspection.framework
    result = []
    for item in items:
        own = framework.inspectorates.get(item.inspectorate.code)
        item.area_list = [
            own.area(area.area_code)
            for area in item.areas.all()
            if own and area.area_code in own.area_codes
        ]
        result.append(item)
    return result


def evidence_authors(*, inspection: Inspection) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(evidence__inspection=inspection)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def evidence_get(*, inspection: Inspection, pk: int) -> Evidence | None:
    """One piece of evidence with the judgements it supports; None if not on this inspection."""
    item = (
        evidence_for_inspection(inspection=inspection)
        .prefetch_related(
            Prefetch(
                "judgements",
                queryset=Judgement.objects.only("id", "inspectorate_id", "area_code", "status"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if item is None:
        return None
    return with_area_titles([item], inspection=inspection)[0]


def evidence_choices_for_judgement(
    *,
    inspection: Inspection,
    inspectorate: Inspectorate,
    area_code: str,
    judgement: Judgement | None,
) -> list[Evidence]:
    """The inspectorate's evidence that informs this area, and whatever is linked already."""
    informs = Q(areas__area_code=area_code)
    if judgement is not None:
        informs |= Q(judgements=judgement)
    return list(
        Evidence.objects.filter(inspection=inspection, inspectorate=inspectorate)
        .filter(informs)
        .distinct()
        .select_related("author")
        .prefetch_related(
            Prefetch("case_samples", queryset=CaseSample.objects.only("id", "internal_reference"))
        )
    )


# --- Judgements --------------------------------------------------------------------------------


def judgement_for_area(
    *, inspection: Inspection, inspectorate: Inspectorate, area_code: str
) -> Judgement | None:
    judgement = (
        Judgement.objects.filter(
            inspection=inspection, inspectorate=inspectorate, area_code=area_code
        )
        .select_related("last_edited_by", "agreed_by")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("author").prefetch_related(
                    Prefetch(
                        "case_samples",
                        queryset=CaseSample.objects.only("id", "internal_reference"),
                    )
                ),
            )
        )
        .first()
    )
    if judgement is not None:
        judgement.inspection = inspection
        judgement.inspectorate = inspectorate
    return judgement


def judgement_as_of(*, judgement: Judgement, version: int) -> Judgement | None:
    """The judgement as it stood at `version`, linked evidence included; None if never was."""
    record = (
        judgement.history.filter(version=version)
        .select_related("last_edited_by")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None
    seen = record.instance
    seen.inspection, seen.inspectorate = judgement.inspection, judgement.inspectorate
    seen.last_edited_by = record.last_edited_by
    linked = [link.evidence_id for link in record.evidence.all()]
    # The links as they were then, not as they are now.
    seen._prefetched_objects_cache = {
        "evidence": Evidence.objects.filter(pk__in=linked)
        .select_related("author")
        .prefetch_related("case_samples")
    }
    return seen


# --- Team --------------------------------------------------------------------------------------


def team_inspectorate(*, user: AbstractBaseUser, inspection: Inspection) -> Inspectorate | None:
    """The inspectorate the user is on this inspection's team for: the one they write for."""
    member = (
        TeamMember.objects.select_related("inspectorate")
        .filter(inspection=inspection, user_id=user.pk)
        .first()
    )
    return member.inspectorate if member else None
