"""The factual accuracy round (DESIGN rule 10): the draft sent to the area, its contacts'
personal links, every use of those links, their comments and the team's dispositions.

A round sends one ready factual-accuracy draft (`reports.ReportVersion`) to the area's active
contacts. Each contact gets one `AccuracyLink`: a random id and nonce kept here, signed into the
address the contact receives (`accuracy.links`). Every use of a link, refused ones included, is a
`LinkUse` row, which the audit log lists (`core.audit_registry`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import long_date
from core.models import TimeStampedModel
from inspections.models import AreaContact, Inspection
from reports.models import ReportVersion


class ResponseState(models.TextChoices):
    NOT_STARTED = "", "Not started"
    QUEUED = "queued", "Queued"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class FactualAccuracyRound(TimeStampedModel):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="accuracy_rounds"
    )
    report_version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()
    # The last day for comments: working days from the day the draft was sent (DESIGN rule 17).
    deadline = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The response document for the area, rendered by the worker once the round closes.
    response_state = models.CharField(
        max_length=10, choices=ResponseState.choices, default="", blank=True
    )
    response_pdf = models.FileField(max_length=255, blank=True)
    response_sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    response_error = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection"],
                condition=Q(closed_at=None),
                name="one_open_accuracy_round_per_inspection",
                violation_error_message="This inspection already has an open round.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection.reference}: factual accuracy round of {long_date(self.sent_at)}"

    def get_absolute_url(self) -> str:
        return reverse("accuracy:overview", kwargs={"reference": self.inspection.reference})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def response_download_name(self) -> str:
        return f"{self.inspection.reference}-factual-accuracy-response.pdf"


class AccuracyLink(TimeStampedModel):
    """One contact's personal link to one round's draft."""

    round = models.ForeignKey(FactualAccuracyRound, on_delete=models.PROTECT, related_name="links")
    contact = models.ForeignKey(AreaContact, on_delete=models.PROTECT, related_name="+")
    # Random, never shown alone: the address signs it with the nonce, round, contact and draft.
    token_id = models.CharField(max_length=40, unique=True)
    nonce = models.CharField(max_length=40)
    # Usable to the end of this day, Europe/London.
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    no_comments_at = models.DateTimeField(
        null=True, blank=True, help_text="When the contact said they have no comments."
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token_id", "nonce"])

    class Meta:
        ordering = ["round", "contact__partner_body__name", "contact__name", "pk"]

    def __str__(self) -> str:
        return f"Link for {self.contact.name}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class LinkUseKind(models.TextChoices):
    OPENED = "opened", "Opened the draft"
    DOWNLOADED = "downloaded", "Downloaded the draft PDF"
    COMMENTED = "commented", "Commented"
    NO_COMMENTS = "no_comments", "Said they have no comments"
    DOWNLOADED_RESPONSE = "downloaded_response", "Downloaded the response document"
    REFUSED_EXPIRED = "refused_expired", "Refused: the link has expired"
    REFUSED_REVOKED = "refused_revoked", "Refused: the link was revoked"
    REFUSED_OTHER_DRAFT = "refused_other_draft", "Refused: the link is for another draft"
    REFUSED_TAMPERED = "refused_tampered", "Refused: the link was changed or is not real"


class LinkUse(models.Model):
    """One use of a link, allowed or refused. The tampered link of no known round has no link."""

    link = models.ForeignKey(
        AccuracyLink, on_delete=models.PROTECT, null=True, blank=True, related_name="uses"
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    what = models.CharField(max_length=30, choices=LinkUseKind.choices)
    contact_name = models.CharField(max_length=120, blank=True)

    # Written once, never changed: the history row is what the audit log lists.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        who = self.contact_name or "unknown"
        return f"{self.get_what_display()} ({who})"


class CommentKind(models.TextChoices):
    FACTUAL_ERROR = "factual_error", "Factual error"
    MISSING_EVIDENCE = "missing_evidence", "Missing evidence"
    TYPOGRAPHICAL = "typographical", "Typographical error"
    DISAGREES_WITH_JUDGEMENT = "judgement", "Disagreement with a judgement"


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class AccuracyComment(TimeStampedModel):
    """A contact's comment on one section of the draft, and the team's disposition of it."""

    round = models.ForeignKey(
        FactualAccuracyRound, on_delete=models.PROTECT, related_name="comments"
    )
    link = models.ForeignKey(AccuracyLink, on_delete=models.PROTECT, related_name="comments")
    # The heading's id in the draft's HTML, and its title as the contact saw it.
    section_key = models.CharField(max_length=120)
    section_title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=CommentKind.choices)
    text = models.TextField()
    proposed_change = models.TextField(blank=True)
    late = models.BooleanField(default=False)
    # The disposition, recorded by the inspectorate that owns the section.
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    change_made = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    disposed_at = models.DateTimeField(null=True, blank=True)
    # One more on every disposition: two people recording one at once cannot both win.
    version = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.section_title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "accuracy:comment",
            kwargs={"reference": self.round.inspection.reference, "pk": self.pk},
        )

    @property
    def has_disposition(self) -> bool:
        return bool(self.outcome)
