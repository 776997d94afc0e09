"""What the programme at scale holds, as plain data: sizes, and one frozen spec per row.

`seeding.scale.plan` decides the specs; `seeding.scale.write` turns them into rows.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

KIND = "integrated"
FIRST_PROGRAMME_YEAR = 2015
PROGRAMME_YEARS = 5
# ONS codes of the scale areas: a type prefix as real codes have, then 8xxxxx.
ONS_NUMBER_BASE = 800000
SCALE_USERNAME_PREFIX = "scale."

# --- How much of everything -----------------------------------------------------------------


@dataclass(frozen=True)
class ScaleSize:
    areas: int
    published_reports: int
    live_inspections: int
    withdrawn_inspections: int
    evidence: int
    case_samples: int
    staff_per_inspectorate: int

    @property
    def inspections(self) -> int:
        return self.published_reports + self.live_inspections + self.withdrawn_inspections


FULL_SIZE = ScaleSize(
    areas=152,
    published_reports=300,
    live_inspections=20,
    withdrawn_inspections=6,
    evidence=20_000,
    case_samples=2_000,
    staff_per_inspectorate=40,
)
# The three inspections the benchmarks use (see `BenchRole`), each in an area of its own.
BENCH_INSPECTIONS = 3


def scale_size(size: float) -> ScaleSize:
    """The full programme times `size`, never so small that a benchmark inspection is missing."""
    if size <= 0:
        raise ValueError("The size factor must be positive.")

    def scaled(full: int, minimum: int) -> int:
        return max(minimum, round(full * size))

    live = scaled(FULL_SIZE.live_inspections, BENCH_INSPECTIONS)
    return ScaleSize(
        areas=scaled(FULL_SIZE.areas, live + 3),
        published_reports=scaled(FULL_SIZE.published_reports, 1),
        live_inspections=live,
        withdrawn_inspections=scaled(FULL_SIZE.withdrawn_inspections, 0),
        evidence=scaled(FULL_SIZE.evidence, 50),
        case_samples=scaled(FULL_SIZE.case_samples, 10),
        staff_per_inspectorate=scaled(FULL_SIZE.staff_per_inspectorate, 4),
    )


# --- What the programme holds, as plain data -----------------------------------------------------


class BenchRole:
    """The live inspections the benchmarks measure; the demo people are their team."""

    FIELDWORK = "bench_fieldwork"  # workspace, evidence list and sign-off page under load
    LONG = "bench_long"  # the 100-page report
    TYPICAL = "bench_typical"  # a realistic 40-page report
    ALL = (FIELDWORK, LONG, TYPICAL)


PUBLISHED = "published"
WITHDRAWN = "withdrawn"
LIVE = "live"


@dataclass(frozen=True)
class AreaSpec:
    name: str
    ons_code: str
    region: str
    # (kind, name) of each partner body: `inspections.PartnerBodyKind` values.
    partner_bodies: tuple[tuple[str, str], ...]
    ofsted_grade: str
    ofsted_judged_on: datetime.date
    re_referral_rate: Decimal
    child_protection_plan_rate: Decimal
    looked_after_rate: Decimal


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    inspectorate: str


@dataclass(frozen=True)
class CaseSpec:
    internal_reference: str
    tracking: str
    age_band: str
    child_name: str
    date_of_birth: datetime.date | None
    agency_references: str
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceSpec:
    inspectorate: str
    author: str
    observed_on: datetime.date
    source: str
    area_codes: tuple[str, ...]
    text: str
    staff_names: str
    cases: tuple[int, ...]  # positions in the inspection's cases


@dataclass(frozen=True)
class JudgementSpec:
    inspectorate: str
    area_code: str
    grade: str
    rationale: str
    strengths: str
    areas_for_improvement: str
    recommendations: str
    status: str
    author: str
    agreed_by: str
    evidence: tuple[int, ...]  # positions in the inspection's evidence


@dataclass(frozen=True)
class SignOffSpec:
    inspectorate: str
    version_number: int
    decision: str
    comment: str
    signed_by: str
    void_reason: str = ""


@dataclass(frozen=True)
class SharedVersionSpec:
    grade: str
    body: str
    improvements: str


@dataclass(frozen=True)
class SharedTextSpec:
    kind: str
    status: str
    author: str
    versions: tuple[SharedVersionSpec, ...]
    sign_offs: tuple[SignOffSpec, ...]


@dataclass(frozen=True)
class PublicationSpec:
    publish_at: datetime.datetime
    correction_note: str = ""


def team_of(
    leads: Sequence[tuple[str, str]], inspectors: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(inspectorate, username) of every member of a team, each once."""
    return list(dict.fromkeys([*leads, *inspectors]))


@dataclass(frozen=True)
class InspectionSpec:
    role: str
    area: int
    window_start: datetime.date
    window_end: datetime.date
    status: str
    inspectorates: tuple[str, ...]
    lead_inspector: str
    leads: tuple[tuple[str, str], ...]  # (inspectorate, username)
    inspectors: tuple[tuple[str, str], ...]  # (inspectorate, username), leads not repeated
    cases: tuple[CaseSpec, ...] = ()
    evidence: tuple[EvidenceSpec, ...] = ()
    judgements: tuple[JudgementSpec, ...] = ()
    shared_texts: tuple[SharedTextSpec, ...] = ()
    # One per publication: the first is the report, any later one a correction.
    publications: tuple[PublicationSpec, ...] = ()

    def team(self) -> list[tuple[str, str]]:
        return team_of(self.leads, self.inspectors)


@dataclass(frozen=True)
class ScalePlan:
    seed: int
    size: float
    today: datetime.date
    counts: ScaleSize
    areas: tuple[AreaSpec, ...]
    staff: tuple[StaffSpec, ...]
    inspections: tuple[InspectionSpec, ...]

    def digest(self) -> str:
        """A fingerprint of the whole plan: equal plans, equal digests."""
        return hashlib.sha256(repr(dataclasses.astuple(self)).encode()).hexdigest()

    @property
    def evidence_total(self) -> int:
        return sum(len(spec.evidence) for spec in self.inspections)

    @property
    def case_sample_total(self) -> int:
        return sum(len(spec.cases) for spec in self.inspections)

    @property
    def published_total(self) -> int:
        return sum(1 for spec in self.inspections if spec.publications)


# Of the 152 areas, as in England: unitary, metropolitan, London and county councils.
AREA_TYPES = (("E06", 56), ("E08", 36), ("E09", 33), ("E10", 27))
# Roughly how grades fell in the programme: mostly good or requires improvement.
GRADE_WEIGHTS = (("outstanding", 1), ("good", 5), ("requires_improvement", 3), ("inadequate", 1))
# The synthetic programme is the 2015 one: the version in force when it began (ADR 17).
PROGRAMME_BEGAN = datetime.date(2015, 4, 1)


def weighted_grade(rng, scale) -> str:
    """A grade of any scale, weighted best to worst as GRADE_WEIGHTS weights the four-point one
    (DESIGN rule 15: a scale's own codes, never the four-point scale's on another scale)."""
    weights = [weight for _, weight in GRADE_WEIGHTS][: len(scale.codes)]
    return rng.choices(scale.codes, weights)[0]


def planned_grades(rng, framework, code: str) -> dict[str, str]:
    """A grade for each of an inspectorate's areas, each on its own scale, that keeps the
    framework's limiting rules."""
    own = framework.for_inspectorate(code)
    grades = {area.code: weighted_grade(rng, framework.scale_for(code, area)) for area in own.areas}
    for rule in own.limiting_rules:
        scale = framework.scale_for(code, rule.then_area)
        if rule.violated_by(grades):
            allowed = sorted(rule.then_grades, key=scale.rank)
            worse = [g for g in allowed if scale.rank(g) >= scale.rank(grades[rule.then_area])]
            grades[rule.then_area] = worse[0] if worse else allowed[0]
    return grades
