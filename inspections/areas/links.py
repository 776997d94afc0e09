"""The link from an inspection's page to its area's partner bodies and contacts (`core.dashboard`),
for those who may read them: the team needs them while it inspects (DESIGN rule 18)."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection
from inspections.permissions import InspectionAccess, area_readable_from


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    if not area_readable_from(access):
        return []
    area = inspection.local_authority
    return [
        Link(
            f"Partner bodies and contacts in {area.name}",
            reverse("areas:detail", args=[area.ons_code]),
        )
    ]
