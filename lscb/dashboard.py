"""What the lscb app adds to the pages every inspector starts from (`core.dashboard`)."""

from __future__ import annotations

from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection
from inspections.permissions import InspectionAccess
from lscb.models import SharedTextKind, kinds_for


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """The link from the inspection's page to its shared text (a narrative one's is its letter)."""
    kinds = kinds_for(inspection.framework)
    text = "Shared LSCB judgement and summary of key findings"
    if kinds == (SharedTextKind.JOINT_LETTER,):
        text = "The joint letter and its sign-off"
    elif SharedTextKind.LSCB_JUDGEMENT not in kinds:
        # The looked after children kind has no shared LSCB judgement (DESIGN section 1).
        text = "Shared summary of key findings"
    return [
        Link(
            text,
            reverse("lscb:overview", args=[inspection.reference]),
        )
    ]
