"""Demo evidence, case samples and judgements on the demo inspection in fieldwork.

Everything goes through the real services, so the demo has the same history a real inspection
would. Idempotent: each row is looked up by a natural key first and only created when missing.
The children and staff named here are made up.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from inspections import services as inspection_services
from inspections.demo import DemoInspection
from inspections.models import CaseSample, Inspection
from judgements import services
from judgements.models import Evidence, Judgement

# internal reference, tracking, age band, child's name, date of birth, agency references, agencies
# (the age band is the age at the window's start, a week before the demo is seeded: both care
# leavers are 18 or over by then)
DEMO_CASES = [
    (
        "ASH-T01",
        "tracked",
        "18_plus",
        "Jordan Ellery",
        datetime.date(2003, 4, 12),
        "CSC-48213",
        ["ofsted", "cqc", "hmic"],
    ),
    ("ASH-S02", "sampled", "under_1", "Maisie Thorne", None, "", ["ofsted", "cqc"]),
    (
        "ASH-S03",
        "sampled",
        "18_plus",
        "Tyler Hobbs",
        datetime.date(1998, 9, 30),
        "YOT-7781",
        ["ofsted", "hmi_probation", "hmi_prisons"],
    ),
]

# author, day in the window, source, areas, text, case references, staff named
DEMO_EVIDENCE = [
    (
        "ofsted.inspector",
        0,
        "case_audit",
        ["help_and_protection"],
        "Audit of a tracked case: the referral was screened the same day and a strategy discussion "
        "held within 24 hours. The child was seen alone and their views recorded.",
        ["ASH-T01"],
        "Sam Okafor",
    ),
    (
        "ofsted.inspector",
        1,
        "observation",
        ["help_and_protection", "leadership"],
        "Observed the multi-agency safeguarding hub: thresholds are applied consistently, and "
        "managers' decisions are recorded with reasons.",
        [],
        "",
    ),
    (
        "ofsted.lead",
        2,
        "documents",
        ["leadership", "overall_effectiveness"],
        "The self-evaluation is accurate and matches what inspectors found in case audits; the "
        "improvement plan has measurable actions.",
        [],
        "",
    ),
    (
        "ofsted.inspector",
        2,
        "child_family_meeting",
        ["looked_after_and_permanence", "care_leavers"],
        "Met three care leavers: each knows their personal adviser, and two are in education or "
        "training.",
        ["ASH-S03"],
        "",
    ),
    (
        "cqc.inspector",
        1,
        "practitioner_discussion",
        ["safeguarding"],
        "Health visitors and school nurses describe clear routes to share concerns; referrals seen "
        "were detailed and timely.",
        ["ASH-S02"],
        "Priya Nandakumar",
    ),
    (
        "cqc.inspector",
        3,
        "data",
        ["looked_after_health"],
        "92% of initial health assessments were completed within 28 days in the last quarter.",
        [],
        "",
    ),
    (
        "hmic.inspector",
        1,
        "case_audit",
        ["child_protection"],
        "Officers attended a domestic abuse incident and made a referral for the children in the "
        "household the same night.",
        ["ASH-T01"],
        "",
    ),
    (
        "probation.inspector",
        2,
        "child_family_meeting",
        ["youth_offending"],
        "A young person and their carer said the youth offending team helped them back into "
        "college.",
        ["ASH-S03"],
        "",
    ),
    (
        "prisons.inspector",
        3,
        "observation",
        ["safety"],
        "First-night procedures at the young offender institution include a health check and a "
        "call home.",
        ["ASH-S03"],
        "",
    ),
]


def _seed_cases(demo: DemoInspection) -> dict[str, CaseSample]:
    inspection = demo.inspection
    existing = {case.internal_reference: case for case in inspection.case_samples.all()}
    for reference, tracking, age_band, name, born, agency_refs, agencies in DEMO_CASES:
        if reference in existing:
            continue
        existing[reference] = inspection_services.case_sample_create(
            acting_user=demo.people["ofsted.lead"],
            inspection=inspection,
            internal_reference=reference,
            tracking=tracking,
            age_band=age_band,
            child_name=name,
            date_of_birth=born,
            agency_references=agency_refs,
            agencies_involved=agencies,
        )
    return existing


def _day(inspection: Inspection, offset: int) -> datetime.date:
    """A day early in the window that is not in the future."""
    day = inspection.window_start + datetime.timedelta(days=offset)
    return max(inspection.window_start, min(day, timezone.localdate(), inspection.window_end))


def _seed_evidence(demo: DemoInspection, cases: dict[str, CaseSample]) -> None:
    inspection = demo.inspection
    for username, offset, source, areas, text, references, staff in DEMO_EVIDENCE:
        author = demo.people[username]
        if Evidence.objects.filter(inspection=inspection, author=author, text=text).exists():
            continue
        services.evidence_create(
            acting_user=author,
            inspection=inspection,
            observed_on=_day(inspection, offset),
            source=source,
            area_codes=areas,
            text=text,
            case_samples=[cases[reference] for reference in references],
            staff_names=staff,
        )


def _evidence_for(inspection: Inspection, code: str, area_code: str) -> list[Evidence]:
    return list(
        Evidence.objects.filter(
            inspection=inspection, inspectorate__code=code, areas__area_code=area_code
        )
    )


def _seed_judgements(demo: DemoInspection) -> None:
    """Ofsted's help and protection submitted, CQC's safeguarding agreed, HMIC's in draft."""
    inspection, people = demo.inspection, demo.people
    plans = [
        ("ofsted", "help_and_protection", "ofsted.inspector", "good", "submitted"),
        ("cqc", "safeguarding", "cqc.inspector", "good", "agreed"),
        ("hmic", "child_protection", "hmic.inspector", "requires_improvement", "draft"),
    ]
    for code, area_code, username, grade, goal in plans:
        if Judgement.objects.filter(
            inspection=inspection, inspectorate__code=code, area_code=area_code
        ).exists():
            continue
        judgement = services.judgement_save(
            acting_user=people[username],
            inspection=inspection,
            inspectorate_code=code,
            area_code=area_code,
            expected_version=None,
            grade=grade,
            rationale="Case audits and discussions with practitioners show that risks are "
            "identified and acted on promptly across agencies.",
            strengths="Timely, well-recorded decisions; children are seen and heard.",
            areas_for_improvement="The quality of written plans varies between teams.",
            recommendations="Make sure every plan has measurable actions and timescales.",
            evidence=_evidence_for(inspection, code, area_code),
        )
        if goal in ("submitted", "agreed"):
            judgement = services.judgement_submit(
                acting_user=people[username], judgement=judgement, seen_version=judgement.version
            )
        if goal == "agreed":
            lead = inspection.participations.get(inspectorate__code=code).lead
            services.judgement_agree(
                acting_user=lead, judgement=judgement, seen_version=judgement.version
            )


def seed(seeded: DemoInspection) -> None:
    if not seeded.inspection.is_writable:
        # Evidence is only ever written in fieldwork or drafting, in the demo as in life.
        return
    cases = _seed_cases(seeded)
    _seed_evidence(seeded, cases)
    _seed_judgements(seeded)
