"""Ofsted's framework data for the 2015 joint inspections of children's services.

Ofsted inspects the local authority's children's social care and leads every joint inspection.
Its judgement areas are the same in each kind it takes part in, so each area is declared once
here and reused; only the scope of leadership and overall effectiveness is described differently
for the narrower child protection and looked after children inspections. The limiting rules are
data, checked when judgements are saved: breaking one is shown to the inspector as an error.
Sub-judgements (adoption performance, care leavers) are graded separately and never roll up.
"""

from __future__ import annotations

from dataclasses import replace

from inspectorates.frameworks import (
    CHILDRENS_SOCIAL_CARE,
    FOUR_POINT_SCALE,
    Grade,
    GradeScale,
    InspectorateFramework,
    JudgementArea,
    LimitingRule,
    RuleStrength,
)
from inspectorates.themes_2016 import JOINT_TARGETED_AREA_2016, narrative_framework

CODE = "ofsted"
NAME = "Ofsted"
# Which of the area's partner bodies this inspectorate's findings are about (their kinds).
SERVICES_INSPECTED = (CHILDRENS_SOCIAL_CARE,)

INTEGRATED = "integrated/2015.1"
JOINT_CHILD_PROTECTION = "joint_child_protection/2015.1"
LOOKED_AFTER_CHILDREN = "looked_after_children/2015.1"
INTEGRATED_2017 = "integrated/2017.1"

# --- Judgement areas ---------------------------------------------------------------------------

HELP_AND_PROTECTION = JudgementArea(
    code="help_and_protection",
    title="Children who need help and protection",
    summary=(
        "How well the local authority and its partners identify children who need help or "
        "protection, respond to concerns about them and make their lives safer and better."
    ),
    criteria=(
        "Concerns about children are identified early, and thresholds for early help and for "
        "statutory intervention are understood and applied consistently by all agencies.",
        "Contacts and referrals, including out of hours, are responded to promptly, and children "
        "at immediate risk of harm are seen and protected without delay.",
        "Assessments are timely, analyse risk and need in the light of the child's history, and "
        "lead to plans with clear actions, timescales and measures of progress.",
        "Children are seen, and seen alone where appropriate, and their wishes and feelings shape "
        "the help and protection they receive.",
        "Children who go missing from home, care or education, and children at risk of sexual "
        "exploitation, are identified and protected by well-coordinated work between agencies.",
        "Children move safely between early help and statutory services as their needs change, "
        "and cases are not closed before risks have been reduced.",
    ),
    descriptors={
        "outstanding": (
            "Children and families receive help and protection of consistently high quality that "
            "makes a lasting difference to their lives. Practice is innovative, rigorously "
            "evaluated and sustained, and risks are reduced quickly and durably."
        ),
        "good": (
            "Children and families receive the right help at the right time. Risks are "
            "identified, understood and reduced through timely multi-agency work, and children's "
            "circumstances improve as a result. Where children are at immediate risk, action to "
            "protect them is swift and effective."
        ),
        "requires_improvement": (
            "There are no widespread or serious failures that leave children harmed or at risk of "
            "harm, but help and protection are not yet consistently good. Some children wait too "
            "long for assessment or help, or plans do not improve their circumstances quickly "
            "enough."
        ),
        "inadequate": (
            "There are widespread or serious failures that leave children harmed or at risk of "
            "harm. Concerns are not responded to promptly, or action to protect children at risk "
            "is delayed or ineffective."
        ),
    },
)

LOOKED_AFTER_AND_PERMANENCE = JudgementArea(
    code="looked_after_and_permanence",
    title="Children looked after and achieving permanence",
    summary=(
        "How well children looked after are cared for and protected, and how quickly they find "
        "permanent homes that meet their needs."
    ),
    criteria=(
        "Decisions for children to become looked after are timely and well informed, and children "
        "do not remain in unsafe situations while those decisions are made.",
        "Children live in stable placements that meet their needs, close to home where that is in "
        "their interests, and moves are planned and kept to a minimum.",
        "Plans for permanence, whether through return home, special guardianship, long-term "
        "fostering or adoption, are made early and pursued without drift.",
        "Children's health, education and emotional well-being are assessed and improving, and "
        "the virtual school tracks and raises their educational attainment.",
        "Children are listened to, understand their plans and their histories, and have access to "
        "independent visitors and advocacy.",
        "Risks from going missing and from sexual exploitation are understood and reduced for "
        "children placed both in and out of the area.",
    ),
    descriptors={
        "outstanding": (
            "Children looked after make exceptional progress from their starting points, and "
            "permanence is secured for them quickly and creatively. Care planning is highly "
            "individual, and children say that their carers and workers make a real difference."
        ),
        "good": (
            "Children looked after are safe, live in stable homes that meet their needs and make "
            "good progress in their health, education and well-being. Plans for permanence are "
            "made early and achieved without unnecessary delay, and children's views shape "
            "decisions about their lives."
        ),
        "requires_improvement": (
            "There are no widespread or serious failures that leave children looked after harmed "
            "or at risk of harm, but their experiences and progress are not yet good. Some "
            "children experience placement instability or delay in achieving permanence."
        ),
        "inadequate": (
            "There are widespread or serious failures in the care or protection of children "
            "looked after, or in securing permanence for them. Children remain in or return to "
            "unsafe situations, or experience repeated placement breakdown and drift in planning."
        ),
    },
)

ADOPTION_PERFORMANCE = JudgementArea(
    code="adoption_performance",
    title="Adoption performance",
    summary=(
        "How well the local authority recruits and supports adopters and places children with "
        "adoptive families without delay."
    ),
    criteria=(
        "Adoption is considered for every child for whom it may be the right plan, and decisions "
        "are not delayed by process.",
        "The time between a child entering care and moving in with an adoptive family is as short "
        "as the child's needs allow, and is reducing.",
        "Enough adopters are recruited, assessed and approved in good time to meet the needs of "
        "children waiting, including older children, brothers and sisters who need to be placed "
        "together, and disabled children.",
        "Matching is well informed, and adoptive families receive the support they need both "
        "before and after the adoption order is made.",
        "Children receive life story work and later-life letters that help them understand their "
        "history.",
    ),
    descriptors={
        "outstanding": (
            "The local authority is highly successful in placing children for adoption, including "
            "children who often wait longest, and delay is rare. Adoption support is "
            "comprehensive and placements very rarely disrupt."
        ),
        "good": (
            "Children for whom adoption is the plan are placed with suitable families without "
            "unnecessary delay. Adopters are recruited and approved in good time, matching is "
            "careful, and adoptive families are well supported after the order."
        ),
        "requires_improvement": (
            "Children are not harmed or placed at risk by the adoption service, but some wait too "
            "long to be matched or placed, or the recruitment and support of adopters are not "
            "consistently effective."
        ),
        "inadequate": (
            "Children for whom adoption is the right plan experience serious or widespread delay, "
            "or poor matching places them at risk. Adopters are not recruited, assessed or "
            "supported well enough to meet children's needs."
        ),
    },
    parent=LOOKED_AFTER_AND_PERMANENCE.code,
)

CARE_LEAVERS = JudgementArea(
    code="care_leavers",
    title="The experiences and progress of care leavers",
    summary=(
        "How well young people leaving care are prepared for adulthood and supported into safe "
        "accommodation and education, employment or training."
    ),
    criteria=(
        "Every eligible young person has a personal adviser and an up-to-date pathway plan that "
        "they helped to write.",
        "Young people live in safe, suitable accommodation, and bed and breakfast accommodation "
        "is used only in an emergency.",
        "Young people are supported into and through education, employment and training, "
        "including apprenticeships and higher education.",
        "Young people develop the practical skills, health knowledge and relationships they need "
        "for independent living, and can stay with their foster carers beyond 18 where that is "
        "right for them.",
        "The local authority stays in touch with its care leavers and knows their circumstances, "
        "including those aged over 21 who remain in education.",
    ),
    descriptors={
        "outstanding": (
            "Care leavers make exceptional progress and are very well prepared for adulthood. "
            "They speak highly of the support they receive, and their accommodation, education "
            "and employment outcomes compare well with those of their peers."
        ),
        "good": (
            "Care leavers are supported by personal advisers who know them well, live in safe and "
            "suitable accommodation, and most are in education, employment or training. Pathway "
            "plans are current, reflect young people's views and address their health and "
            "emotional needs."
        ),
        "requires_improvement": (
            "Care leavers are not placed at risk of harm, but the support they receive is not "
            "consistently good. Some pathway plans are out of date or generic, or too many young "
            "people are not in education, employment or training."
        ),
        "inadequate": (
            "Care leavers are not safe or live in unsuitable accommodation, or the local "
            "authority has lost touch with a significant number of them. Support to prepare them "
            "for adulthood is poor or absent."
        ),
    },
    parent=LOOKED_AFTER_AND_PERMANENCE.code,
)

_LEADERSHIP_CRITERIA = (
    "Leaders and elected members, including the director of children's services and the lead "
    "member, know the quality of practice through performance information, audit and the views of "
    "children and families.",
    "Leaders work with partner agencies and the Local Safeguarding Children Board to agree "
    "priorities and hold each other to account.",
    "Managers provide regular, reflective supervision, and decisions and the reasons for them are "
    "recorded on children's files.",
    "The workforce is stable and suitably qualified, caseloads are manageable, and training "
    "improves practice.",
    "Leaders act on learning from serious case reviews, complaints and previous inspections.",
)

LEADERSHIP = JudgementArea(
    code="leadership",
    title="Leadership, management and governance",
    summary=(
        "How effectively leaders, managers and elected members know the quality of services for "
        "children, hold partners to account and drive improvement."
    ),
    criteria=(
        *_LEADERSHIP_CRITERIA,
        "Commissioning and sufficiency planning ensure that the services and placements children "
        "need are available.",
    ),
    descriptors={
        "outstanding": (
            "Leaders are ambitious for children and have created a culture of high-quality "
            "practice that is sustained over time. Their knowledge of services is comprehensive, "
            "and innovation is evaluated and shared beyond the local area."
        ),
        "good": (
            "Leaders, managers and elected members have an accurate understanding of the quality "
            "of practice and act effectively on it. Partnerships are strong, the workforce is "
            "stable and well supported, and improvement is planned and demonstrable."
        ),
        "requires_improvement": (
            "Leadership is not yet good, although there are no serious failures. Leaders may "
            "know where practice falls short, but improvement is recent, uneven or not yet "
            "sustained."
        ),
        "inadequate": (
            "Leaders, managers and elected members do not know about, or have not acted on, "
            "serious weaknesses in services for children. Oversight of practice is weak, and "
            "children are left at risk of harm as a result."
        ),
    },
)

LEADERSHIP_OF_CHILD_PROTECTION = replace(
    LEADERSHIP,
    title="Leadership, management and governance of child protection",
    summary=(
        "How effectively leaders, managers and elected members across agencies know the quality "
        "of child protection practice, hold each other to account and drive improvement."
    ),
    criteria=(
        *_LEADERSHIP_CRITERIA,
        "Leaders ensure that arrangements for receiving and responding to concerns about "
        "children, including multi-agency information sharing, are well resourced and effective.",
    ),
)

LEADERSHIP_FOR_LOOKED_AFTER_CHILDREN = replace(
    LEADERSHIP,
    summary=(
        "How effectively leaders, managers and elected members act as corporate parents, know "
        "the quality of services for children looked after and care leavers, and improve them."
    ),
    criteria=(
        *_LEADERSHIP_CRITERIA,
        "The corporate parenting board and the children in care council influence services, and "
        "sufficiency planning ensures that the placements children need are available.",
    ),
)

OVERALL_EFFECTIVENESS = JudgementArea(
    code="overall_effectiveness",
    title="Overall effectiveness",
    summary=(
        "The overall effectiveness of services for children who need help and protection, "
        "children looked after and care leavers, weighing all the other judgements together."
    ),
    criteria=(
        "The judgement weighs the other judgements together; it is not an arithmetic average, "
        "and it respects any limiting rule.",
        "Inspectors consider whether children are safe and whether their circumstances are "
        "improving as a result of the help, care and protection they receive.",
        "Inspectors consider the local authority's capacity to improve, shown by its record of "
        "sustained improvement and its understanding of its own strengths and weaknesses.",
    ),
    descriptors={
        "outstanding": (
            "The local authority and its partners deliver consistently high-quality services that "
            "make a significant difference to children's lives. Strengths are sustained, and "
            "there are no serious weaknesses in any area inspected."
        ),
        "good": (
            "Children receive good services that keep them safe and improve their circumstances. "
            "Leaders know where practice needs to improve and are acting effectively to improve it."
        ),
        "requires_improvement": (
            "Services are not yet good. There are no widespread or serious failures that leave "
            "children harmed or at risk of harm, but the quality of help, care and protection "
            "varies too much."
        ),
        "inadequate": (
            "There are widespread or serious failures that leave children harmed or at risk of "
            "harm, or leaders have not identified or addressed serious weaknesses in services."
        ),
    },
)

OVERALL_EFFECTIVENESS_OF_CHILD_PROTECTION = replace(
    OVERALL_EFFECTIVENESS,
    summary=(
        "The overall effectiveness of multi-agency arrangements to help and protect children, "
        "weighing the other judgements together."
    ),
)

OVERALL_EFFECTIVENESS_FOR_LOOKED_AFTER_CHILDREN = replace(
    OVERALL_EFFECTIVENESS,
    summary=(
        "The overall effectiveness of services for children looked after and care leavers, "
        "weighing the other judgements together."
    ),
)

# --- Limiting rules ----------------------------------------------------------------------------

HELP_AND_PROTECTION_INADEQUATE = LimitingRule(
    code="help_and_protection_inadequate",
    description=(
        "Where the judgement for children who need help and protection is inadequate, overall "
        "effectiveness must be inadequate."
    ),
    when_area=HELP_AND_PROTECTION.code,
    when_grades=frozenset({"inadequate"}),
    then_area=OVERALL_EFFECTIVENESS.code,
    then_grades=frozenset({"inadequate"}),
)

LOOKED_AFTER_AND_PERMANENCE_INADEQUATE = LimitingRule(
    code="looked_after_and_permanence_inadequate",
    description=(
        "Where the judgement for children looked after and achieving permanence is inadequate, "
        "overall effectiveness cannot be better than requires improvement."
    ),
    when_area=LOOKED_AFTER_AND_PERMANENCE.code,
    when_grades=frozenset({"inadequate"}),
    then_area=OVERALL_EFFECTIVENESS.code,
    then_grades=frozenset({"requires_improvement", "inadequate"}),
)

# --- Frameworks --------------------------------------------------------------------------------

FRAMEWORKS: dict[str, InspectorateFramework] = {
    INTEGRATED: InspectorateFramework(
        inspectorate=CODE,
        areas=(
            HELP_AND_PROTECTION,
            LOOKED_AFTER_AND_PERMANENCE,
            ADOPTION_PERFORMANCE,
            CARE_LEAVERS,
            LEADERSHIP,
            OVERALL_EFFECTIVENESS,
        ),
        limiting_rules=(HELP_AND_PROTECTION_INADEQUATE, LOOKED_AFTER_AND_PERMANENCE_INADEQUATE),
    ),
    JOINT_CHILD_PROTECTION: InspectorateFramework(
        inspectorate=CODE,
        areas=(
            HELP_AND_PROTECTION,
            LEADERSHIP_OF_CHILD_PROTECTION,
            OVERALL_EFFECTIVENESS_OF_CHILD_PROTECTION,
        ),
        limiting_rules=(HELP_AND_PROTECTION_INADEQUATE,),
    ),
    LOOKED_AFTER_CHILDREN: InspectorateFramework(
        inspectorate=CODE,
        areas=(
            LOOKED_AFTER_AND_PERMANENCE,
            ADOPTION_PERFORMANCE,
            CARE_LEAVERS,
            LEADERSHIP_FOR_LOOKED_AFTER_CHILDREN,
            OVERALL_EFFECTIVENESS_FOR_LOOKED_AFTER_CHILDREN,
        ),
    ),
}


# --- The 2017 version of the integrated framework ------------------------------------------------
#
# Derived from 2015: Ofsted's third grade is "requires improvement to be good" (the same grade,
# so the limiting rules still name it by its code, on a scale of its own so that no reader takes
# one version's label for the other's), the descriptors that say it are reworded, and the
# leadership judgement carries the presumption that failures in practice show in leadership.

OFSTED_2017_SCALE = GradeScale(
    grades=tuple(
        Grade(grade.code, "Requires improvement to be good")
        if grade.code == "requires_improvement"
        else grade
        for grade in FOUR_POINT_SCALE.grades
    ),
    code="ofsted_four_point_2017",
    name="Ofsted's four-point scale (2017)",
)


def _to_be_good(area: JudgementArea, descriptor: str) -> JudgementArea:
    return replace(area, descriptors={**area.descriptors, "requires_improvement": descriptor})


HELP_AND_PROTECTION_2017 = _to_be_good(
    HELP_AND_PROTECTION,
    "There are no widespread or serious failures that leave children harmed or at risk of harm, "
    "but help and protection require improvement to be good. Some children wait too long for "
    "assessment or help, or plans do not improve their circumstances quickly enough.",
)
LOOKED_AFTER_AND_PERMANENCE_2017 = _to_be_good(
    LOOKED_AFTER_AND_PERMANENCE,
    "There are no widespread or serious failures that leave children looked after harmed or at "
    "risk of harm, but their experiences and progress require improvement to be good. Some "
    "children experience placement instability or delay in achieving permanence.",
)
LEADERSHIP_2017 = _to_be_good(
    LEADERSHIP,
    "Leadership requires improvement to be good, although there are no serious failures. "
    "Leaders know where practice falls short, but improvement is recent, uneven or not yet "
    "sustained.",
)
OVERALL_EFFECTIVENESS_2017 = _to_be_good(
    OVERALL_EFFECTIVENESS,
    "Services require improvement to be good. There are no widespread or serious failures that "
    "leave children harmed or at risk of harm, but the quality of help, care and protection "
    "varies too much.",
)

PRACTICE_FAILURES_IN_LEADERSHIP = LimitingRule(
    code="practice_failures_in_leadership",
    description=(
        "Where the judgement for children who need help and protection is inadequate, the "
        "leadership, management and governance judgement is likely to be inadequate too."
    ),
    when_area=HELP_AND_PROTECTION.code,
    when_grades=frozenset({"inadequate"}),
    then_area=LEADERSHIP.code,
    then_grades=frozenset({"inadequate"}),
    strength=RuleStrength.PRESUMPTION,
)

FRAMEWORKS[INTEGRATED_2017] = replace(
    FRAMEWORKS[INTEGRATED],
    areas=(
        HELP_AND_PROTECTION_2017,
        LOOKED_AFTER_AND_PERMANENCE_2017,
        ADOPTION_PERFORMANCE,
        CARE_LEAVERS,
        LEADERSHIP_2017,
        OVERALL_EFFECTIVENESS_2017,
    ),
    limiting_rules=(*FRAMEWORKS[INTEGRATED].limiting_rules, PRACTICE_FAILURES_IN_LEADERSHIP),
    grade_scale=OFSTED_2017_SCALE,
)
# Joint targeted area inspections (narrative, DESIGN rule 16): findings, not judgement areas.
FRAMEWORKS[JOINT_TARGETED_AREA_2016] = narrative_framework(CODE)
