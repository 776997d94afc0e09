"""HM Inspectorate of Prisons' framework data for the 2015 joint inspections.

HMI Prisons takes part only "where appropriate": in an integrated inspection of an area that has
a custodial or detention establishment holding children (a young offender institution, a secure
training centre or police custody). It judges how well those services keep children safe and
prepare them for release. The 2015 consultation introduced new criteria for custodial and
detention services, so they are written to be checked against what inspectors see and are told.
"""

from __future__ import annotations

from inspectorates.frameworks import InspectorateFramework, JudgementArea

CODE = "hmi_prisons"
NAME = "HM Inspectorate of Prisons"
# Which of the area's partner bodies this inspectorate's findings are about (their kinds).
SERVICES_INSPECTED = ("custodial",)

INTEGRATED = "integrated/2015.1"

# --- Judgement areas ---------------------------------------------------------------------------

CUSTODY = JudgementArea(
    code="custody",
    title="Custodial and detention services holding children",
    summary=(
        "How well establishments holding children keep them safe, meet their needs and prepare "
        "them for release, working with the local authority and the youth offending team."
    ),
    criteria=(
        "Children are safe on arrival and during their first night, and information from the "
        "youth offending team, health services and children's social care arrives with them and "
        "is used.",
        "Bullying, self-harm and violence are monitored and reduced, and the use of force, "
        "restraint and separation is proportionate, recorded and independently scrutinised.",
        "Allegations and safeguarding concerns are referred to the local authority designated "
        "officer and children's social care without delay, and the establishment works with the "
        "Local Safeguarding Children Board.",
        "Children spend enough time out of their rooms, in education, training and activities "
        "that meet their needs.",
        "Resettlement planning begins on arrival, and children leave with suitable accommodation "
        "and education, training or employment arranged with their home youth offending team.",
        "Children looked after and care leavers in custody continue to receive the visits, "
        "planning and support the local authority owes them.",
    ),
    descriptors={
        "outstanding": (
            "Children are consistently safe and well cared for, relationships with staff are "
            "strong, and children make clear progress in education and behaviour. Resettlement "
            "outcomes are consistently positive and the establishment is an active safeguarding "
            "partner."
        ),
        "good": (
            "Children say they feel safe and are treated with respect. Force and separation are "
            "used rarely, proportionately and with managers' review; safeguarding concerns are "
            "referred to the local authority the same day; children spend most of the day in "
            "education or purposeful activity; and accommodation and education or training are "
            "confirmed before release."
        ),
        "requires_improvement": (
            "Children are not left at risk, but some outcomes are not yet good: for example, "
            "time out of rooms is limited, use of force is not always well scrutinised, or "
            "resettlement arrangements are confirmed late."
        ),
        "inadequate": (
            "Children are not safe, force or separation is used disproportionately or without "
            "oversight, or safeguarding concerns are not referred, leaving children harmed or at "
            "risk of harm."
        ),
    },
)

# --- Frameworks --------------------------------------------------------------------------------

FRAMEWORKS: dict[str, InspectorateFramework] = {
    INTEGRATED: InspectorateFramework(
        inspectorate=CODE,
        areas=(CUSTODY,),
        requires_custodial_establishment=True,
    ),
}
