"""What the lscb app adds to the pages every inspector starts from (`core.dashboard`)."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection
from inspections.permissions import InspectionAccess


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """The link from the inspection's page to its shared text."""
    return [
        Link(
            "Shared LSCB judgement and summary of key findings",
            reverse("lscb:overview", args=[inspection.reference]),
        )
    ]
