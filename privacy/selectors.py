"""Reads of the read log and of the erasures, for the programme administrators' audit pages.

Both hold references and counts only, never a child's personal details.
"""

from __future__ import annotations

from django.db.models import QuerySet

from inspections.models import Inspection
from privacy.models import ChildDetailView, ErasureRecord


def child_detail_views(
    *, inspection: Inspection | None = None, viewer=None
) -> QuerySet[ChildDetailView]:
    """Every recorded view of a child's personal details, newest first: one query per page."""
    views = ChildDetailView.objects.select_related("inspection", "viewer")
    if inspection is not None:
        views = views.filter(inspection=inspection)
    if viewer is not None:
        views = views.filter(viewer=viewer)
    return views.order_by("-viewed_at", "-id")


def erasure_records(*, inspection: Inspection | None = None) -> QuerySet[ErasureRecord]:
    """Every erasure of personal details, newest first."""
    records = ErasureRecord.objects.select_related("inspection__local_authority")
    if inspection is not None:
        records = records.filter(inspection=inspection)
    return records.order_by("-erased_at", "-id")
