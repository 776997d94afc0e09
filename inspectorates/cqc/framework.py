"""The Care Quality Commission's framework data for the 2015 joint inspections.

CQC judges the contribution of health services to children in the area: how they safeguard
children, how they meet the health needs of children looked after, and how health commissioners
and providers lead that work. The 2015 consultation added new "good" descriptors for health, so
those are written to be checked against evidence. Each area is declared once and reused by every
inspection kind CQC takes part in (all but the looked after children kind include safeguarding).
"""

from __future__ import annotations

from inspectorates.frameworks import InspectorateFramework, JudgementArea
from inspectorates.themes_2016 import JOINT_TARGETED_AREA_2016, narrative_framework

CODE = "cqc"
NAME = "Care Quality Commission"
# Which of the area's partner bodies this inspectorate's findings are about (their kinds).
SERVICES_INSPECTED = ("health",)

INTEGRATED = "integrated/2015.1"
INTEGRATED_2017 = "integrated/2017.1"
JOINT_CHILD_PROTECTION = "joint_child_protection/2015.1"
LOOKED_AFTER_CHILDREN = "looked_after_children/2015.1"

# --- Judgement areas ---------------------------------------------------------------------------

SAFEGUARDING = JudgementArea(
    code="safeguarding",
    title="Safeguarding children in health services",
    summary=(
        "How well health services, from GPs and emergency departments to midwifery, health "
        "visiting, school nursing and mental health services, identify and respond to risks to "
        "children."
    ),
    criteria=(
        "Health practitioners identify children at risk, including unborn babies and children of "
        "adults with mental ill health, substance misuse or experience of domestic abuse, and "
        "share information promptly with children's social care.",
        "Health professionals provide well-evidenced reports to child protection conferences and "
        "carry out the actions given to them in children's plans.",
        "Emergency departments and minor injury units check whether a child is known to services "
        "and follow up frequent or unexplained attendances.",
        "Named and designated safeguarding professionals are in post with enough time, and "
        "provide supervision and training that improve practice.",
        "Transitions between services, including from children's to adult mental health "
        "services, do not leave young people without protection.",
    ),
    descriptors={
        "outstanding": (
            "Health services consistently identify and respond to risks to children at the "
            "earliest opportunity, and health practitioners are recognised by partners as "
            "leaders of safeguarding practice. Learning is embedded across providers."
        ),
        "good": (
            "Practitioners in all health services routinely ask about children in the household, "
            "recognise signs of abuse and neglect, and refer concerns to children's social care "
            "the same day with the information needed to act. Health staff attend child "
            "protection conferences or send written reports and complete agreed actions, and "
            "safeguarding supervision and training are regular, recorded and matched to role."
        ),
        "requires_improvement": (
            "Children are not placed at risk by health services, but safeguarding practice varies "
            "between providers or services. Some referrals lack detail, some health staff do not "
            "contribute to child protection plans, or supervision and training are inconsistent."
        ),
        "inadequate": (
            "Health services fail to identify or act on risks to children, or do not share "
            "information, leaving children harmed or at risk of harm. Safeguarding oversight "
            "across health providers is absent or ineffective."
        ),
    },
)

LOOKED_AFTER_HEALTH = JudgementArea(
    code="looked_after_health",
    title="Health of looked after children",
    summary=(
        "How well the health needs of children looked after are assessed, met and reviewed, "
        "wherever they are placed."
    ),
    criteria=(
        "Initial health assessments are completed within 28 days of a child becoming looked "
        "after, and review health assessments are completed on time.",
        "Health assessments are of good quality, include the child's views and lead to health "
        "plans with clear actions that are followed up.",
        "Children's emotional and mental health needs are assessed, including through the "
        "strengths and difficulties questionnaire, and children have timely access to mental "
        "health services.",
        "Children placed out of the area receive health care of the same quality and timeliness "
        "as those placed locally.",
        "Care leavers receive a summary of their health history and know how to use health "
        "services independently.",
    ),
    descriptors={
        "outstanding": (
            "Looked after children's health needs are anticipated as well as met, and their "
            "health outcomes improve markedly while they are in care. Children and carers "
            "contribute to the design of health services for looked after children."
        ),
        "good": (
            "Initial health assessments are completed within statutory timescales and review "
            "assessments are up to date for nearly all children. Health plans address identified "
            "needs, including immunisations, dental care and emotional health, and designated "
            "professionals check that they are followed up. Children placed out of the area and "
            "care leavers receive timely care and their health histories."
        ),
        "requires_improvement": (
            "Looked after children are not placed at risk by health services, but assessments are "
            "not consistently timely or of good quality, or some identified health needs are not "
            "followed up."
        ),
        "inadequate": (
            "Significant numbers of looked after children do not have health assessments, or "
            "serious health needs, including mental health needs, are not identified or not met, "
            "leaving children at risk."
        ),
    },
)

HEALTH_LEADERSHIP = JudgementArea(
    code="health_leadership",
    title="Leadership of health services for children",
    summary=(
        "How well health commissioners and providers lead, govern and assure safeguarding and "
        "the health of looked after children."
    ),
    criteria=(
        "Clinical commissioning groups and NHS England commission services that meet the "
        "safeguarding and health needs of local children, including children looked after.",
        "Designated and named professionals have the authority, capacity and support to carry "
        "out their roles.",
        "Health leaders play an active part in the Local Safeguarding Children Board and the "
        "health and wellbeing board.",
        "Governance gives boards assurance about the quality of safeguarding practice, and "
        "learning from serious case reviews is acted on.",
    ),
    descriptors={
        "outstanding": (
            "Health leaders set high expectations, and safeguarding and the health of looked after "
            "children are strategic priorities across commissioners and providers. Assurance is "
            "rigorous and drives continuous improvement."
        ),
        "good": (
            "Commissioners and providers have an evidence-based understanding of the quality of "
            "health services for children and act promptly on shortfalls. Designated "
            "professionals are in post with sufficient capacity, health is represented at the "
            "right level on the LSCB, and learning from reviews changes practice."
        ),
        "requires_improvement": (
            "Health leadership does not leave children at risk, but assurance is incomplete, "
            "designated roles lack capacity, or improvements are not yet embedded."
        ),
        "inadequate": (
            "Health leaders do not understand the quality of safeguarding or looked after "
            "children's health services, or have not acted on known serious weaknesses, leaving "
            "children at risk."
        ),
    },
)

# --- Frameworks --------------------------------------------------------------------------------

FRAMEWORKS: dict[str, InspectorateFramework] = {
    INTEGRATED: InspectorateFramework(
        inspectorate=CODE,
        areas=(SAFEGUARDING, LOOKED_AFTER_HEALTH, HEALTH_LEADERSHIP),
    ),
    JOINT_CHILD_PROTECTION: InspectorateFramework(
        inspectorate=CODE,
        areas=(SAFEGUARDING, HEALTH_LEADERSHIP),
    ),
    LOOKED_AFTER_CHILDREN: InspectorateFramework(
        inspectorate=CODE,
        areas=(LOOKED_AFTER_HEALTH, HEALTH_LEADERSHIP),
    ),
}

# The 2017 integrated framework changed nothing of this inspectorate's.
FRAMEWORKS[INTEGRATED_2017] = FRAMEWORKS[INTEGRATED]
# Joint targeted area inspections (narrative, DESIGN rule 16): findings, not judgement areas.
FRAMEWORKS[JOINT_TARGETED_AREA_2016] = narrative_framework(CODE)
