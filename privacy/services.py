"""Recording every view of a child's personal details (DESIGN rule 14)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from inspections.models import Inspection
from privacy.models import ChildDetailView


def record_child_view(
    *, viewer: AbstractBaseUser, inspection: Inspection, child_reference: str, page: str
) -> ChildDetailView:
    """Log that `viewer` was shown the personal details of the child `child_reference`.

    Call it from every view that renders a child's personal details, after the permission
    check and before the response is returned (a HEAD shows nothing, but is logged all the same:
    the page was served).
    """
    return ChildDetailView.objects.create(
        inspection=inspection,
        viewer=viewer,
        viewed_at=timezone.now(),
        child_reference=child_reference[:60],
        page=page[:60],
    )
