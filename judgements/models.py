"""Evidence gathered by each inspectorate and the separate judgements it grounds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.text import one_per_line
from inspections.models import CaseSample, Inspection
from inspectorates.models import Inspectorate


class EvidenceSource(models.TextChoices):
    CASE_AUDIT = "case_audit", "Case audit"
    OBSERVATION = "observation", "Observation or shadowing of practice"
    PRACTITIONER_DISCUSSION = "practitioner_discussion", "Discussion with practitioners"
    CHILD_FAMILY_MEETING = "child_family_meeting", "Meeting with a child, family or carer"
    DOCUMENTS = "documents", "Documents"
    DATA = "data", "Data"


class Evidence(TimeStampedModel):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="evidence")
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence"
    )
    observed_on = models.DateField("date")
    source = models.CharField(max_length=30, choices=EvidenceSource.choices)
    text = models.TextField()
    # Staff seen or spoken to; recorded so the report's personal-data check can look for them.
    staff_names = models.TextField(
        blank=True, help_text="Staff named in this evidence, one a line."
    )
    case_samples = models.ManyToManyField(CaseSample, blank=True, related_name="evidence")

    history = HistoricalRecords(m2m_fields=[case_samples])

    class Meta:
        ordering = ["-observed_on", "-id"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["inspection", "inspectorate"])]

    def __str__(self) -> str:
        return f"Evidence {self.pk} ({self.get_source_display()}, {self.observed_on})"

    @property
    def staff_name_list(self) -> list[str]:
        return one_per_line(self.staff_names)


class EvidenceArea(models.Model):
    """A judgement area of the evidence's own inspectorate that the evidence informs.

    Areas are framework data, so this holds the area's code rather than a foreign key.
    """

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="areas")
    area_code = models.CharField(max_length=60)
    # Copies of the evidence's own, which never change: the workspace counts one inspection's
    # evidence per area from an index on these instead of joining every area row of the
    # programme (bench/README.md, fix 8). Set on save, or by `EvidenceArea.of` for bulk writes.
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="+", db_index=False
    )  # indexed first in `evidence_area_count`
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")

    # Which areas a piece of evidence informs is part of the evidence's history too; the copies
    # are the evidence's history already.
    history = HistoricalRecords(excluded_fields=["inspection", "inspectorate"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evidence", "area_code"], name="evidence_area_once"),
        ]
        indexes = [
            models.Index(fields=["area_code"]),
            models.Index(
                fields=["inspection", "inspectorate", "area_code"], name="evidence_area_count"
            ),
        ]

    def __str__(self) -> str:
        return self.area_code

    def save(self, *args, **kwargs) -> None:
        # The copies follow the evidence whichever way a row is saved; `bulk_create` skips
        # this, hence `EvidenceArea.of`.
        self.inspection_id = self.evidence.inspection_id
        self.inspectorate_id = self.evidence.inspectorate_id
        super().save(*args, **kwargs)

    @classmethod
    def of(cls, evidence: Evidence, area_code: str) -> EvidenceArea:
        """An area this evidence informs, carrying the evidence's inspection and inspectorate."""
        return cls(
            evidence=evidence,
            area_code=area_code,
            inspection_id=evidence.inspection_id,
            inspectorate_id=evidence.inspectorate_id,
        )


class JudgementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    AGREED = "agreed", "Agreed"


class Judgement(TimeStampedModel):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    area_code = models.CharField(max_length=60)
    grade = models.CharField(max_length=30, blank=True)
    rationale = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    areas_for_improvement = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    # Why the grade departs from a presumption that limits it (DESIGN rule 15); kept in history.
    departure_reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=JudgementStatus.choices, default=JudgementStatus.DRAFT
    )
    # Optimistic locking: a save must name the version it was edited from.
    version = models.PositiveIntegerField(default=1)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="judgements")
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)

    # Reopening records the user's own reason, which can be longer than the default 100.
    history = HistoricalRecords(
        m2m_fields=[evidence], history_change_reason_field=models.TextField(null=True)
    )

    class Meta:
        ordering = ["inspection", "inspectorate__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "inspectorate", "area_code"],
                name="one_judgement_per_area",
                violation_error_message="This area already has a judgement on this inspection.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspectorate.code}/{self.area_code} on {self.inspection.reference}"

    @property
    def area(self):
        return self.inspection.framework.for_inspectorate(self.inspectorate.code).area(
            self.area_code
        )

    @property
    def grade_label(self) -> str:
        if not self.grade:
            return ""
        return self.inspection.framework.scale_for(self.inspectorate.code, self.area_code).label(
            self.grade
        )
