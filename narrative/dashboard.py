"""The links a narrative inspection's page gets (`core.dashboard`): its theme and findings."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection
from inspections.permissions import InspectionAccess
from inspectorates.frameworks import Mode


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    if inspection.framework.mode != Mode.NARRATIVE:
        return []
    return [
        Link("Theme of the inspection", reverse("narrative:theme", args=[inspection.reference])),
        Link(
            "Findings: strengths and areas for improvement",
            reverse("narrative:findings", args=[inspection.reference]),
        ),
    ]
