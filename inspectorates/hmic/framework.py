"""HM Inspectorate of Constabulary's framework data for the 2015 joint inspections.

HMIC judges the police force's contribution to protecting children in the area: its front-line
and investigative child protection work, and how its leaders prioritise that work and share it
with partners. The 2015 consultation added new "good" descriptors for the police, so those are
written to be checked against evidence. HMIC takes part in the integrated and the joint child
protection inspections, with the same areas in both.
"""

from __future__ import annotations

from dataclasses import replace

from inspectorates.frameworks import InspectorateFramework, JudgementArea
from inspectorates.themes_2016 import JOINT_TARGETED_AREA_2016, narrative_framework

CODE = "hmic"
NAME = "HM Inspectorate of Constabulary"
# Which of the area's partner bodies this inspectorate's findings are about (their kinds).
SERVICES_INSPECTED = ("police",)

INTEGRATED = "integrated/2015.1"
INTEGRATED_2017 = "integrated/2017.1"
JOINT_CHILD_PROTECTION = "joint_child_protection/2015.1"

# --- Judgement areas ---------------------------------------------------------------------------

CHILD_PROTECTION = JudgementArea(
    code="child_protection",
    title="The police force's child protection work",
    summary=(
        "How well the police identify children at risk, respond to concerns, investigate offences "
        "against children and work with partners to protect them."
    ),
    criteria=(
        "Officers and staff recognise children at risk in every type of incident, including "
        "domestic abuse, and record and share their concerns with children's social care without "
        "delay.",
        "Police protection powers are used only when necessary, and children charged and denied "
        "bail are transferred to local authority accommodation rather than held overnight in "
        "police cells.",
        "Investigations of offences against children are timely, supervised and carried out by "
        "trained officers, and children and families are kept informed.",
        "The police take part in strategy discussions and child protection conferences and bring "
        "relevant information to them.",
        "Children who go missing and children at risk of sexual exploitation are identified, "
        "and the force acts to disrupt and prosecute those who exploit them.",
    ),
    descriptors={
        "outstanding": (
            "The force's response to children at risk is consistently of high quality and is "
            "shaped by children's experiences. Officers are proactive in protecting children and "
            "disrupting offenders, and the force's practice is recognised and adopted by others."
        ),
        "good": (
            "Officers recognise and record risks to children at every incident they attend, and "
            "share information with children's social care the same day where a child may be at "
            "risk. The police join strategy discussions promptly, investigations are timely and "
            "supervised, and children detained after charge are transferred to local authority "
            "accommodation whenever the law requires it."
        ),
        "requires_improvement": (
            "Children are not left at risk by police action or inaction, but the quality of the "
            "force's child protection work varies. Some concerns are recorded or shared late, or "
            "some investigations lack supervision or drift."
        ),
        "inadequate": (
            "The police fail to recognise or act on risks to children, or investigations are "
            "seriously delayed or poorly conducted, leaving children harmed or at risk of harm."
        ),
    },
)

POLICE_LEADERSHIP = JudgementArea(
    code="police_leadership",
    title="Leadership and partnership working on child protection",
    summary=(
        "How well the force's leaders prioritise child protection, resource specialist teams and "
        "work with partner agencies and the Local Safeguarding Children Board."
    ),
    criteria=(
        "Chief officers make child protection a clear priority that is understood by officers "
        "and staff at every level.",
        "Specialist child abuse investigation teams have the capacity, skills and supervision "
        "they need.",
        "The force shares information through multi-agency arrangements, such as a multi-agency "
        "safeguarding hub, and is represented on the LSCB at the right level.",
        "Leaders use performance information, audits and learning from reviews to improve the "
        "force's response to children.",
    ),
    descriptors={
        "outstanding": (
            "Chief officers lead child protection work with energy and clarity, and the force is "
            "an influential partner that drives multi-agency improvement. Its performance is "
            "consistently strong and well evidenced."
        ),
        "good": (
            "Chief officers set child protection as a priority and resource specialist teams to "
            "meet demand. The force shares information routinely through multi-agency "
            "arrangements, attends the LSCB at a senior level, and can show how learning from "
            "audits and reviews has changed practice."
        ),
        "requires_improvement": (
            "Child protection is a stated priority, but leaders do not yet have a full "
            "understanding of the quality of the force's work, or partnership arrangements are "
            "not consistently effective."
        ),
        "inadequate": (
            "Leaders do not prioritise child protection or have not acted on known serious "
            "weaknesses, and the force's contribution to multi-agency work is poor, leaving "
            "children at risk."
        ),
    },
)

# --- Frameworks --------------------------------------------------------------------------------

FRAMEWORKS: dict[str, InspectorateFramework] = {
    INTEGRATED: InspectorateFramework(
        inspectorate=CODE,
        areas=(CHILD_PROTECTION, POLICE_LEADERSHIP),
    ),
    JOINT_CHILD_PROTECTION: InspectorateFramework(
        inspectorate=CODE,
        areas=(CHILD_PROTECTION, POLICE_LEADERSHIP),
    ),
}

# --- The 2017 version of the integrated framework ------------------------------------------------
#
# In July 2017 HMIC took on fire and rescue services and its name changed; inspections notified
# under 2015 keep the old name (the Inspectorate row's). The child protection "good" descriptor
# now asks for the force's response to children in custody to be checked at every review.

NAME_2017 = "HM Inspectorate of Constabulary and Fire & Rescue Services"

CHILD_PROTECTION_2017 = replace(
    CHILD_PROTECTION,
    descriptors={
        **CHILD_PROTECTION.descriptors,
        "good": (
            "Officers recognise and record risks to children at every incident they attend, and "
            "share information with children's social care the same day where a child may be at "
            "risk. The police join strategy discussions promptly, investigations are timely and "
            "supervised, and every child detained in police custody has their detention reviewed "
            "and is transferred to local authority accommodation whenever the law requires it."
        ),
    },
)

FRAMEWORKS[INTEGRATED_2017] = InspectorateFramework(
    inspectorate=CODE, areas=(CHILD_PROTECTION_2017, POLICE_LEADERSHIP), name=NAME_2017
)
# Joint targeted area inspections (narrative, DESIGN rule 16): findings, not judgement areas.
FRAMEWORKS[JOINT_TARGETED_AREA_2016] = narrative_framework(CODE)
