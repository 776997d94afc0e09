"""Choosing the local areas to inspect: indicators per area, a versioned policy, decisions.

Indicators are held by programme administrators (typed in, or imported from CSV). The policy
is data: each change is a new `SelectionPolicy` row, never an edit, and every `Decision` keeps
the policy version, score and reasons it was made on, so a later policy leaves it as it was.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from inspections.models import LocalAuthority
from inspectorates.models import Inspectorate


class OfstedGrade(models.TextChoices):
    """The four-point scale, as the last Ofsted judgement of the area's children's services."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


# Areas judged one of these count towards the "well-performing areas" quota.
WELL_PERFORMING_GRADES = frozenset({OfstedGrade.OUTSTANDING, OfstedGrade.GOOD})

RATE_PER_10000_MAX = 10000
PERCENT_MAX = 100


class AreaIndicators(TimeStampedModel):
    """What programme staff know about one area, from Ofsted and published statistics.

    `last_joint_inspection_on` is the end of the area's last joint inspection held before this
    service existed; joint inspections carried out in the service are read from `Inspection`
    rows instead, and the later of the two counts.
    """

    local_authority = models.OneToOneField(
        LocalAuthority, on_delete=models.CASCADE, related_name="selection_indicators"
    )
    ofsted_grade = models.CharField(
        "last Ofsted grade", max_length=20, choices=OfstedGrade.choices, blank=True
    )
    ofsted_judged_on = models.DateField("date of the last Ofsted judgement", null=True, blank=True)
    last_joint_inspection_on = models.DateField(
        "last joint inspection ended (before this service)", null=True, blank=True
    )
    re_referral_rate = models.DecimalField(
        "re-referrals to children's social care (%)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(PERCENT_MAX)],
    )
    child_protection_plan_rate = models.DecimalField(
        "child protection plans per 10,000 children",
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(RATE_PER_10000_MAX)],
    )
    looked_after_rate = models.DecimalField(
        "looked-after children per 10,000 children",
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(RATE_PER_10000_MAX)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "area indicators"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(ofsted_grade="", ofsted_judged_on__isnull=True)
                    | (~Q(ofsted_grade="") & Q(ofsted_judged_on__isnull=False))
                ),
                name="ofsted_grade_and_date_together",
                violation_error_message="Give the last Ofsted grade and its date together.",
            ),
        ]

    def __str__(self) -> str:
        return f"Indicators for {self.local_authority}"


class PartnerConcern(TimeStampedModel):
    """A concern about an area raised with the programme by a partner inspectorate."""

    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="partner_concerns"
    )
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField()
    raised_by = models.CharField(
        max_length=120, blank=True, help_text="The person or team at the inspectorate."
    )
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return f"{self.inspectorate} concern about {self.local_authority} ({self.raised_on})"


class SelectionPolicy(models.Model):
    """One version of the selection criteria, their weights and rules. Never edited.

    `criteria` maps a criterion code (see `selection.selectors.CRITERIA`) to its weight and
    parameters, e.g. ``{"re_referral_rate": {"weight": 10, "national": 23.4}}``.
    """

    version = models.PositiveIntegerField(unique=True)
    criteria = models.JSONField()
    revisit_always_candidate = models.BooleanField(
        "an inadequate judgement due for revisit is always a candidate", default=True
    )
    revisit_window_months = models.PositiveSmallIntegerField(
        "an inadequate judgement is due for revisit for this many months",
        validators=[MinValueValidator(1)],
    )
    recently_inspected_months = models.PositiveSmallIntegerField(
        "areas jointly inspected within this many months are not candidates"
    )
    quota_fraction = models.DecimalField(
        "share of places for areas judged good or outstanding",
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    change_note = models.TextField("why the policy changed")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name_plural = "selection policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(quota_fraction__gte=0) & Q(quota_fraction__lte=1),
                name="selection_quota_is_a_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"Selection policy version {self.version}"


class ProgrammeYear(TimeStampedModel):
    """A programme year (1 April to 31 March) and how many areas it can inspect."""

    year = models.PositiveSmallIntegerField(
        "starting year", unique=True, validators=[MinValueValidator(2014), MaxValueValidator(2100)]
    )
    places = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year} to {self.year + 1}"

    @property
    def starts_on(self) -> datetime.date:
        """The date the ranking measures from, so a year's ranking does not drift day by day."""
        return datetime.date(self.year, 4, 1)


class DecisionOutcome(models.TextChoices):
    SELECTED = "selected", "Selected"
    DEFERRED = "deferred", "Deferred"
    NOT_SELECTED = "not_selected", "Not selected"


class Decision(models.Model):
    """Whether an area is inspected in a programme year, why, who decided, and on what basis.

    `policy`, `score`, `rank` and `reasons` are a snapshot taken when the decision was made.
    """

    programme_year = models.ForeignKey(
        ProgrammeYear, on_delete=models.PROTECT, related_name="decisions"
    )
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="selection_decisions"
    )
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices)
    rationale = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    policy = models.ForeignKey(SelectionPolicy, on_delete=models.PROTECT, related_name="decisions")
    score = models.DecimalField(max_digits=7, decimal_places=1)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    was_recommended = models.BooleanField(default=False)
    reasons = models.JSONField(default=list)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme_year", "local_authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year", "local_authority"], name="one_decision_per_area_and_year"
            ),
            models.CheckConstraint(
                condition=~Q(rationale=""), name="selection_decision_has_rationale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_authority}: {self.get_outcome_display()} ({self.programme_year})"
