"""What the reports app adds to the pages every inspector starts from (`core.dashboard`)."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection
from inspections.permissions import InspectionAccess


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """The link from the inspection's page to the team's joint report."""
    return [Link("Joint report", reverse("reports_team:overview", args=[inspection.reference]))]
