"""What the judgements app adds to the pages every inspector starts from (`core.dashboard`)."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection
from inspections.permissions import InspectionAccess


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """Links from the inspection's page to its evidence and judgements."""
    reference = [inspection.reference]
    links = [
        Link("Evidence and judgements workspace", reverse("judgements:workspace", args=reference)),
        Link("Evidence", reverse("judgements:evidence_list", args=reference)),
        Link(
            "Coverage: gaps in evidence and judgements",
            reverse("judgements:coverage", args=reference),
        ),
    ]
    # Case samples are what evidence is recorded against; only the team may see them.
    if access.is_team_member:
        links.append(Link("Case samples", reverse("inspections:case_list", args=reference)))
    return links
