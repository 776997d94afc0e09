"""Who may do what in a narrative inspection: programme staff choose the theme before the area
is notified; each inspectorate's team writes only its own agency's findings (DESIGN rule 2),
and, the findings being part of the letter, only until it is agreed (rule 6; `services`)."""

from __future__ import annotations

from core.permissions import refuse_unless
from inspections.models import InspectionStatus
from inspections.permissions import InspectionAccess
from inspectorates.frameworks import Mode

THEME_NOT_ALLOWED = "Only programme staff can choose the theme, before the area is notified."
NOT_NARRATIVE = "This inspection is graded: it has no theme and no narrative findings."
FINDINGS_NOT_ALLOWED = (
    "Only {name}'s inspectors on the team can write its findings, while the inspection is in "
    "fieldwork or drafting."
)


def is_narrative(access: InspectionAccess) -> bool:
    return access.inspection.framework.mode == Mode.NARRATIVE


def may_choose_theme(access: InspectionAccess) -> bool:
    return (
        is_narrative(access)
        and access.is_programme_admin
        and access.inspection.status == InspectionStatus.PLANNED
    )


def check_choose_theme(access: InspectionAccess) -> None:
    refuse_unless(is_narrative(access), NOT_NARRATIVE)
    refuse_unless(may_choose_theme(access), THEME_NOT_ALLOWED)


def may_write_findings(access: InspectionAccess, inspectorate_code: str) -> bool:
    return is_narrative(access) and access.may_write_for(inspectorate_code)


def check_write_findings(access: InspectionAccess, inspectorate_code: str, name: str) -> None:
    refuse_unless(is_narrative(access), NOT_NARRATIVE)
    refuse_unless(
        may_write_findings(access, inspectorate_code), FINDINGS_NOT_ALLOWED.format(name=name)
    )
