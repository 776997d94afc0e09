"""HM Inspectorate of Prisons' framework data for the 2015 joint inspections.

HMI Prisons takes part only "where appropriate": in an integrated inspection of an area that has
a custodial or detention establishment holding children (a young offender institution, a secure
training centre or police custody). It judges how well those services keep children safe and
prepare them for release. The 2015 consultation introduced new criteria for custodial and
detention services, so they are written to be checked against what inspectors see and are told.
"""

from __future__ import annotations

from inspectorates.frameworks import Grade, GradeScale, InspectorateFramework, JudgementArea

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

# --- The 2017 version of the integrated framework ------------------------------------------------
#
# From 2017 HMI Prisons judges custodial and detention services holding children against its own
# four healthy-establishment tests, each on its own four-point scale (DESIGN rule 15). The 2015
# "custody" area stays in 2015.1, so the judgements already made under it keep their area.

INTEGRATED_2017 = "integrated/2017.1"

HEALTHY_ESTABLISHMENT_SCALE = GradeScale(
    grades=(
        Grade("good", "Good"),
        Grade("reasonably_good", "Reasonably good"),
        Grade("not_sufficiently_good", "Not sufficiently good"),
        Grade("poor", "Poor"),
    ),
    code="healthy_establishment",
    name="HM Inspectorate of Prisons' healthy establishment tests",
)


def _test(code: str, title: str, summary: str, criteria: tuple[str, ...], outcome: str):
    """One healthy-establishment test: what each of its four grades says of `outcome`."""
    return JudgementArea(
        code=code,
        title=title,
        summary=summary,
        criteria=criteria,
        descriptors={
            "good": f"Outcomes for children are good against this test: {outcome}.",
            "reasonably_good": (
                f"Outcomes for children are reasonably good against this test: {outcome} for "
                "most children, and the shortfalls found are not serious."
            ),
            "not_sufficiently_good": (
                "Outcomes for children are not sufficiently good against this test: there is "
                f"evidence that too few children find that {outcome}, and some outcomes are "
                "seriously affected."
            ),
            "poor": (
                "Outcomes for children are poor against this test: there is evidence that "
                f"children do not find that {outcome}, and the failures need remedial action now."
            ),
        },
    )


SAFETY = _test(
    "safety",
    "Safety",
    "Children, particularly the most vulnerable, are held safely.",
    (
        "Children are safe on arrival and during their first night, and information from the "
        "youth offending team and children's social care arrives with them and is used.",
        "Bullying, self-harm and violence are monitored and reduced, and force, restraint and "
        "separation are proportionate, recorded and independently scrutinised.",
        "Safeguarding concerns are referred to the local authority designated officer and "
        "children's social care without delay.",
    ),
    "children are held safely, and the most vulnerable are protected",
)
RESPECT = _test(
    "respect",
    "Respect",
    "Children are treated with respect for their human dignity.",
    (
        "Relationships between staff and children are respectful and staff know children well.",
        "Children's diverse needs are met, and complaints are answered fairly and promptly.",
        "Living conditions, food and health care meet children's needs.",
    ),
    "children are treated with respect for their human dignity",
)
PURPOSEFUL_ACTIVITY = _test(
    "purposeful_activity",
    "Purposeful activity",
    "Children are able, and expected, to engage in activity that is likely to benefit them.",
    (
        "Children spend enough time out of their rooms, in education, training and activities "
        "that meet their needs.",
        "Education and training lead to recognised progress and qualifications.",
    ),
    "children take part in activity that is likely to benefit them",
)
RESETTLEMENT = _test(
    "resettlement",
    "Resettlement",
    "Children are prepared for their release into the community and helped to reduce the "
    "likelihood of reoffending.",
    (
        "Resettlement planning begins on arrival, with the child's home youth offending team.",
        "Children leave with suitable accommodation and education, training or employment "
        "arranged, and children looked after keep the support the local authority owes them.",
    ),
    "children are prepared for release and helped not to reoffend",
)

FRAMEWORKS[INTEGRATED_2017] = InspectorateFramework(
    inspectorate=CODE,
    areas=(SAFETY, RESPECT, PURPOSEFUL_ACTIVITY, RESETTLEMENT),
    requires_custodial_establishment=True,
    grade_scale=HEALTHY_ESTABLISHMENT_SCALE,
)
