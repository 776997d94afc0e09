"""The programme at scale as plain data, decided by one seeded random generator.

`scale_plan` never touches the database: the same seed, size factor and day always give the same
plan (`ScalePlan.digest`), and `seeding.scale.write` turns it into rows.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from inspections.models import AgeBand, CaseTracking, InspectionStatus, PartnerBodyKind
from inspectorates.frameworks import FrameworkVersion
from inspectorates.registry import INSPECTORATE_CODES, framework_current
from seeding.scale.places import plan_areas, plan_staff
from seeding.scale.specs import (
    BENCH_INSPECTIONS,
    FIRST_PROGRAMME_YEAR,
    GRADE_WEIGHTS,
    KIND,
    LIVE,
    PROGRAMME_BEGAN,
    PROGRAMME_YEARS,
    PUBLISHED,
    WITHDRAWN,
    AreaSpec,
    BenchRole,
    CaseSpec,
    EvidenceSpec,
    InspectionSpec,
    JudgementSpec,
    PublicationSpec,
    ScalePlan,
    ScaleSize,
    SharedTextSpec,
    SharedVersionSpec,
    SignOffSpec,
    planned_grades,
    scale_size,
    team_of,
)
from seeding.scale.words import (
    COMMENTS,
    EVIDENCE,
    FINDINGS,
    IMPROVEMENTS,
    STRENGTHS,
    lines,
    person,
    prose,
)

_SOURCES = (
    "case_audit",
    "observation",
    "practitioner_discussion",
    "child_family_meeting",
    "documents",
    "data",
)
_DEMO_PREFIX = {
    "ofsted": "ofsted",
    "cqc": "cqc",
    "hmic": "hmic",
    "hmi_probation": "probation",
    "hmi_prisons": "prisons",
}
# How much text each kind of inspection's findings carry, in words per judgement area.
FINDINGS_WORDS = {
    PUBLISHED: 160,
    LIVE: 90,
    BenchRole.FIELDWORK: 120,
    # Tuned so that the report is about 100 and about 40 pages long (see bench/README.md).
    BenchRole.LONG: 2270,
    BenchRole.TYPICAL: 640,
}


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """`total` shared out in proportion to `weights`, exactly (largest remainders first)."""
    if not weights:
        return []
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(
        range(len(weights)), key=lambda i: (shares[i] - counts[i], -i), reverse=True
    )
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


# --- Planning ---------------------------------------------------------------------------------


@dataclass
class _Frame:
    """What one inspection's plan is built from, before its evidence and findings."""

    role: str
    area: int
    window_start: datetime.date
    status: str
    inspectorates: tuple[str, ...]
    lead_inspector: str
    leads: tuple[tuple[str, str], ...]
    inspectors: tuple[tuple[str, str], ...]
    publish_at: datetime.datetime | None = None
    correction: bool = False

    def team(self) -> list[tuple[str, str]]:
        return team_of(self.leads, self.inspectors)


def _participants(rng: random.Random, area: AreaSpec) -> tuple[str, ...]:
    partners = [code for code in ("cqc", "hmic", "hmi_probation") if rng.random() < 0.9]
    if not partners:
        partners = [rng.choice(["cqc", "hmic", "hmi_probation"])]
    custody = any(kind == PartnerBodyKind.CUSTODIAL for kind, _ in area.partner_bodies)
    if custody and rng.random() < 0.7:
        partners.append("hmi_prisons")
    return tuple(code for code in INSPECTORATE_CODES if code == "ofsted" or code in partners)


def _synthetic_team(
    rng: random.Random, codes: tuple[str, ...], staff: dict[str, list[str]]
) -> tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    leads, inspectors = [], []
    for code in codes:
        chosen = rng.sample(staff[code], k=min(len(staff[code]), rng.randint(2, 3)))
        leads.append((code, chosen[0]))
        inspectors.extend((code, username) for username in chosen[1:])
    # The lead inspector is Ofsted's, and leads for Ofsted too (as in the demo).
    return leads[0][1], tuple(leads), tuple(inspectors)


def _demo_team(codes: tuple[str, ...]) -> tuple[str, tuple, tuple]:
    leads = tuple((code, f"{_DEMO_PREFIX[code]}.lead") for code in codes)
    inspectors = tuple((code, f"{_DEMO_PREFIX[code]}.inspector") for code in codes)
    return "ofsted.lead", leads, inspectors


def local_datetime(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _plan_frames(
    rng: random.Random,
    counts: ScaleSize,
    areas: list[AreaSpec],
    staff: dict[str, list[str]],
    today: datetime.date,
) -> list[_Frame]:
    frames: list[_Frame] = []
    # Live inspections: one per area (the database allows one live inspection per area and kind).
    live_areas = list(range(BENCH_INSPECTIONS)) + rng.sample(
        range(BENCH_INSPECTIONS, len(areas)), k=counts.live_inspections - BENCH_INSPECTIONS
    )
    live_cycle = (
        InspectionStatus.FIELDWORK,
        InspectionStatus.PLANNED,
        InspectionStatus.DRAFTING,
        InspectionStatus.NOTIFIED,
        InspectionStatus.FACTUAL_ACCURACY,
    )
    every_inspectorate = tuple(INSPECTORATE_CODES)
    for i, area in enumerate(live_areas):
        if i < BENCH_INSPECTIONS:
            role = BenchRole.ALL[i]
            status = InspectionStatus.FIELDWORK if i == 0 else InspectionStatus.DRAFTING
            codes = every_inspectorate
            lead, leads, inspectors = _demo_team(codes)
        else:
            role = LIVE
            status = live_cycle[(i - BENCH_INSPECTIONS) % len(live_cycle)]
            codes = _participants(rng, areas[area])
            lead, leads, inspectors = _synthetic_team(rng, codes, staff)
        offset = {
            InspectionStatus.PLANNED: rng.randint(30, 120),
            InspectionStatus.NOTIFIED: rng.randint(3, 14),
            InspectionStatus.FIELDWORK: -7 if i == 0 else -rng.randint(3, 20),
            InspectionStatus.DRAFTING: -rng.randint(30, 60),
            InspectionStatus.FACTUAL_ACCURACY: -rng.randint(61, 90),
        }[status]
        frames.append(
            _Frame(
                role=role,
                area=area,
                window_start=today + datetime.timedelta(days=offset),
                status=status,
                inspectorates=codes,
                lead_inspector=lead,
                leads=leads,
                inspectors=inspectors,
            )
        )
    # Published reports, spread evenly over the programme years; an area once a year at most.
    per_year = _split(counts.published_reports, [1] * PROGRAMME_YEARS)
    used: set[tuple[int, datetime.date]] = set()
    for year_index, number in enumerate(per_year):
        year = FIRST_PROGRAMME_YEAR + year_index
        chosen = rng.sample(range(len(areas)), k=min(number, len(areas)))
        chosen += [rng.randrange(len(areas)) for _ in range(number - len(chosen))]
        for area in chosen:
            start = datetime.date(year, 4, 1) + datetime.timedelta(days=rng.randint(0, 300))
            while (area, start) in used:
                start += datetime.timedelta(days=1)
            used.add((area, start))
            codes = _participants(rng, areas[area])
            lead, leads, inspectors = _synthetic_team(rng, codes, staff)
            published_on = start + datetime.timedelta(days=27 + rng.randint(42, 70))
            frames.append(
                _Frame(
                    role=PUBLISHED,
                    area=area,
                    window_start=start,
                    status=InspectionStatus.PUBLISHED,
                    inspectorates=codes,
                    lead_inspector=lead,
                    leads=leads,
                    inspectors=inspectors,
                    publish_at=local_datetime(published_on, 9, 30),
                    # About one report in 25 was corrected after publication.
                    correction=rng.random() < 0.04,
                )
            )
    for _ in range(counts.withdrawn_inspections):
        area = rng.randrange(len(areas))
        start = datetime.date(FIRST_PROGRAMME_YEAR + rng.randrange(PROGRAMME_YEARS), 5, 1)
        start += datetime.timedelta(days=rng.randint(0, 250))
        while (area, start) in used:
            start += datetime.timedelta(days=1)
        used.add((area, start))
        codes = _participants(rng, areas[area])
        lead, leads, inspectors = _synthetic_team(rng, codes, staff)
        frames.append(
            _Frame(
                role=WITHDRAWN,
                area=area,
                window_start=start,
                status=InspectionStatus.WITHDRAWN,
                inspectorates=codes,
                lead_inspector=lead,
                leads=leads,
                inspectors=inspectors,
            )
        )
    return frames


def _has_fieldwork(frame: _Frame) -> bool:
    return frame.status in (
        InspectionStatus.FIELDWORK,
        InspectionStatus.DRAFTING,
        InspectionStatus.FACTUAL_ACCURACY,
        InspectionStatus.PUBLISHED,
    )


def _shares(frames: list[_Frame], total: int, fieldwork_share: float) -> list[int]:
    """Evidence or cases per inspection: a fixed share for the fieldwork benchmark, the rest
    evenly among the other inspections that have had fieldwork."""
    weights = []
    others = sum(1 for f in frames if _has_fieldwork(f) and f.role != BenchRole.FIELDWORK)
    for frame in frames:
        if frame.role == BenchRole.FIELDWORK:
            weights.append(fieldwork_share * others / (1 - fieldwork_share))
        else:
            weights.append(1.0 if _has_fieldwork(frame) else 0.0)
    return _split(total, weights)


def _plan_cases(rng: random.Random, frame: _Frame, area: AreaSpec, count: int) -> list[CaseSpec]:
    cases = []
    prefix = area.name[:3].upper()
    for n in range(1, count + 1):
        tracked = n <= max(1, count // 4)
        age_band = rng.choice(AgeBand.values)
        born = frame.window_start - datetime.timedelta(days=rng.randint(200, 17 * 365))
        agencies = tuple(
            code for code in frame.inspectorates if code == "ofsted" or rng.random() < 0.4
        )
        cases.append(
            CaseSpec(
                internal_reference=f"{prefix}-{'T' if tracked else 'S'}{n:03d}",
                tracking=CaseTracking.TRACKED if tracked else CaseTracking.SAMPLED,
                age_band=age_band,
                child_name=person(rng),
                date_of_birth=born if rng.random() < 0.7 else None,
                agency_references=(
                    f"CSC-{rng.randint(10000, 99999)}" if rng.random() < 0.6 else ""
                ),
                agencies=agencies,
            )
        )
    return cases


def _plan_evidence(
    rng: random.Random,
    frame: _Frame,
    framework: FrameworkVersion,
    count: int,
    cases: int,
    today: datetime.date,
) -> list[EvidenceSpec]:
    codes = frame.inspectorates
    # Ofsted gathers the most; every inspectorate gathers some.
    weights = [3.0 if code == "ofsted" else 1.0 for code in codes]
    per_code = _split(count, weights)
    writers: dict[str, list[str]] = defaultdict(list)
    for code, username in frame.team():
        writers[code].append(username)
    last_day = min(frame.window_start + datetime.timedelta(days=27), today)
    days = max(0, (last_day - frame.window_start).days)
    evidence = []
    for code, number in zip(codes, per_code, strict=True):
        areas = framework.for_inspectorate(code).area_codes
        for _ in range(number):
            linked = rng.sample(range(cases), k=min(cases, rng.randint(0, 2))) if cases else []
            evidence.append(
                EvidenceSpec(
                    inspectorate=code,
                    author=rng.choice(writers[code]),
                    observed_on=frame.window_start + datetime.timedelta(days=rng.randint(0, days)),
                    source=rng.choice(_SOURCES),
                    area_codes=tuple(
                        sorted(rng.sample(areas, k=min(len(areas), rng.randint(1, 2))))
                    ),
                    text=prose(rng, rng.randint(25, 70), EVIDENCE + FINDINGS),
                    staff_names=(
                        "\n".join(person(rng) for _ in range(rng.randint(1, 2)))
                        if rng.random() < 0.25
                        else ""
                    ),
                    cases=tuple(sorted(linked)),
                )
            )
    return evidence


def _plan_judgements(
    rng: random.Random, frame: _Frame, framework: FrameworkVersion, evidence: list[EvidenceSpec]
) -> list[JudgementSpec]:
    words = FINDINGS_WORDS.get(frame.role, FINDINGS_WORDS[LIVE])
    every_area = frame.role in (PUBLISHED, BenchRole.LONG, BenchRole.TYPICAL)
    leads = dict(frame.leads)
    judgements = []
    for code in frame.inspectorates:
        own_evidence = [i for i, item in enumerate(evidence) if item.inspectorate == code]
        grades = planned_grades(rng, framework, code)
        for n, area in enumerate(framework.for_inspectorate(code).areas):
            if every_area:
                status = "agreed"
            elif frame.role == BenchRole.FIELDWORK or rng.random() < 0.5:
                # Work in progress: a draft or two, some submitted, some agreed.
                status = ("draft", "submitted", "agreed")[n % 3]
            else:
                continue
            linked = rng.sample(own_evidence, k=min(len(own_evidence), rng.randint(1, 3)))
            if status != "draft" and not linked:
                status = "draft"  # a judgement is submitted only with evidence (rule 5)
            author = next(u for c, u in frame.team() if c == code and u != leads[code])
            # Long findings: the rationale carries most, the other sections some.
            judgements.append(
                JudgementSpec(
                    inspectorate=code,
                    area_code=area.code,
                    grade=grades[area.code],
                    rationale=prose(rng, words),
                    strengths=lines(rng, STRENGTHS, 1, 3)
                    if words < 1000
                    else prose(rng, words // 6),
                    areas_for_improvement=prose(rng, max(20, words // 8)),
                    recommendations=lines(rng, IMPROVEMENTS, 1, 3),
                    status=status,
                    author=author,
                    agreed_by=leads[code] if status == "agreed" else "",
                    evidence=tuple(sorted(linked)),
                )
            )
    return judgements


def _plan_shared_texts(rng: random.Random, frame: _Frame) -> list[SharedTextSpec]:
    words = FINDINGS_WORDS.get(frame.role, FINDINGS_WORDS[LIVE])
    lead = frame.lead_inspector
    lscb_grade = rng.choices(*zip(*GRADE_WEIGHTS, strict=True))[0]
    first = SharedVersionSpec(lscb_grade, prose(rng, words), lines(rng, IMPROVEMENTS, 2, 3))
    findings = SharedVersionSpec("", prose(rng, max(120, words)), "")
    if frame.role == BenchRole.FIELDWORK:
        # Under way: the LSCB judgement redrafted after one sign-off, which went void; two leads
        # have signed the new version; the key findings are a first draft.
        second = dataclasses.replace(first, body=first.body + "\n\n" + prose(rng, 60))
        leads = dict(frame.leads)
        return [
            SharedTextSpec(
                kind="lscb_judgement",
                status="circulated",
                author=lead,
                versions=(first, second),
                sign_offs=(
                    SignOffSpec("cqc", 1, "agree", "", leads["cqc"], "The text changed."),
                    SignOffSpec("hmic", 2, "agree", "", leads["hmic"]),
                    SignOffSpec(
                        "hmi_probation",
                        2,
                        "not_agree",
                        rng.choice(COMMENTS),
                        leads["hmi_probation"],
                    ),
                ),
            ),
            SharedTextSpec("key_findings", "draft", lead, (findings,), ()),
        ]
    if frame.role in (PUBLISHED, BenchRole.LONG, BenchRole.TYPICAL):
        texts = []
        for kind, version in (("lscb_judgement", first), ("key_findings", findings)):
            sign_offs = tuple(SignOffSpec(code, 1, "agree", "", user) for code, user in frame.leads)
            texts.append(SharedTextSpec(kind, "agreed", lead, (version,), sign_offs))
        return texts
    if frame.status in (InspectionStatus.DRAFTING, InspectionStatus.FACTUAL_ACCURACY):
        return [SharedTextSpec("lscb_judgement", "draft", lead, (first,), ())]
    return []


def scale_plan(*, seed: int, size: float, today: datetime.date) -> ScalePlan:
    """The whole programme as data: the same arguments always give the same plan."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, repeatable by design
    counts = scale_size(size)
    framework = framework_current(KIND, on=PROGRAMME_BEGAN)
    areas = plan_areas(rng, counts.areas)
    staff = plan_staff(rng, counts.staff_per_inspectorate)
    by_code: dict[str, list[str]] = defaultdict(list)
    for member in staff:
        by_code[member.inspectorate].append(member.username)
    frames = _plan_frames(rng, counts, areas, by_code, today)
    evidence_counts = _shares(frames, counts.evidence, fieldwork_share=0.05)
    case_counts = _shares(frames, counts.case_samples, fieldwork_share=0.02)
    inspections = []
    for frame, n_evidence, n_cases in zip(frames, evidence_counts, case_counts, strict=True):
        area = areas[frame.area]
        cases = _plan_cases(rng, frame, area, n_cases)
        evidence = _plan_evidence(rng, frame, framework, n_evidence, len(cases), today)
        publications: tuple[PublicationSpec, ...] = ()
        if frame.publish_at is not None:
            publications = (PublicationSpec(frame.publish_at),)
            if frame.correction:
                corrected = frame.publish_at + datetime.timedelta(days=rng.randint(3, 30))
                publications += (
                    PublicationSpec(
                        corrected,
                        "Corrected the number of children whose cases were tracked.",
                    ),
                )
        inspections.append(
            InspectionSpec(
                role=frame.role,
                area=frame.area,
                window_start=frame.window_start,
                window_end=frame.window_start + datetime.timedelta(days=27),
                status=frame.status,
                inspectorates=frame.inspectorates,
                lead_inspector=frame.lead_inspector,
                leads=frame.leads,
                inspectors=frame.inspectors,
                cases=tuple(cases),
                evidence=tuple(evidence),
                judgements=tuple(_plan_judgements(rng, frame, framework, evidence)),
                shared_texts=tuple(_plan_shared_texts(rng, frame)) if _has_fieldwork(frame) else (),
                publications=publications,
            )
        )
    return ScalePlan(
        seed=seed,
        size=size,
        today=today,
        counts=counts,
        areas=tuple(areas),
        staff=tuple(staff),
        inspections=tuple(inspections),
    )
