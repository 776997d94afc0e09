"""The shared text every participating inspectorate must agree: the LSCB judgement and the
summary of key findings. Each saved edit is a new version; sign-offs name the version signed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from inspections.models import Inspection
from inspectorates.frameworks import FrameworkVersion, Mode
from inspectorates.models import Inspectorate


class SharedTextKind(models.TextChoices):
    LSCB_JUDGEMENT = "lscb_judgement", "LSCB judgement"
    KEY_FINDINGS = "key_findings", "Summary of key findings"
    # Narrative inspections (DESIGN rule 16): the joint letter to the area's leaders (ADR 18).
    JOINT_LETTER = "joint_letter", "Joint letter"


# How each kind appears in addresses, and mid-sentence ("the LSCB judgement").
KIND_SLUGS: dict[str, str] = {
    SharedTextKind.LSCB_JUDGEMENT: "lscb",
    SharedTextKind.KEY_FINDINGS: "key-findings",
    SharedTextKind.JOINT_LETTER: "letter",
}
KIND_NAMES: dict[str, str] = {
    SharedTextKind.LSCB_JUDGEMENT: "LSCB judgement",
    SharedTextKind.KEY_FINDINGS: "summary of key findings",
    SharedTextKind.JOINT_LETTER: "joint letter",
}


def kinds_for(framework: FrameworkVersion) -> tuple[str, ...]:
    """The shared text an inspection under `framework` has: a narrative inspection has only its
    joint letter (DESIGN rule 16); a graded one the LSCB judgement, where its kind has one, and
    the key findings."""
    if framework.mode == Mode.NARRATIVE:
        return (SharedTextKind.JOINT_LETTER,)
    if framework.shared_lscb_judgement:
        return (SharedTextKind.LSCB_JUDGEMENT, SharedTextKind.KEY_FINDINGS)
    return (SharedTextKind.KEY_FINDINGS,)


def shared_text_url(reference: str, kind: str) -> str:
    return reverse("lscb:detail", kwargs={"reference": reference, "kind": KIND_SLUGS[kind]})


class SharedTextStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CIRCULATED = "circulated", "Circulated for sign-off"
    AGREED = "agreed", "Agreed and finalised"


class SharedText(TimeStampedModel):
    """One piece of shared text on one inspection; its content lives in its versions."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="shared_texts"
    )
    kind = models.CharField(max_length=20, choices=SharedTextKind.choices)
    status = models.CharField(
        max_length=20, choices=SharedTextStatus.choices, default=SharedTextStatus.DRAFT
    )
    # Number of the newest version; 0 until the first draft is saved.
    current_version = models.PositiveIntegerField(default=0)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)

    # Reasons quote what people typed (a reopening's reason), so they are not cut at 100.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["inspection", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "kind"], name="one_shared_text_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.inspection.reference}"

    def get_absolute_url(self) -> str:
        return shared_text_url(self.inspection.reference, self.kind)

    @property
    def is_lscb_judgement(self) -> bool:
        return self.kind == SharedTextKind.LSCB_JUDGEMENT

    @property
    def name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def slug(self) -> str:
        return KIND_SLUGS[self.kind]


class SharedTextVersion(models.Model):
    """The content of shared text as saved once. Versions are never edited."""

    shared_text = models.ForeignKey(SharedText, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # LSCB judgement only: grade code of the inspection's framework scale.
    grade = models.CharField(max_length=30, blank=True)
    # The LSCB judgement's rationale, or the summary of key findings.
    body = models.TextField()
    # LSCB judgement only: what the LSCB must improve.
    improvements = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shared_text", "number"]
        constraints = [
            models.UniqueConstraint(fields=["shared_text", "number"], name="version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.shared_text} v{self.number}"


class SignOffDecision(models.TextChoices):
    AGREE = "agree", "Agree"
    NOT_AGREE = "not_agree", "Do not agree"


class SignOff(models.Model):
    """An inspectorate lead's decision on one exact version of shared text.

    A sign-off is voided, never deleted, when the text changes or the lead signs again.
    """

    shared_text = models.ForeignKey(SharedText, on_delete=models.CASCADE, related_name="sign_offs")
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    version_number = models.PositiveIntegerField()
    decision = models.CharField(max_length=10, choices=SignOffDecision.choices)
    comment = models.TextField(blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)

    # Reasons quote what people typed (a reopening's reason), so they are not cut at 100.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["shared_text", "inspectorate__position", "-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["shared_text", "inspectorate"],
                condition=Q(voided_at__isnull=True),
                name="one_live_sign_off_per_inspectorate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspectorate.code} {self.decision} v{self.version_number}"

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None
