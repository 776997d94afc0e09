"""HM Inspectorate of Probation's framework data for the 2015 joint inspections.

HMI Probation judges two services: the youth offending team, for children who offend, and the
providers of probation services (the National Probation Service and community rehabilitation
companies), for the children of adult offenders and the children those offenders may harm. The
2015 consultation introduced new criteria for both, so they are written to be checked against
case files. The same areas are used in the integrated and the joint child protection inspections.
"""

from __future__ import annotations

from inspectorates.frameworks import InspectorateFramework, JudgementArea
from inspectorates.themes_2016 import JOINT_TARGETED_AREA_2016, narrative_framework

CODE = "hmi_probation"
NAME = "HM Inspectorate of Probation"
# Which of the area's partner bodies this inspectorate's findings are about (their kinds).
SERVICES_INSPECTED = ("youth_offending", "probation")

INTEGRATED = "integrated/2015.1"
INTEGRATED_2017 = "integrated/2017.1"
JOINT_CHILD_PROTECTION = "joint_child_protection/2015.1"

# --- Judgement areas ---------------------------------------------------------------------------

YOUTH_OFFENDING = JudgementArea(
    code="youth_offending",
    title="Youth offending teams",
    summary=(
        "How well the youth offending team keeps children who offend safe, manages the risk of "
        "harm they pose to others, and works with partner agencies to do so."
    ),
    criteria=(
        "Every child has a timely assessment of their safety and well-being and of their risk of "
        "harm to others, drawing on information from children's social care, health services, "
        "schools and the police.",
        "Plans to keep the child safe and to manage risk of harm are specific, reviewed when "
        "circumstances change, and agreed with the other agencies involved.",
        "Case managers refer safeguarding concerns promptly, contribute to child protection and "
        "looked after children's plans, and check that agreed actions happen.",
        "Children in custody have their safety, accommodation, education and health needs "
        "planned for well before release, jointly with the establishment holding them.",
        "Managers oversee cases involving risk to or from children and record their decisions.",
        "Children looked after are not disadvantaged in youth justice decisions, and the team "
        "works with the local authority to avoid criminalising them unnecessarily.",
    ),
    descriptors={
        "outstanding": (
            "The youth offending team's work consistently improves children's safety and reduces "
            "the risk they pose, and partners regard it as central to local child protection. "
            "Practice is creative, well evidenced and sustained."
        ),
        "good": (
            "Assessments of safety and well-being and of risk of harm are completed on time and "
            "informed by every relevant agency. Plans are clear, reviewed after significant "
            "events and delivered; safeguarding referrals are made promptly and followed up; "
            "managers check the quality of work on every high-risk case; and planning for release "
            "from custody begins at the point of sentence."
        ),
        "requires_improvement": (
            "Children are not left at risk by the youth offending team, but assessments or plans "
            "are not consistently timely or thorough, or management oversight of some cases is "
            "insufficient."
        ),
        "inadequate": (
            "Risks to children who offend, or from them, are not assessed or managed, or "
            "safeguarding concerns are not referred or followed up, leaving children or others "
            "harmed or at risk of harm."
        ),
    },
)

PROBATION_PROVIDERS = JudgementArea(
    code="probation_providers",
    title="Providers of probation services",
    summary=(
        "How well the National Probation Service and community rehabilitation companies protect "
        "children who live with or have contact with the adults they supervise."
    ),
    criteria=(
        "At the start of every sentence, the provider checks with children's social care and the "
        "police whether the offender lives with or has contact with children, and whether those "
        "children are known to services.",
        "Assessments identify the risk of harm that offenders pose to children, including through "
        "domestic abuse and sexual offending, and risk management plans address it.",
        "Offender managers refer safeguarding concerns promptly, contribute to child protection "
        "plans and conferences, and share information when risk changes.",
        "Multi-agency public protection arrangements (MAPPA) are used effectively for offenders "
        "who pose a risk to children.",
        "Work with offenders who are parents or carers supports children's safety, and young "
        "adults moving from the youth offending team are handed over with full information.",
    ),
    descriptors={
        "outstanding": (
            "Providers consistently identify and reduce the risks offenders pose to children, and "
            "their contribution to multi-agency child protection is valued and influential. "
            "Practice is sustained across both providers."
        ),
        "good": (
            "Offender managers know which offenders live with or have contact with children, "
            "complete checks with children's social care and the police at the start of every "
            "sentence, and use the results in assessment and planning. Risks to children are "
            "reassessed after significant events, referrals are made promptly, and providers "
            "play a full part in child protection plans and MAPPA."
        ),
        "requires_improvement": (
            "Children are not left at risk by probation providers, but checks, assessments or "
            "referrals are not consistently completed, or the two providers do not work together "
            "well enough."
        ),
        "inadequate": (
            "Providers do not identify or manage the risks offenders pose to children, or do not "
            "share information with partners, leaving children harmed or at risk of harm."
        ),
    },
)

# --- Frameworks --------------------------------------------------------------------------------

FRAMEWORKS: dict[str, InspectorateFramework] = {
    INTEGRATED: InspectorateFramework(
        inspectorate=CODE,
        areas=(YOUTH_OFFENDING, PROBATION_PROVIDERS),
    ),
    JOINT_CHILD_PROTECTION: InspectorateFramework(
        inspectorate=CODE,
        areas=(YOUTH_OFFENDING, PROBATION_PROVIDERS),
    ),
}

# The 2017 integrated framework changed nothing of this inspectorate's.
FRAMEWORKS[INTEGRATED_2017] = FRAMEWORKS[INTEGRATED]
# Joint targeted area inspections (narrative, DESIGN rule 16): findings, not judgement areas.
FRAMEWORKS[JOINT_TARGETED_AREA_2016] = narrative_framework(CODE)
