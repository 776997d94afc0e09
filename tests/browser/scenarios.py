"""Where the sign-off journey starts, reached through the real services of each app.

The demo inspection in fieldwork, after journey 1 and the rest of the team's work: every
judgement of every participating inspectorate agreed, except CQC's judgement on the health of
looked after children, which CQC's inspector has submitted and CQC's lead has still to agree;
the shared LSCB judgement and summary of key findings drafted and circulated, with no sign-off.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from inspections.demo import DemoInspection
from inspections.models import Inspection, TeamRole
from judgements import demo as judgements_demo
from judgements import services as judgement_services
from judgements.models import Evidence, Judgement, JudgementStatus
from lscb import demo as lscb_demo
from lscb import services as lscb_services
from lscb.models import SharedText, SharedTextKind

# The judgement journey 1 submits, left for CQC's lead to agree in journey 2.
AWAITING_AGREEMENT = ("cqc", "looked_after_health")

# No child's or staff member's name: the report these judgements go into is published.
RATIONALE = (
    "Inspectors found consistent, well-recorded practice across the agencies, and leaders who "
    "know where practice must still improve."
)


def _inspector(inspection: Inspection, code: str) -> AbstractBaseUser:
    return (
        inspection.team.select_related("user")
        .get(inspectorate__code=code, role=TeamRole.INSPECTOR)
        .user
    )


def _evidence(inspection: Inspection, code: str, author: AbstractBaseUser) -> Evidence:
    """One piece of evidence informing every judgement area of the inspectorate."""
    areas = inspection.framework.for_inspectorate(code).area_codes
    return judgement_services.evidence_create(
        acting_user=author,
        inspection=inspection,
        observed_on=inspection.window_start,
        source="documents",
        area_codes=list(areas),
        text="Review of the partnership's audits, performance reports and action plans.",
    )


def _bring_judgement_on(
    inspection: Inspection, code: str, area_code: str, *, evidence: Evidence, goal: str
) -> Judgement:
    """Save, submit and agree (as far as `goal`) the area's judgement, wherever the demo left it."""
    participation = inspection.participations.select_related("lead").get(inspectorate__code=code)
    inspector = _inspector(inspection, code)
    judgement = Judgement.objects.filter(
        inspection=inspection, inspectorate__code=code, area_code=area_code
    ).first()
    if judgement is None or judgement.status == JudgementStatus.DRAFT:
        judgement = judgement_services.judgement_save(
            acting_user=inspector,
            inspection=inspection,
            inspectorate_code=code,
            area_code=area_code,
            expected_version=judgement.version if judgement else None,
            grade="good",
            rationale=RATIONALE,
            strengths="Timely, well-recorded decisions; children are seen and heard.",
            areas_for_improvement="The quality of written plans varies between teams.",
            recommendations="Make sure every plan has measurable actions and timescales.",
            evidence=[evidence],
        )
        judgement = judgement_services.judgement_submit(
            acting_user=inspector, judgement=judgement, seen_version=judgement.version
        )
    if goal == JudgementStatus.AGREED and judgement.status == JudgementStatus.SUBMITTED:
        judgement = judgement_services.judgement_agree(
            acting_user=participation.lead, judgement=judgement, seen_version=judgement.version
        )
    return judgement


def _circulate(inspection: Inspection, kind: str, content: dict) -> SharedText:
    lead_inspector = inspection.lead_inspector
    shared_text = lscb_services.shared_text_save(
        acting_user=lead_inspector,
        inspection=inspection,
        kind=kind,
        expected_version=0,
        **content,
    )
    return lscb_services.shared_text_circulate(
        acting_user=lead_inspector,
        shared_text=shared_text,
        seen_version=shared_text.current_version,
    )


def ready_for_sign_off(demo: DemoInspection) -> Judgement:
    """Bring the demo inspection to where journey 2 starts; returns the judgement to agree."""
    judgements_demo.seed(demo)
    inspection = demo.inspection
    awaiting = None
    for participation in inspection.participations.select_related("inspectorate"):
        code = participation.inspectorate.code
        evidence = _evidence(inspection, code, _inspector(inspection, code))
        for area in inspection.framework.for_inspectorate(code).areas:
            wait = (code, area.code) == AWAITING_AGREEMENT
            judgement = _bring_judgement_on(
                inspection,
                code,
                area.code,
                evidence=evidence,
                goal=JudgementStatus.SUBMITTED if wait else JudgementStatus.AGREED,
            )
            if wait:
                awaiting = judgement
    _circulate(inspection, SharedTextKind.LSCB_JUDGEMENT, lscb_demo.LSCB_DRAFT)
    _circulate(inspection, SharedTextKind.KEY_FINDINGS, lscb_demo.KEY_FINDINGS_DRAFT)
    assert awaiting is not None and awaiting.status == JudgementStatus.SUBMITTED
    return awaiting
