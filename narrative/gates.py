"""What a narrative inspection needs before steps other apps own (`core.gates`, DESIGN rule 16):
its theme before the area is notified, and every agency's findings before publication."""

from __future__ import annotations

from inspections.models import Inspection
from inspectorates.frameworks import Mode
from narrative.models import InspectionTheme
from narrative.selectors import agencies_without_findings

THEME_BEFORE_NOTICE = "Choose the inspection's theme before the area is notified."
FINDINGS_BEFORE_PUBLISHING = "{names}: no findings written yet."


def theme_missing(*, inspection: Inspection) -> list[str]:
    if inspection.framework.mode != Mode.NARRATIVE:
        return []
    if InspectionTheme.objects.filter(inspection=inspection).exists():
        return []
    return [THEME_BEFORE_NOTICE]


def findings_missing(*, inspection: Inspection) -> list[str]:
    if inspection.framework.mode != Mode.NARRATIVE:
        return []
    names = agencies_without_findings(inspection=inspection)
    return [FINDINGS_BEFORE_PUBLISHING.format(names=", ".join(names))] if names else []
