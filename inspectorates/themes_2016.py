"""The "deep dive" themes of the joint targeted area inspections (2016), with their sub-themes.

A narrative inspection's theme is chosen at set-up from this list; every finding an agency
writes is tagged with one or more of the theme's sub-themes (DESIGN rule 16), which is what the
thematic overview of a series counts. Codes are stable: published findings and the overview's
open data carry them.
"""

from __future__ import annotations

from inspectorates.frameworks import InspectorateFramework, SubTheme, Theme

# Sub-themes every theme looks at: how concerns are first recognised and shared, and whether
# leaders know the difference their work makes.
_FRONT_DOOR = SubTheme("front_door", "Identifying concerns and the initial response")
_LEADERSHIP = SubTheme("leadership", "Leadership, management and governance")

THEMES_2016: tuple[Theme, ...] = (
    Theme(
        code="cse_missing",
        title="Child sexual exploitation and children missing from home, care or education",
        sub_themes=(
            _FRONT_DOOR,
            SubTheme("risk_assessment", "Assessing and reducing the risk of exploitation"),
            SubTheme("return_interviews", "Return home interviews and learning from them"),
            SubTheme("disruption", "Disrupting perpetrators and prosecuting them"),
            _LEADERSHIP,
        ),
    ),
    Theme(
        code="domestic_abuse",
        title="Children living with domestic abuse",
        sub_themes=(
            _FRONT_DOOR,
            SubTheme("marac", "Multi-agency risk assessment conferences and information sharing"),
            SubTheme("childs_voice", "Hearing the child and recording their experience"),
            SubTheme("perpetrators", "Work with perpetrators"),
            _LEADERSHIP,
        ),
    ),
    Theme(
        code="neglect",
        title="Neglect",
        sub_themes=(
            _FRONT_DOOR,
            SubTheme("early_help", "Early help for families"),
            SubTheme("older_children", "Recognising the neglect of older children"),
            SubTheme("drift", "Plans that change children's lives, without drift"),
            _LEADERSHIP,
        ),
    ),
    Theme(
        code="criminal_exploitation",
        title="Criminal exploitation of children",
        sub_themes=(
            _FRONT_DOOR,
            SubTheme("county_lines", "Children exploited through county lines"),
            SubTheme("victims_first", "Treating exploited children as victims, not offenders"),
            SubTheme("disruption", "Disrupting perpetrators and prosecuting them"),
            _LEADERSHIP,
        ),
    ),
    Theme(
        code="mental_health",
        title="Children's mental health",
        sub_themes=(
            _FRONT_DOOR,
            SubTheme("access", "Access to mental health services and waiting times"),
            SubTheme("schools", "Support in schools and early intervention"),
            SubTheme("crisis", "Help in a crisis"),
            _LEADERSHIP,
        ),
    ),
)

# The kind's key, and what it says about notice: the area is told ten working days before the
# fieldwork starts (a short-notice rule, enforced at notification).
JOINT_TARGETED_AREA_2016 = "joint_targeted_area/2016.1"
NOTICE_WORKING_DAYS = 10
# The area's written statement of proposed action is due 20 working days after the letter.
STATEMENT_WORKING_DAYS = 20


def narrative_framework(code: str) -> InspectorateFramework:
    """What one agency's inspectorate "judges" in a narrative inspection: nothing graded. Its
    findings are strengths and areas for improvement tagged with the theme's sub-themes, kept by
    the `narrative` app rather than as judgement areas (ADR 18), so every sub-app declares the
    same empty framework through this one helper."""
    return InspectorateFramework(inspectorate=code, areas=())
