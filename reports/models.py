"""The joint report: its rendered versions, and their publication to the public.

A `ReportVersion` is one rendering of the whole report (a factual-accuracy draft for the
inspected area, or a final version), produced by a Celery worker. A `Publication` puts one final
version in front of the public from its publish-at time; a correction is a later publication of
a newer final version, and every earlier published version stays downloadable at its own address.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from inspections.models import Inspection
from inspectorates.models import Inspectorate


class ReportPurpose(models.TextChoices):
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy draft"
    FINAL = "final", "Final"


class ReportState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class RenderStage(models.TextChoices):
    """The worker's stages, in order; each is timed on the version."""

    COLLECTING = "collecting", "Collecting the content"
    LAYING_OUT = "laying_out", "Laying out the pages"
    WRITING = "writing", "Writing the PDF"
    CHECKING = "checking", "Checking for personal data"
    STORING = "storing", "Storing the file"


class PersonalDataCheck(models.TextChoices):
    NOT_RUN = "not_run", "Not run"
    PASSED = "passed", "Passed"
    # Only warnings: each needs a named reviewer's acknowledgement (DESIGN rule 19).
    WARNINGS = "warnings", "Warnings to acknowledge"
    FAILED = "failed", "Failed"


class ReportVersion(TimeStampedModel):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="report_versions"
    )
    number = models.PositiveIntegerField()
    purpose = models.CharField(max_length=20, choices=ReportPurpose.choices)
    state = models.CharField(max_length=20, choices=ReportState.choices, default=ReportState.QUEUED)
    # The date printed on the cover as the publication date (final versions only): the day of
    # `planned_publish_at`, or the day the version was asked for when it is published on that day
    # (DESIGN rule 20). Publication refuses a version whose date is not the publication's.
    publication_date = models.DateField(null=True, blank=True)
    # The embargo chosen when the final version was asked for; None: published on its cover's day.
    planned_publish_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.FileField(max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    # The report body exactly as rendered into the PDF: the public page shows this, so that the
    # web page and the file a reader downloads never differ.
    body_html = models.TextField(blank=True)
    # Digest of the content the version was rendered from; publication refuses a stale version.
    content_digest = models.CharField(max_length=64, blank=True)
    current_stage = models.CharField(max_length=20, choices=RenderStage.choices, blank=True)
    # [{"stage": code, "started_at": iso, "seconds": float | None}, ...] in the order run.
    stages = models.JSONField(default=list, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    personal_data_check = models.CharField(
        max_length=10, choices=PersonalDataCheck.choices, default=PersonalDataCheck.NOT_RUN
    )
    # What the personal-data check found (reports.personal_data.Finding.as_dict): what, whose
    # record, blocking or a warning, the section and PDF page, and the words around it. It
    # quotes personal data: team-only, never logged, hidden from the audit log.
    personal_data_findings = models.JSONField(default=list, blank=True)
    # Digest of the names and identifiers checked for; a later change means the check is stale.
    personal_data_terms_digest = models.CharField(max_length=64, blank=True)

    history = HistoricalRecords(excluded_fields=["body_html", "stages"])

    class Meta:
        ordering = ["inspection", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "number"], name="report_version_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(state="ready") | ~Q(sha256=""),
                name="ready_report_version_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection.reference} v{self.number} ({self.get_purpose_display()})"

    def get_absolute_url(self) -> str:
        return reverse(
            "reports_team:version",
            kwargs={"reference": self.inspection.reference, "number": self.number},
        )

    @property
    def is_final(self) -> bool:
        return self.purpose == ReportPurpose.FINAL

    @property
    def is_ready(self) -> bool:
        return self.state == ReportState.READY

    @property
    def is_finished(self) -> bool:
        return self.state in (ReportState.READY, ReportState.FAILED)

    @property
    def download_name(self) -> str:
        kind = "final" if self.is_final else "factual-accuracy-draft"
        return f"{self.inspection.reference}-v{self.number}-{kind}.pdf"


class ReportJudgement(models.Model):
    """One judgement as printed in a rendered version: what the open data and search read.

    A snapshot, so that the published grades are exactly those in the published file. The
    shared LSCB judgement has no inspectorate.
    """

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="judgements")
    inspectorate = models.ForeignKey(
        Inspectorate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    area_code = models.CharField(max_length=60)
    area_title = models.CharField(max_length=200)
    grade = models.CharField(max_length=30, blank=True)
    grade_label = models.CharField(max_length=60, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "inspectorate", "area_code"],
                name="report_judgement_once_per_version",
            ),
        ]
        indexes = [models.Index(fields=["grade"])]

    def __str__(self) -> str:
        return f"{self.area_code}: {self.grade_label or 'not graded'}"


class Publication(TimeStampedModel):
    """A final version made public from `publish_at` (the embargo) onwards."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="publications"
    )
    report_version = models.OneToOneField(
        ReportVersion, on_delete=models.PROTECT, related_name="publication"
    )
    # Every publication of one inspection shares its slug: the report's public address.
    slug = models.SlugField(max_length=120)
    publish_at = models.DateTimeField(db_index=True)
    published_at = models.DateTimeField(help_text="When the lead inspector published it.")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Built from what the correction changed, section by section, and its reason (rule 11).
    correction_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["slug", "publish_at"])]

    def __str__(self) -> str:
        return f"{self.slug} v{self.report_version.number}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"slug": self.slug})

    def get_pdf_url(self) -> str:
        return reverse("reports:pdf", kwargs={"slug": self.slug})

    def get_version_url(self) -> str:
        """This publication's own address, which stays after a correction supersedes it."""
        return reverse(
            "reports:version", kwargs={"slug": self.slug, "number": self.report_version.number}
        )

    def get_version_pdf_url(self) -> str:
        return reverse(
            "reports:version_pdf",
            kwargs={"slug": self.slug, "number": self.report_version.number},
        )

    @property
    def is_correction(self) -> bool:
        return bool(self.correction_note)


class FindingAcknowledgement(TimeStampedModel):
    """A named reviewer's acknowledgement, with a reason, of one warning of the personal-data
    check on one version (DESIGN rule 19). A blocking finding is never acknowledged.

    One acknowledgement covers the warning wherever the version repeats the same words (its
    key is the same on every page). A new version is checked afresh and acknowledged afresh.
    """

    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    finding_key = models.CharField(max_length=32)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "finding_key"], name="finding_acknowledged_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} finding {self.finding_key}"


# A correction is open until its corrected version is published, or it is withdrawn unused.
OPEN_CORRECTION = Q(publication__isnull=True, withdrawn_at__isnull=True)


class Correction(TimeStampedModel):
    """A correction of a published report (DESIGN rule 11), open until its version is published.

    It names what it changes (`parts`); only those unlock, and only while it is open. `before`
    is the report's content when it was opened, which the public note is compared against.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="corrections")
    reason = models.TextField(help_text="Published with the correction note.")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # [{"part": "judgement:12" | "judgement_grade:12" | "shared:key_findings" | "sections",
    #   "label": "Ofsted: Overall effectiveness", "grade_reason": "..."}, ...]
    parts = models.JSONField(default=list)
    before = models.JSONField(default=dict)
    publication = models.OneToOneField(
        Publication, on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )
    # Withdrawn without a publication: only while the report is still exactly as published.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["before"])

    class Meta:
        ordering = ["inspection", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection"],
                condition=OPEN_CORRECTION,
                name="one_open_correction_per_inspection",
                violation_error_message="This report already has an open correction.",
            ),
        ]

    def __str__(self) -> str:
        return f"Correction of {self.inspection.reference} opened {self.created_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.publication_id is None and self.withdrawn_at is None

    @property
    def part_names(self) -> set[str]:
        return {entry["part"] for entry in self.parts}

    def grade_reason(self, judgement_pk: int) -> str:
        for entry in self.parts:
            if entry["part"] == f"judgement_grade:{judgement_pk}":
                return entry.get("grade_reason", "")
        return ""
