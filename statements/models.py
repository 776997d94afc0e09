"""The area's written statement of action, after a report with serious weaknesses (DESIGN rule 12).

Whether a statement is owed, and by when, is worked out from the published report and the
framework (`statements.selectors`), never stored: a correction that changes a grade changes it.
What is stored is what the programme administrator records: the statement received (its PDF,
kept like a report's, with its SHA-256), its actions, the monitoring notes, its publication, and
the emails sent to the area about it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import long_date
from core.models import TimeStampedModel
from inspections.models import AreaContact, Inspection, PartnerBody


class StatementOfAction(TimeStampedModel):
    """The statement an area sent, as received; one per inspection (a revision replaces it)."""

    inspection = models.OneToOneField(
        Inspection, on_delete=models.PROTECT, related_name="statement_of_action"
    )
    received_on = models.DateField()
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.FileField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size_bytes = models.PositiveIntegerField()
    # The name the area gave the file, shown to staff; the stored name is ours.
    original_name = models.CharField(max_length=255)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection"]
        verbose_name = "written statement of action"

    def __str__(self) -> str:
        return f"Written statement of action for {self.inspection.reference}"

    def get_absolute_url(self) -> str:
        return reverse("statements:detail", kwargs={"reference": self.inspection.reference})

    def is_published(self, *, today: datetime.date) -> bool:
        return self.published_on is not None and self.published_on <= today

    @property
    def download_name(self) -> str:
        return f"{self.inspection.reference}-written-statement-of-action.pdf"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class StatementAction(TimeStampedModel):
    """One action the area commits to in its statement, owned by one of its partner bodies."""

    statement = models.ForeignKey(
        StatementOfAction, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(PartnerBody, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    # Each change's number: a change is refused unless it was made on the version its page
    # showed, so that two people updating one action cannot silently overwrite each other.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["statement", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]

    def is_overdue(self, *, today: datetime.date) -> bool:
        return self.status != ActionStatus.DONE and self.due_on < today

    def status_label(self, *, today: datetime.date) -> str:
        """The status a reader sees: "Overdue" when past its date and not done."""
        return "Overdue" if self.is_overdue(today=today) else self.get_status_display()


class MonitoringNote(TimeStampedModel):
    """What the programme found when it checked the area's progress, on a date."""

    statement = models.ForeignKey(StatementOfAction, on_delete=models.CASCADE, related_name="notes")
    noted_on = models.DateField()
    text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["statement", "-noted_on", "-pk"]

    def __str__(self) -> str:
        return f"Note of {long_date(self.noted_on)}"


class NoticeKind(models.TextChoices):
    DUE = "due", "Statement owed"
    REMINDER = "reminder", "Reminder before the due date"


class StatementNotice(models.Model):
    """An email sent to the area about its statement: once of each kind per inspection, so that
    the daily task can run any number of times and send each only once."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField()
    recipients = models.ManyToManyField(AreaContact, related_name="+", blank=True)

    class Meta:
        ordering = ["inspection", "sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "kind"], name="statement_notice_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.inspection_id}"
