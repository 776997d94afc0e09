"""Narrative joint inspections (DESIGN rule 16): the inspection's "deep dive" theme, and each
participating agency's findings as strengths and areas for improvement, tagged with the theme's
sub-themes. The joint letter itself is shared text (`lscb`, kind `joint_letter`; ADR 18).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from inspections.models import Inspection
from inspectorates.frameworks import Theme
from inspectorates.models import Inspectorate


class InspectionTheme(TimeStampedModel):
    """The theme a narrative inspection looks at, chosen from its framework version's list."""

    inspection = models.OneToOneField(
        Inspection, on_delete=models.CASCADE, related_name="narrative_theme"
    )
    theme_code = models.CharField(max_length=40)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    def __str__(self) -> str:
        return f"{self.theme_code} on {self.inspection.reference}"

    @property
    def theme(self) -> Theme:
        return theme_of(self.inspection, self.theme_code)


def theme_of(inspection: Inspection, code: str) -> Theme:
    """A theme of the inspection's own framework version (KeyError when it has none so coded)."""
    for theme in inspection.framework.themes:
        if theme.code == code:
            return theme
    raise KeyError(code)


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"


class Finding(TimeStampedModel):
    """One agency's strength or area for improvement, in the words its inspectors write it."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="narrative_findings"
    )
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=FindingKind.choices)
    text = models.TextField()
    # Codes of the theme's sub-themes (at least one, `services`): what the overview counts. A
    # JSON list rather than a PostgreSQL array, so the embedded SQLite set-up (ADR 6) runs it.
    sub_themes = models.JSONField(default=list)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["inspection", "inspectorate__position", "kind", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.inspectorate.code}) on {self.inspection_id}"

    def sub_theme_titles(self, theme: Theme) -> list[str]:
        titles = {sub.code: sub.title for sub in theme.sub_themes}
        return [titles.get(code, code) for code in self.sub_themes]
