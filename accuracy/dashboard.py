"""What the round adds to the pages every inspector starts from (`core.dashboard`)."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection, InspectionStatus
from inspections.permissions import InspectionAccess

SHOWN_FROM = frozenset({InspectionStatus.FACTUAL_ACCURACY, InspectionStatus.PUBLISHED})


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """The link from the inspection's page to its factual accuracy round."""
    if inspection.status not in SHOWN_FROM:
        return []
    return [
        Link("Factual accuracy check", reverse("accuracy:overview", args=[inspection.reference]))
    ]
