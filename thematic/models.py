"""A series of published narrative inspections on one theme, and its public overview
(DESIGN rule 16): the programme administrator groups the letters; the overview counts, by agency,
how often each sub-theme was a strength or an area for improvement across them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from inspections.models import Inspection


class Series(TimeStampedModel):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    theme_code = models.CharField(max_length=40)
    # The framework version whose theme it is: its sub-themes are what the overview counts.
    framework_key = models.CharField(max_length=60)
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("thematic_public:overview", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class SeriesMember(models.Model):
    """One published narrative inspection in a series."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="members")
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["series", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "inspection"], name="an_inspection_once_per_series"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id} in {self.series_id}"
