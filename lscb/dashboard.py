"""What the lscb app adds to the pages every inspector starts from (`core.dashboard`)."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection
from inspections.permissions import InspectionAccess
from lscb.models import SharedTextKind, kinds_for


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """The link from the inspection's page to its shared text (a narrative one's is its letter)."""
    text = "Shared LSCB judgement and summary of key findings"
    if kinds_for(inspection.framework) == (SharedTextKind.JOINT_LETTER,):
        text = "The joint letter and its sign-off"
    return [
        Link(
            text,
            reverse("lscb:overview", args=[inspection.reference]),
        )
    ]
