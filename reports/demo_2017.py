"""A published joint report under the second integrated framework (2017.1, ADR 17):
Calderbridge inspected again in January 2018, through the same demo helpers as its 2015 report.

What the second version changed shows on the published page, PDF, feed and API: Ofsted's
"requires improvement to be good", HM Inspectorate of Constabulary and Fire & Rescue Services'
name, and HM Inspectorate of Prisons' four healthy-establishment tests on their own scale. The
2015 report beside it keeps the labels and names it was notified under.

Idempotent: when this inspection already exists, nothing is done. The children and staff named
here are made up; none of their details appear in the report.
"""

from __future__ import annotations

import datetime

from inspections.demo import DemoInspection
from inspections.models import Inspection, InspectionStatus, LocalAuthority
from inspections.services import inspection_move_stage
from reports import demo
from reports.models import ReportPurpose

RI = "requires_improvement"

CALDERBRIDGE_2018 = demo.DemoReport(
    area_ons_code=demo.AREA_ONS_CODE,
    window_start=datetime.date(2018, 1, 15),
    window_end=datetime.date(2018, 2, 9),
    cases=[
        (
            "CAL18-T01",
            "tracked",
            "10_15",
            "Tamsin Orrell-Vane",
            datetime.date(2005, 4, 12),
            "CSC-71204",
        ),
        ("CAL18-S02", "sampled", "1_4", "Jonah Pelleworth", None, "HV-90155"),
    ],  # fmt: skip
    evidence={
        "ofsted": (
            2,
            "case_audit",
            "Audits of tracked and sampled cases: the front door screens contacts the same day, "
            "but some child in need plans drift once children step down from protection plans.",
            "Priya Lomax",
            ["CAL18-T01", "CAL18-S02"],
        ),
        "cqc": (
            3,
            "practitioner_discussion",
            "Health visitors and school nurses describe good links with the front door; initial "
            "health assessments for children looked after are late for a third of children.",
            "",
            [],
        ),
        "hmic": (
            4,
            "documents",
            "Custody records and domestic abuse notifications: notifications reach children's "
            "social care within a day, and detained children are transferred when required.",
            "",
            ["CAL18-T01"],
        ),
        "hmi_probation": (
            5,
            "observation",
            "Youth offending team case reviews and a visit to the community rehabilitation "
            "company's offices: risk to children is assessed at the start of every order.",
            "",
            [],
        ),
        "hmi_prisons": (
            8,
            "child_family_meeting",
            "Visits to the secure training centre's units and conversations with children about "
            "safety, their days, their treatment by staff and plans for release.",
            "",
            ["CAL18-T01"],
        ),
    },  # fmt: skip
    judgements={
        ("ofsted", "help_and_protection"): (
            "good",
            "Children who need help and protection are identified early and seen promptly; "
            "strategy discussions include every agency that knows the child.",
            "The front door screens every contact the same day.",
            "Some child in need plans drift after a protection plan ends.",
            "Review child in need plans within a month of a protection plan ending.",
        ),
        ("ofsted", "looked_after_and_permanence"): (
            RI,
            "Children looked after are safe, but initial health assessments are late and some "
            "children wait too long for a permanent home.",
            "Children's views shape their care plans.",
            "Delay in permanence planning for children under five.",
            "Make permanence plans at the second looked after review.",
        ),
        ("ofsted", "adoption_performance"): (
            "good",
            "Children for whom adoption is the plan are matched without unnecessary delay.",
            "Adopters are well supported after the order.",
            "",
            "",
        ),
        ("ofsted", "care_leavers"): (
            "good",
            "Care leavers have personal advisers who know them well and most are in education, "
            "employment or training.",
            "Staying put is offered to every young person in foster care.",
            "",
            "",
        ),
        ("ofsted", "leadership"): (
            "good",
            "Leaders know their services well and have acted on the 2015 recommendations.",
            "Caseloads are manageable and supervision is regular.",
            "Performance reports do not yet track permanence for the youngest children.",
            "Report permanence timescales for children under five to the corporate parenting "
            "board.",
        ),
        ("ofsted", "overall_effectiveness"): (
            "good",
            "Services for children in Calderbridge are good, and leaders know where they must "
            "improve.",
            "",
            "",
            "",
        ),
        ("cqc", "safeguarding"): (
            "good",
            "Health professionals recognise risk and share information with the front door.",
            "School nurses attend every child protection conference they are invited to.",
            "",
            "",
        ),
        ("cqc", "looked_after_health"): (
            RI,
            "Initial health assessments for children looked after are too often late.",
            "Review health assessments are thorough.",
            "Initial health assessments are late for a third of children.",
            "Complete every initial health assessment within 20 working days.",
        ),
        ("cqc", "health_leadership"): (
            "good",
            "Health leaders hold providers to account for safeguarding.",
            "",
            "",
            "",
        ),
        ("hmic", "child_protection"): (
            "good",
            "Officers recognise and record risks to children, and detained children are moved "
            "to local authority accommodation whenever the law requires it.",
            "Domestic abuse notifications reach social care within a day.",
            "",
            "",
        ),
        ("hmic", "police_leadership"): (
            "good",
            "Chief officers make child protection a priority and attend the LSCB at a senior "
            "level.",
            "",
            "",
            "",
        ),
        ("hmi_probation", "youth_offending"): (
            "good",
            "The youth offending team assesses risk to and from children at the start of every "
            "order.",
            "",
            "",
            "",
        ),
        ("hmi_probation", "probation_providers"): (
            RI,
            "Providers assess risk to children, but information is not always shared with "
            "children's social care when circumstances change.",
            "",
            "Information about changed risk is shared late.",
            "Share changes in risk to children with social care the same day.",
        ),
        ("hmi_prisons", "safety"): (
            "reasonably_good",
            "Children are mostly safe; force is used rarely and reviewed, but first-night checks "
            "are sometimes rushed.",
            "Bullying is monitored and reduced.",
            "First-night checks are sometimes rushed.",
            "Give every child a full first-night check.",
        ),
        ("hmi_prisons", "respect"): (
            "good",
            "Relationships between staff and children are respectful, and complaints are answered "
            "promptly.",
            "",
            "",
            "",
        ),
        ("hmi_prisons", "purposeful_activity"): (
            "not_sufficiently_good",
            "Too many children spend too long in their rooms because education sessions are "
            "cancelled.",
            "",
            "Education sessions are cancelled for want of staff.",
            "Keep education running every weekday.",
        ),
        ("hmi_prisons", "resettlement"): (
            "good",
            "Resettlement planning starts on arrival with the child's home youth offending team.",
            "",
            "",
            "",
        ),
    },
    lscb=(
        "good",
        "The Local Safeguarding Children Board holds partners to account through multi-agency "
        "audit, and its learning from reviews has changed practice at the front door.",
        "Check that the board's audits reach the secure training centre.",
    ),
    key_findings=(
        "Children in Calderbridge who need help and protection are identified early and seen "
        "promptly by every agency.\n"
        "Children looked after are safe, but initial health assessments are late and the "
        "youngest children wait too long for permanence.\n"
        "At the secure training centre, children are treated with respect and planned for "
        "release, but spend too long in their rooms."
    ),
)


def _existing() -> Inspection | None:
    area = LocalAuthority.objects.get(ons_code=CALDERBRIDGE_2018.area_ons_code)
    return Inspection.objects.filter(
        local_authority=area, kind="integrated", window_start=CALDERBRIDGE_2018.window_start
    ).first()


def seed(seeded: DemoInspection) -> Inspection:
    """The 2018 inspection up to the factual accuracy check, its draft rendered for the area."""
    existing = _existing()
    if existing is not None:
        return existing
    people, spec = seeded.people, CALDERBRIDGE_2018
    inspection = demo.set_up(people, spec)
    demo.agree_judgements(inspection, people, demo.record_evidence(inspection, people, spec), spec)
    demo.agree_shared_text(inspection, people, spec)
    demo.render_in_process(inspection, people, ReportPurpose.FACTUAL_ACCURACY)
    return inspection_move_stage(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        to_status=InspectionStatus.FACTUAL_ACCURACY,
    )


def publish(seeded: DemoInspection) -> Inspection | None:
    """The final version rendered and published once the area's round has closed."""
    inspection = _existing()
    if inspection is None or inspection.is_published:
        return inspection
    demo.render_and_publish(inspection, seeded.people)
    inspection.refresh_from_db()
    return inspection
