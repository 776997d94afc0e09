"""The read log of children's personal details (DESIGN rule 14)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from inspections.models import Inspection


class ChildDetailView(models.Model):
    """One view of a page that shows a child's personal details: who, when, which child.

    The child is named by the inspection's own reference for the case (a case sample's internal
    reference, or a referral's child reference), never by a personal detail. Rows are only ever
    added: the log is evidence of who saw what.
    """

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="child_detail_views"
    )
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(db_index=True)
    child_reference = models.CharField(max_length=60)
    # What was looked at, in words: "case sample", "referral", "case sample (edit form)".
    page = models.CharField(max_length=60)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        indexes = [models.Index(fields=["inspection", "viewed_at"])]

    def __str__(self) -> str:
        return f"{self.child_reference} viewed at {self.viewed_at:%Y-%m-%d %H:%M}"


class ErasureRecord(models.Model):
    """What one erasure of an inspection's children's personal details erased (DESIGN rule 14).

    Written in the same transaction as the erasure, and only when something was erased: an
    erasure run again finds nothing left and writes no second record. It names fields and
    counts, never a value.
    """

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="personal_detail_erasures"
    )
    erased_at = models.DateTimeField(db_index=True)
    # The first publication's date the erasure was counted from, and the days kept after it.
    published_at = models.DateTimeField()
    kept_days = models.PositiveIntegerField()
    case_samples = models.PositiveIntegerField(help_text="Case samples whose details were erased.")
    history_records = models.PositiveIntegerField(
        help_text="Earlier records of those case samples (their history) blanked as well."
    )
    # The case sample fields erased, in words ("child's name", "date of birth", ...).
    fields = models.JSONField(default=list)
    # Records other apps erased through `privacy.erasure.register`: {what: how many}.
    other_records = models.JSONField(default=dict)
    erased_by = models.CharField(max_length=60, default="scheduled task")

    class Meta:
        ordering = ["-erased_at", "-id"]

    def __str__(self) -> str:
        return f"Erasure on {self.inspection_id} at {self.erased_at:%Y-%m-%d %H:%M}"
