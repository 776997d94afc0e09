"""What goes into the joint report, gathered once from the inspection in a fixed number of queries.

`report_content` is the only reader of judgements, shared text, team and evidence for the report;
the template renders what it returns, and its digest tells publication whether a rendered version
is still what the inspection says.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from dataclasses import dataclass

from django.db.models import Count, F, Q

from core.text import display_name
from inspections.models import CaseTracking, Inspection, TeamMember
from inspections.selectors import partner_bodies
from inspectorates.frameworks import CHILDRENS_SOCIAL_CARE, FrameworkVersion, Mode
from inspectorates.models import Inspectorate
from inspectorates.registry import services_inspected
from judgements.models import Evidence, EvidenceSource, Judgement
from lscb.models import SharedTextKind, SharedTextVersion
from narrative.selectors import LetterContent, letter_content
from referrals.selectors import referral_count
from reports.models import ReportJudgement, ReportVersion


@dataclass(frozen=True)
class JudgementEntry:
    area_code: str
    area_title: str
    parent_title: str
    graded: bool
    grade: str
    grade_label: str
    descriptor: str
    rationale: str
    strengths: str
    areas_for_improvement: str
    recommendations: str
    # Which scale the grade is on (DESIGN rule 15): one scale's "good" is not another's.
    scale_code: str = ""
    scale_name: str = ""

    @property
    def anchor(self) -> str:
        return self.area_code.replace("_", "-")


@dataclass(frozen=True)
class InspectorateSection:
    code: str
    name: str
    services_inspected: tuple[str, ...]
    judgements: tuple[JudgementEntry, ...]

    @property
    def anchor(self) -> str:
        return "inspectorate-" + self.code.replace("_", "-")


@dataclass(frozen=True)
class SharedEntry:
    grade: str
    grade_label: str
    body: str
    improvements: str


@dataclass(frozen=True)
class GradeMeaning:
    inspectorate_name: str
    area_title: str
    descriptors: tuple[tuple[str, str], ...]
    scale_name: str = ""

    @property
    def caption(self) -> str:
        scale = f" ({self.scale_name[:1].lower()}{self.scale_name[1:]})" if self.scale_name else ""
        return f"{self.inspectorate_name}: {self.area_title}{scale}"


@dataclass(frozen=True)
class ScaleUsed:
    name: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class TeamEntry:
    name: str
    inspectorate_name: str
    role: str


@dataclass(frozen=True)
class ReportContent:
    reference: str
    area_name: str
    region: str
    kind_label: str
    framework_title: str
    framework_notice: str
    graded: bool
    window_start: datetime.date
    window_end: datetime.date
    window_days: int
    inspectorates: tuple[InspectorateSection, ...]
    lscb: SharedEntry | None
    key_findings: SharedEntry | None
    grades: tuple[tuple[str, str], ...]
    grade_meanings: tuple[GradeMeaning, ...]
    team: tuple[TeamEntry, ...]
    evidence_counts: tuple[tuple[str, int], ...]
    evidence_total: int
    cases_tracked: int
    cases_sampled: int
    # Children referred to a local agency during fieldwork: a number only (DESIGN rule 13).
    referrals_made: int
    # The scale of the shared LSCB judgement: the framework version's own (DESIGN rule 15).
    lscb_scale_name: str = ""
    # A narrative inspection's joint letter (DESIGN rule 16), printed by its own template.
    letter: LetterContent | None = None

    @property
    def title(self) -> str:
        if self.letter is not None:
            return f"Joint targeted area inspection of {self.area_name}: {self.letter.theme_title}"
        return f"Joint inspection of services for children in {self.area_name}"

    @property
    def inspectorate_names(self) -> list[str]:
        return [section.name for section in self.inspectorates]

    @property
    def kind_phrase(self) -> str:
        """'an integrated inspection', 'a joint child protection inspection': the kind in a
        sentence, with the article its first sound takes."""
        label = self.kind_label[:1].lower() + self.kind_label[1:]
        article = "an" if label[:1] in "aeiou" else "a"
        return f"{article} {label}"

    @property
    def scales_used(self) -> list[ScaleUsed]:
        """Each scale the report's grades are on, once, with its grades best first."""
        scales: dict[str, ScaleUsed] = {}
        for meaning in self.grade_meanings:
            scales.setdefault(
                meaning.scale_name,
                ScaleUsed(
                    name=meaning.scale_name,
                    labels=tuple(label for label, _ in meaning.descriptors),
                ),
            )
        return list(scales.values())

    @property
    def cases_total(self) -> int:
        return self.cases_tracked + self.cases_sampled

    def digest(self) -> str:
        """A fingerprint of everything printed: a change anywhere makes a rendered version stale.

        Statuses are not printed, so agreeing or reopening alone does not change it.
        """
        payload = json.dumps(dataclasses.asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


def _services_inspected(
    inspection: Inspection, bodies: dict[str, list[str]], code: str
) -> tuple[str, ...]:
    """The area's services an inspectorate's findings are about: its partner bodies of the kinds
    the inspectorate inspects (`bodies`: names by kind), or the authority's own social care."""
    names: list[str] = []
    for kind in services_inspected(code):
        if kind == CHILDRENS_SOCIAL_CARE:
            names.append(f"{inspection.local_authority.name} children's social care")
        else:
            names.extend(bodies.get(kind, []))
    return tuple(names)


def _shared_entry(version: SharedTextVersion | None, scale) -> SharedEntry | None:
    if version is None:
        return None
    return SharedEntry(
        grade=version.grade,
        grade_label=scale.label(version.grade) if version.grade else "",
        body=version.body,
        improvements=version.improvements,
    )


def grade_meanings(
    framework: FrameworkVersion, inspectorates: list[tuple[str, str]]
) -> tuple[GradeMeaning, ...]:
    """What the grades mean, for the areas the report's inspectorates (code, name) judge: each
    area's descriptors once, on its own scale (DESIGN rule 15). A scale no judgement in the
    report uses is not printed, so it adds nothing to the report's length."""
    meanings = []
    for code, name in inspectorates:
        for area in framework.for_inspectorate(code).areas:
            if not (framework.is_graded(area) and area.descriptors):
                continue
            scale = framework.scale_for(code, area)
            meanings.append(
                GradeMeaning(
                    inspectorate_name=name,
                    area_title=area.title,
                    descriptors=tuple(
                        (grade.label, area.descriptor(grade.code)) for grade in scale.grades
                    ),
                    scale_name=scale.name,
                )
            )
    return tuple(meanings)


def report_content(*, inspection: Inspection) -> ReportContent:
    """Everything the report prints, read in a fixed number of queries."""
    inspection = Inspection.objects.select_related("local_authority").get(pk=inspection.pk)
    framework = inspection.framework
    scale = framework.grade_scale
    participations = list(inspection.participations.select_related("inspectorate"))
    bodies: dict[str, list[str]] = {}
    for body in partner_bodies(inspection.local_authority):
        bodies.setdefault(body.kind, []).append(body.name)
    judgements = {
        (j.inspectorate.code, j.area_code): j
        for j in Judgement.objects.filter(inspection=inspection).select_related("inspectorate")
    }
    sections = []
    for participation in participations:
        inspectorate = participation.inspectorate
        areas = framework.for_inspectorate(inspectorate.code).areas
        titles = {area.code: area.title for area in areas}
        entries = []
        for area in areas:
            judgement = judgements.get((inspectorate.code, area.code))
            grade = judgement.grade if judgement else ""
            area_scale = framework.scale_for(inspectorate.code, area)
            entries.append(
                JudgementEntry(
                    area_code=area.code,
                    area_title=area.title,
                    parent_title=titles.get(area.parent, "") if area.parent else "",
                    graded=area.graded,
                    grade=grade,
                    grade_label=area_scale.label(grade) if grade else "",
                    descriptor=area.descriptor(grade) if grade else "",
                    rationale=judgement.rationale if judgement else "",
                    strengths=judgement.strengths if judgement else "",
                    areas_for_improvement=judgement.areas_for_improvement if judgement else "",
                    recommendations=judgement.recommendations if judgement else "",
                    scale_code=area_scale.code,
                    scale_name=area_scale.name,
                )
            )
        sections.append(
            InspectorateSection(
                code=inspectorate.code,
                name=framework.inspectorate_name(inspectorate.code),
                services_inspected=_services_inspected(inspection, bodies, inspectorate.code),
                judgements=tuple(entries),
            )
        )
    shared = {
        version.shared_text.kind: version
        for version in SharedTextVersion.objects.filter(
            shared_text__inspection=inspection, number=F("shared_text__current_version")
        ).select_related("shared_text")
    }
    team = tuple(
        TeamEntry(
            name=display_name(member.user),
            inspectorate_name=framework.inspectorate_name(member.inspectorate.code),
            role=member.get_role_display(),
        )
        for member in TeamMember.objects.filter(inspection=inspection).select_related(
            "user", "inspectorate"
        )
    )
    by_source = dict(
        Evidence.objects.filter(inspection=inspection)
        .values_list("source")
        .annotate(n=Count("id"))
        .order_by()
    )
    evidence_counts = tuple(
        (source.label, by_source[source.value])
        for source in EvidenceSource
        if by_source.get(source.value)
    )
    cases = inspection.case_samples.aggregate(
        tracked=Count("id", filter=Q(tracking=CaseTracking.TRACKED)),
        sampled=Count("id", filter=Q(tracking=CaseTracking.SAMPLED)),
    )
    area = inspection.local_authority
    return ReportContent(
        reference=inspection.reference,
        area_name=area.name,
        region=area.get_region_display(),
        kind_label=inspection.get_kind_display(),
        framework_title=framework.title,
        framework_notice=framework.notice,
        graded=framework.mode == Mode.GRADED,
        window_start=inspection.window_start,
        window_end=inspection.window_end,
        window_days=inspection.window_days,
        inspectorates=tuple(sections),
        # The looked after children kind has no shared LSCB judgement (DESIGN section 1).
        lscb=(
            _shared_entry(shared.get(SharedTextKind.LSCB_JUDGEMENT), scale)
            if framework.shared_lscb_judgement
            else None
        ),
        key_findings=_shared_entry(shared.get(SharedTextKind.KEY_FINDINGS), scale),
        grades=tuple(scale.choices()),
        grade_meanings=grade_meanings(
            framework,
            [
                (p.inspectorate.code, framework.inspectorate_name(p.inspectorate.code))
                for p in participations
            ],
        ),
        team=team,
        evidence_counts=evidence_counts,
        evidence_total=sum(by_source.values()),
        cases_tracked=cases["tracked"],
        cases_sampled=cases["sampled"],
        referrals_made=referral_count(inspection),
        lscb_scale_name=scale.name,
        letter=letter_content(inspection=inspection) if framework.mode == Mode.NARRATIVE else None,
    )


def report_judgement_rows(
    *, version: ReportVersion, content: ReportContent
) -> list[ReportJudgement]:
    """The version's judgements as unsaved `ReportJudgement` rows, in the report's order: the
    published figures search and the feed read without opening the PDF."""
    inspectorates = {i.code: i for i in Inspectorate.objects.all()}
    rows = []
    for section in content.inspectorates:
        for entry in section.judgements:
            rows.append(
                ReportJudgement(
                    version=version,
                    inspectorate=inspectorates[section.code],
                    area_code=entry.area_code,
                    area_title=entry.area_title,
                    grade=entry.grade,
                    grade_label=entry.grade_label,
                    position=len(rows),
                )
            )
    if content.lscb is not None:
        rows.append(
            ReportJudgement(
                version=version,
                inspectorate=None,
                area_code="lscb",
                area_title="Local Safeguarding Children Board",
                grade=content.lscb.grade,
                grade_label=content.lscb.grade_label,
                position=len(rows),
            )
        )
    return rows
