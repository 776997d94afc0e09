"""What the lscb app adds to the pages every inspector starts from (`core.dashboard`)."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection
from inspections.permissions import InspectionAccess


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """The link from the inspection's page to its shared text (the looked after children kind
    has no LSCB judgement, DESIGN section 1)."""
    label = (
        "Shared LSCB judgement and summary of key findings"
        if inspection.framework.shared_lscb_judgement
        else "Shared summary of key findings"
    )
    return [Link(label, reverse("lscb:overview", args=[inspection.reference]))]
