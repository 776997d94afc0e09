"""Concern referrals: a child found at risk during fieldwork, who was alerted, and the answer
(DESIGN rule 13)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from inspections.models import AgeBand, CaseSample, Inspection, PartnerBody


class ReferralMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    SECURE_EMAIL = "secure_email", "Secure email"
    IN_PERSON = "in_person", "In person"


# What an erased free-text field holds after erasure (DESIGN rule 14).
ERASED = "[erased]"


class ConcernReferral(TimeStampedModel):
    """One referral of a child to a local agency, numbered within its inspection.

    The child is either a case sample of the inspection or a minimal record kept on the
    referral itself: a reference and an age band, never a name. Everywhere outside the team's
    referral pages it is "referral N".
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="referrals")
    number = models.PositiveIntegerField()
    case_sample = models.ForeignKey(
        CaseSample, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    # The minimal child record, when the child is not a case sample.
    child_reference = models.CharField(max_length=30, blank=True)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    concern = models.TextField(help_text="What was found.")
    partner_body = models.ForeignKey(
        PartnerBody, on_delete=models.PROTECT, related_name="referrals", verbose_name="agency"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    alerted_at = models.DateTimeField()
    method = models.CharField(max_length=20, choices=ReferralMethod.choices)
    # The end of the next working day after the alert (DESIGN rule 17): escalated after it.
    response_due_by = models.DateTimeField(db_index=True)
    response = models.TextField(blank=True)
    response_received_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Bumped by every change after recording: two people answering or closing at once cannot
    # both succeed silently (core.versioning).
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    last_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    personal_details_erased_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "number"], name="referral_number_unique_in_inspection"
            ),
            # A case sample, or a minimal record with a reference and an age band: one of them.
            models.CheckConstraint(
                condition=(
                    Q(case_sample__isnull=False, child_reference="", age_band="")
                    | (Q(case_sample__isnull=True) & ~Q(child_reference="") & ~Q(age_band=""))
                ),
                name="referral_child_is_a_case_or_a_minimal_record",
            ),
            # Closed only with the agency's response recorded.
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(response_received_at__isnull=False),
                name="referral_closed_only_with_a_response",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.number} on {self.inspection.reference}"

    def get_absolute_url(self) -> str:
        return reverse(
            "referrals:detail",
            kwargs={"reference": self.inspection.reference, "number": self.number},
        )

    @property
    def child(self) -> str:
        """The child as the team calls it: the case sample's reference or the minimal record's."""
        if self.case_sample_id is not None:
            return self.case_sample.internal_reference
        return self.child_reference

    @property
    def child_age_band_label(self) -> str:
        if self.case_sample_id is not None:
            return self.case_sample.get_age_band_display()
        return self.get_age_band_display()

    @property
    def response_due_day(self) -> datetime.date:
        """The working day by whose end the response is due (`response_due_by` is midnight
        after it, in England)."""
        end = timezone.localtime(self.response_due_by, ZoneInfo("Europe/London"))
        return (end - datetime.timedelta(days=1)).date()

    @property
    def method_phrase(self) -> str:
        """How, as a sentence says it: "by phone", "by secure email", "in person"."""
        if self.method == ReferralMethod.IN_PERSON:
            return "in person"
        return f"by {self.get_method_display().lower()}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def has_response(self) -> bool:
        return self.response_received_at is not None

    @property
    def is_escalated(self) -> bool:
        return self.escalated_at is not None

    @property
    def status_label(self) -> str:
        if self.is_closed:
            return "Closed"
        if self.has_response:
            return "Response recorded"
        if self.is_escalated:
            return "Escalated: no response"
        return "Awaiting response"


class EscalationNotice(models.Model):
    """One person told that a referral had no response in time: to whom, when (rule 13).

    Written in the same transaction as the referral's escalation; `emailed_at` is set once the
    email has gone, so a failed send is tried again by the next run of the task.
    """

    referral = models.ForeignKey(
        ConcernReferral, on_delete=models.CASCADE, related_name="escalation_notices"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Why this person: "Lead inspector", "Inspectorate lead (Care Quality Commission)".
    role = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    escalated_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["referral", "escalated_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "recipient"], name="one_escalation_notice_per_recipient"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral} escalated to {self.recipient}"
