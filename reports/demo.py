"""A published joint report for the demo: Calderbridge's integrated inspection of spring 2015.

The inspection is driven from set-up to publication through the real services of every app:
case samples and evidence, each inspectorate's judgements (saved, submitted, agreed by its lead),
the shared LSCB judgement and key findings (drafted, circulated, signed off, finalised), a
factual-accuracy draft and a final version rendered by the real render service, then published,
then corrected: a grade and a finding changed, rendered again and published with its note.
The Ashdown inspection in fieldwork is left as it is.

Idempotent: when the Calderbridge inspection already exists, nothing is done. The children and
staff named here are made up; none of their details appear in the report.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError

from inspections import services as inspection_services
from inspections.demo import DemoInspection, move_through
from inspections.models import Inspection, InspectionStatus, LocalAuthority, TeamRole
from judgements import services as judgement_services
from judgements.models import Evidence
from lscb import services as lscb_services
from lscb.models import SharedTextKind, SignOffDecision
from reports import selectors, services
from reports.demo_correction import seed_correction
from reports.models import ReportPurpose
from reports.tasks import render_report_version

AREA_ONS_CODE = "E08000903"  # Calderbridge, one of the demo areas
WINDOW_START = datetime.date(2015, 3, 9)
WINDOW_END = datetime.date(2015, 4, 3)
INSPECTORATES = ["ofsted", "cqc", "hmic", "hmi_probation", "hmi_prisons"]
# Username prefix of each inspectorate's demo lead and inspector.
PEOPLE_PREFIX = {
    "ofsted": "ofsted",
    "cqc": "cqc",
    "hmic": "hmic",
    "hmi_probation": "probation",
    "hmi_prisons": "prisons",
}

# internal reference, tracking, age band, child's name, date of birth, agency references
CASES = [
    ("CAL-T01", "tracked", "5_9", "Ellis Marchbank", datetime.date(2007, 11, 2), "CSC-20931"),
    ("CAL-T02", "tracked", "16_17", "Kacey Dunmore-Platt", datetime.date(1998, 7, 19), "YOT-5120"),
    ("CAL-S03", "sampled", "under_1", "Ruby Ashworth", None, "HV-88213"),
]

# inspectorate: (day in the window, source, text, staff named, case references)
EVIDENCE = {
    "ofsted": (
        1,
        "case_audit",
        "Audits of tracked and sampled cases with social workers and their managers: referrals "
        "screened the same day, visits within timescales, plans reviewed at every conference.",
        "Dev Chaudhry",
        ["CAL-T01", "CAL-S03"],
    ),
    "cqc": (
        2,
        "practitioner_discussion",
        "Discussions with health visitors, school nurses and the named nurse for looked after "
        "children about referrals and health assessments.",
        "Imogen Wrathall",
        ["CAL-S03"],
    ),
    "hmic": (
        3,
        "case_audit",
        "Review of domestic abuse incidents attended by officers where children lived in the "
        "household, and of the referrals made.",
        "",
        ["CAL-T01"],
    ),
    "hmi_probation": (
        4,
        "child_family_meeting",
        "Meeting with a young person supervised by the youth offending team and their carer; "
        "review of probation providers' checks on offenders living with children.",
        "",
        ["CAL-T02"],
    ),
    "hmi_prisons": (
        8,
        "observation",
        "Observation of arrival, first night and resettlement planning at the secure training "
        "centre.",
        "Gareth Penhaligon",
        ["CAL-T02"],
    ),
}

# (inspectorate, area): grade, findings, strengths, areas for improvement, recommendations
JUDGEMENTS: dict[tuple[str, str], tuple[str, str, str, str, str]] = {
    ("ofsted", "help_and_protection"): (
        "good",
        "Children who need help and protection in Calderbridge are identified early and receive "
        "timely, well-coordinated help. The multi-agency safeguarding hub applies thresholds "
        "consistently, and children at immediate risk are seen and protected without delay.",
        "Strategy discussions are held promptly and include the police and health services.\n"
        "Children are seen alone and their views shape their plans.",
        "A small number of child in need plans lack clear timescales.",
        "Make sure that every child in need plan sets out measurable actions and timescales.",
    ),
    ("ofsted", "looked_after_and_permanence"): (
        "good",
        "Children looked after live in stable homes that meet their needs, and decisions about "
        "permanence are made early. Most children make good progress in their health and "
        "education.",
        "Placement stability is better than the national average.\n"
        "The virtual school tracks children's attainment closely.",
        "Some children placed out of the area wait too long for mental health support.",
        "Work with health partners to reduce waiting times for children placed out of the area.",
    ),
    ("ofsted", "adoption_performance"): (
        "outstanding",
        "Children for whom adoption is the plan are placed quickly, including older children "
        "and brothers and sisters placed together. Adoption support is comprehensive.",
        "Early permanence placements are used well.",
        "",
        "",
    ),
    ("ofsted", "care_leavers"): (
        "requires_improvement",
        "Care leavers are safe and most live in suitable accommodation, but too many are not in "
        "education, employment or training, and some pathway plans are out of date.",
        "Personal advisers know their young people well.",
        "Pathway plans are not consistently reviewed.\n"
        "Too few care leavers are in education, employment or training.",
        "Review every pathway plan with the young person at least every six months.",
    ),
    ("ofsted", "leadership"): (
        "good",
        "Leaders and elected members know their services well and have acted effectively on "
        "the findings of audits and serious case reviews. The workforce is stable.",
        "Caseloads are manageable and supervision is regular and reflective.",
        "Performance information on care leavers is not used well enough.",
        "Use performance information to drive improvement in outcomes for care leavers.",
    ),
    ("ofsted", "overall_effectiveness"): (
        "good",
        "Children's services in Calderbridge are good. Children are safer and their "
        "circumstances improve because agencies work well together under strong leadership.",
        "",
        "",
        "",
    ),
    ("cqc", "safeguarding"): (
        "good",
        "Health practitioners identify risks to children well and refer concerns to children's "
        "social care the same day, with the information needed to act.",
        "Emergency departments check whether children are known to services.",
        "Safeguarding supervision for practice nurses is irregular.",
        "Make sure that practice nurses receive regular safeguarding supervision.",
    ),
    ("cqc", "looked_after_health"): (
        "requires_improvement",
        "Initial health assessments are timely, but review health assessments for children "
        "placed out of the area are often late and do not always address emotional health.",
        "The named nurse for looked after children is well known to carers.",
        "Review health assessments for children placed out of the area are often late.",
        "Agree arrangements with host areas so that review health assessments are on time.",
    ),
    ("cqc", "health_leadership"): (
        "good",
        "Health commissioners and providers have a clear view of safeguarding practice and "
        "work well with the local authority and the LSCB.",
        "Designated professionals provide strong leadership.",
        "",
        "",
    ),
    ("hmic", "child_protection"): (
        "good",
        "Officers recognise risks to children at incidents and refer them promptly. Joint "
        "investigations with children's social care are timely and well recorded.",
        "Children in households where domestic abuse is reported are consistently identified.",
        "Children detained overnight in police custody are not always moved to local authority "
        "accommodation.",
        "Work with the local authority so that children charged and refused bail are not held "
        "overnight in police custody.",
    ),
    ("hmic", "police_leadership"): (
        "good",
        "Senior officers give child protection a high priority and contribute fully to the LSCB "
        "and to the multi-agency safeguarding hub.",
        "The force's public protection unit is well resourced.",
        "",
        "",
    ),
    ("hmi_probation", "youth_offending"): (
        "good",
        "The youth offending team assesses risk to and from young people well and works closely "
        "with children's social care, education and health services.",
        "Young people's views are sought and used in planning.",
        "Plans for young people leaving custody are sometimes finalised late.",
        "Start resettlement planning as soon as a young person enters custody.",
    ),
    ("hmi_probation", "probation_providers"): (
        "requires_improvement",
        "Probation providers do not always check with children's social care whether offenders "
        "have contact with children, and information sharing between the two providers is "
        "inconsistent.",
        "Offender managers attend child protection conferences when invited.",
        "Safeguarding checks at the start of supervision are not always completed.",
        "Make sure that safeguarding checks are completed at the start of every order.",
    ),
    ("hmi_prisons", "custody"): (
        "good",
        "Children at the secure training centre feel safe and are treated with respect. Force "
        "is used rarely and reviewed by managers, and resettlement is planned with home areas.",
        "Children spend most of the day in education or purposeful activity.",
        "Some children leave without confirmed education or training.",
        "Confirm education or training arrangements before every child's release.",
    ),
}

LSCB = (
    "good",
    "The Local Safeguarding Children Board coordinates the work of partner agencies well and "
    "holds them to account through a clear programme of multi-agency audit. It has acted on "
    "the learning from serious case reviews, and its training is well attended.",
    "Evaluate the impact of multi-agency training on frontline practice.\n"
    "Make sure the views of children and families inform the board's priorities.",
)

KEY_FINDINGS = (
    "Children in Calderbridge who need help and protection are identified early and are "
    "safer because the local authority, health services, the police, probation services and "
    "the secure training centre work well together.\n"
    "Children looked after live in stable homes and achieve permanence without delay; adoption "
    "performance is outstanding.\n"
    "Care leavers are safe, but too many are not in education, employment or training, and the "
    "health of children placed out of the area needs closer attention.\n"
    "Leaders across the partnership know their services well and have acted on learning from "
    "serious case reviews."
)


@dataclass(frozen=True)
class DemoReport:
    """One demo inspection driven to its report: the area, window and what the team records."""

    area_ons_code: str
    window_start: datetime.date
    window_end: datetime.date
    cases: Sequence[tuple]
    evidence: Mapping[str, tuple]
    judgements: Mapping[tuple[str, str], tuple]
    lscb: tuple[str, str, str]
    key_findings: str
    inspectorates: Sequence[str] = tuple(INSPECTORATES)

    def day(self, offset: int) -> datetime.date:
        return self.window_start + datetime.timedelta(days=offset)


CALDERBRIDGE_2015 = DemoReport(
    AREA_ONS_CODE, WINDOW_START, WINDOW_END, CASES, EVIDENCE, JUDGEMENTS, LSCB, KEY_FINDINGS
)


def set_up(people: dict[str, AbstractBaseUser], spec: DemoReport = CALDERBRIDGE_2015) -> Inspection:
    admin, lead = people["programme.admin"], people["ofsted.lead"]
    inspection = inspection_services.inspection_create(
        acting_user=admin,
        local_authority=LocalAuthority.objects.get(ons_code=spec.area_ons_code),
        kind="integrated",
        window_start=spec.window_start,
        window_end=spec.window_end,
        inspectorate_codes=spec.inspectorates,
        lead_inspector=lead,
    )
    for code in spec.inspectorates:
        inspection_services.team_member_add(
            acting_user=admin,
            inspection=inspection,
            user=people[f"{PEOPLE_PREFIX[code]}.lead"],
            role=TeamRole.INSPECTORATE_LEAD,
        )
        inspection_services.team_member_add(
            acting_user=admin,
            inspection=inspection,
            user=people[f"{PEOPLE_PREFIX[code]}.inspector"],
        )
    # The window closed long ago: evidence and judgements are written up in drafting, as
    # fieldwork after the window would need a reason recorded (DESIGN rule 1).
    stages = (InspectionStatus.NOTIFIED, InspectionStatus.FIELDWORK, InspectionStatus.DRAFTING)
    return move_through(acting_user=lead, inspection=inspection, stages=stages)


def record_evidence(
    inspection: Inspection, people, spec: DemoReport = CALDERBRIDGE_2015
) -> dict[str, Evidence]:
    cases = {}
    for reference, tracking, age_band, name, born, agency_references in spec.cases:
        cases[reference] = inspection_services.case_sample_create(
            acting_user=people["ofsted.inspector"],
            inspection=inspection,
            internal_reference=reference,
            tracking=tracking,
            age_band=age_band,
            child_name=name,
            date_of_birth=born,
            agency_references=agency_references,
        )
    evidence = {}
    for code, (day, source, text, staff, references) in spec.evidence.items():
        framework = inspection.framework.for_inspectorate(code)
        evidence[code] = judgement_services.evidence_create(
            acting_user=people[f"{PEOPLE_PREFIX[code]}.inspector"],
            inspection=inspection,
            observed_on=spec.day(day),
            source=source,
            area_codes=framework.area_codes,
            text=text,
            case_samples=[cases[reference] for reference in references],
            staff_names=staff,
        )
    return evidence


def agree_judgements(
    inspection: Inspection,
    people,
    evidence: dict[str, Evidence],
    spec: DemoReport = CALDERBRIDGE_2015,
) -> None:
    judgements = spec.judgements
    for (code, area_code), (grade, rationale, strengths, improve, recommend) in judgements.items():
        inspector = people[f"{PEOPLE_PREFIX[code]}.inspector"]
        judgement = judgement_services.judgement_save(
            acting_user=inspector,
            inspection=inspection,
            inspectorate_code=code,
            area_code=area_code,
            expected_version=None,
            grade=grade,
            rationale=rationale,
            strengths=strengths,
            areas_for_improvement=improve,
            recommendations=recommend,
            evidence=[evidence[code]],
        )
        judgement = judgement_services.judgement_submit(
            acting_user=inspector, judgement=judgement, seen_version=judgement.version
        )
        judgement_services.judgement_agree(
            acting_user=people[f"{PEOPLE_PREFIX[code]}.lead"],
            judgement=judgement,
            seen_version=judgement.version,
        )


def agree_shared_text(inspection: Inspection, people, spec: DemoReport = CALDERBRIDGE_2015) -> None:
    lead = people["ofsted.lead"]
    grade, body, improvements = spec.lscb
    texts = [
        lscb_services.shared_text_save(
            acting_user=lead,
            inspection=inspection,
            kind=SharedTextKind.LSCB_JUDGEMENT,
            body=body,
            grade=grade,
            improvements=improvements,
            expected_version=0,
        ),
        lscb_services.shared_text_save(
            acting_user=lead,
            inspection=inspection,
            kind=SharedTextKind.KEY_FINDINGS,
            body=spec.key_findings,
            expected_version=0,
        ),
    ]
    for shared_text in texts:
        lscb_services.shared_text_circulate(
            acting_user=lead, shared_text=shared_text, seen_version=shared_text.current_version
        )
        for code in spec.inspectorates:
            lscb_services.signoff_record(
                acting_user=people[f"{PEOPLE_PREFIX[code]}.lead"],
                shared_text=shared_text,
                inspectorate_code=code,
                version_number=shared_text.current_version,
                decision=SignOffDecision.AGREE,
            )
        lscb_services.shared_text_finalise(
            acting_user=lead, shared_text=shared_text, seen_version=shared_text.current_version
        )


def render_in_process(inspection: Inspection, people, purpose: str) -> None:
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        purpose=purpose,
        seen_version=selectors.newest_version_number(inspection=inspection),
    )
    # The render task itself, called here in-process so that the report is ready when seed_demo
    # ends; the same task queued after commit then finds the version ready and does nothing.
    render_report_version(version.pk)
    version.refresh_from_db()
    if not version.is_ready:
        raise RuntimeError(f"The demo report or letter did not render: {version.error}")


def render_and_publish(inspection: Inspection, people) -> None:
    """The final version rendered and published at once. Should midnight pass between the two
    (the tests run at UTC+14, where it passes at 10:00 UTC), the version's cover date is no longer
    today and publishing is refused (DESIGN rule 20): the demo renders once more, as the lead
    inspector's page asks, and publishes that."""
    for attempt in (1, 2):
        render_in_process(inspection, people, ReportPurpose.FINAL)
        try:
            services.report_publish(
                acting_user=people["ofsted.lead"],
                inspection=inspection,
                seen_version=selectors.final_version_candidate(inspection=inspection).number,
            )
            return
        except ValidationError as refused:
            if attempt == 2 or not all(map(selectors.is_date_condition, refused.messages)):
                raise


def _existing() -> Inspection | None:
    area = LocalAuthority.objects.get(ons_code=AREA_ONS_CODE)
    return Inspection.objects.filter(
        local_authority=area, kind="integrated", window_start=WINDOW_START
    ).first()


def seed(seeded: DemoInspection) -> Inspection:
    """Calderbridge's inspection up to the factual accuracy check: judgements and shared text
    agreed, the draft rendered for the area. The round itself belongs to `accuracy` and the
    publication to `publish` below; `seeding.demo` runs the three in order."""
    people = seeded.people
    existing = _existing()
    if existing is not None:
        return existing
    lead = people["ofsted.lead"]
    inspection = set_up(people)
    evidence = record_evidence(inspection, people)
    agree_judgements(inspection, people, evidence)
    agree_shared_text(inspection, people)
    render_in_process(inspection, people, ReportPurpose.FACTUAL_ACCURACY)
    return inspection_services.inspection_move_stage(
        acting_user=lead, inspection=inspection, to_status=InspectionStatus.FACTUAL_ACCURACY
    )


def publish(seeded: DemoInspection) -> Inspection:
    """The final version rendered and published once the area's round has closed, then the
    correction that changed a grade and a finding. Idempotent: a published report is left."""
    people = seeded.people
    inspection = _existing()
    if inspection is None or inspection.is_published:
        return inspection
    render_and_publish(inspection, people)
    # A correction that changed a grade and a finding: a third render, the last one.
    seed_correction(
        inspection,
        people,
        leads={code: f"{PEOPLE_PREFIX[code]}.lead" for code in INSPECTORATES},
        render=lambda corrected: render_in_process(corrected, people, ReportPurpose.FINAL),
    )
    inspection.refresh_from_db()
    return inspection
