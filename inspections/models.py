"""The shared inspection of one local authority area, and the team that carries it out."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.text import one_per_line
from inspectorates.frameworks import FrameworkVersion
from inspectorates.models import Inspectorate
from inspectorates.registry import InspectionKind, framework_get


class Region(models.TextChoices):
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"


class LocalAuthority(TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    region = models.CharField(max_length=20, choices=Region.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name

    @property
    def has_custodial_establishment(self) -> bool:
        """HM Inspectorate of Prisons takes part only where the area has a custodial establishment
        holding children among its partner bodies (DESIGN rule 18)."""
        return self.partner_bodies.filter(kind=PartnerBodyKind.CUSTODIAL).exists()


class PartnerBodyKind(models.TextChoices):
    """The local agencies of an area, as the frameworks name the services each inspects."""

    CHILDRENS_SERVICES = "childrens_services", "Local authority children's services"
    POLICE = "police", "Police force"
    HEALTH = "health", "Health body"
    YOUTH_OFFENDING = "youth_offending", "Youth offending team"
    PROBATION = "probation", "Probation provider"
    CUSTODIAL = "custodial", "Custodial or detention establishment"


class PartnerBody(TimeStampedModel):
    """One of a local authority's partner agencies (DESIGN rule 18)."""

    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="partner_bodies"
    )
    kind = models.CharField(max_length=20, choices=PartnerBodyKind.choices)
    name = models.CharField(max_length=160)

    history = HistoricalRecords()

    class Meta:
        ordering = ["local_authority", "kind", "name"]
        verbose_name_plural = "partner bodies"
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "name"],
                name="partner_body_name_unique_in_area",
                violation_error_message="This area already has a partner body with this name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AreaContact(TimeStampedModel):
    """A person at a partner body who receives factual accuracy drafts."""

    partner_body = models.ForeignKey(PartnerBody, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120)
    email = models.EmailField()
    # A contact who has left stays on record (drafts were sent to them) but receives no more.
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partner_body", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner_body", "email"],
                name="area_contact_email_unique_per_body",
                violation_error_message="This partner body already has a contact with this email.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role}, {self.partner_body})"


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    NOTIFIED = "notified", "Notified"
    FIELDWORK = "fieldwork", "Fieldwork"
    DRAFTING = "drafting", "Drafting"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy check"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Statuses in which evidence and judgements may be written (DESIGN rule 2).
WRITABLE_STATUSES = frozenset({InspectionStatus.FIELDWORK, InspectionStatus.DRAFTING})
# An inspection in one of these no longer counts as the area's live inspection of its kind.
CLOSED_STATUSES = (InspectionStatus.PUBLISHED, InspectionStatus.WITHDRAWN)


class Inspection(TimeStampedModel):
    reference = models.CharField(max_length=40, unique=True)
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="inspections"
    )
    kind = models.CharField(max_length=40, choices=InspectionKind.choices)
    framework_key = models.CharField(
        max_length=60, help_text="The framework version the inspection was notified under."
    )
    window_start = models.DateField()
    window_end = models.DateField()
    notified_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED
    )
    lead_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections_led",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Why fieldwork goes on after the window closed: until it is recorded, nothing more is
    # written in fieldwork after `window_end` (DESIGN rule 1). Each change is in the history.
    fieldwork_continues_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-window_start", "reference"]
        permissions = [
            ("manage_programme", "Manage local areas, selection and inspection set-up"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__gte=F("window_start")),
                name="inspection_window_ends_after_start",
                violation_error_message="The window must end on or after the day it starts.",
            ),
            models.UniqueConstraint(
                fields=["local_authority", "kind"],
                condition=~Q(status__in=CLOSED_STATUSES),
                name="one_live_inspection_per_area_and_kind",
                violation_error_message=("This area already has a live inspection of this kind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} - {self.local_authority}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:detail", kwargs={"reference": self.reference})

    @property
    def framework(self) -> FrameworkVersion:
        return framework_get(self.framework_key)

    @property
    def window_days(self) -> int:
        return (self.window_end - self.window_start).days + 1

    @property
    def is_writable(self) -> bool:
        return self.status in WRITABLE_STATUSES and not self.fieldwork_overrun

    @property
    def fieldwork_overrun(self) -> bool:
        """Still in fieldwork after the window closed, with no reason recorded for it."""
        return (
            self.status == InspectionStatus.FIELDWORK
            and self.window_end < timezone.localdate()
            and not self.fieldwork_continues_reason.strip()
        )

    @property
    def is_published(self) -> bool:
        return self.status == InspectionStatus.PUBLISHED


class Participation(models.Model):
    """An inspectorate taking part in an inspection, with its lead for this inspection."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="participations"
    )
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations_led",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspectorate__position"]
        permissions = [
            ("contribute", "Write evidence and judgements for this inspectorate"),
            ("lead", "Agree judgements and sign off shared text for this inspectorate"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "inspectorate"], name="one_participation_per_inspectorate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspectorate} on {self.inspection.reference}"


class TeamRole(models.TextChoices):
    LEAD_INSPECTOR = "lead_inspector", "Lead inspector"
    INSPECTORATE_LEAD = "inspectorate_lead", "Inspectorate lead"
    INSPECTOR = "inspector", "Inspector"


class TeamMember(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_memberships"
    )
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=TeamRole.choices, default=TeamRole.INSPECTOR)

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspectorate__position", "user__last_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="one_membership_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.inspectorate.code})"


class CaseTracking(models.TextChoices):
    TRACKED = "tracked", "Tracked"
    SAMPLED = "sampled", "Sampled"


class AgeBand(models.TextChoices):
    UNDER_1 = "under_1", "Under 1"
    AGE_1_4 = "1_4", "1 to 4"
    AGE_5_9 = "5_9", "5 to 9"
    AGE_10_15 = "10_15", "10 to 15"
    AGE_16_17 = "16_17", "16 to 17"
    CARE_LEAVER = "18_plus", "18 and over (care leaver)"


class CaseSample(TimeStampedModel):
    """A child's case looked at by the team.

    Personal details are for the team only and are never published: everywhere outside the
    team's pages the case is called by its internal reference.
    """

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="case_samples"
    )
    internal_reference = models.CharField(max_length=30)
    tracking = models.CharField(max_length=10, choices=CaseTracking.choices)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    agencies_involved = models.ManyToManyField(Inspectorate, blank=True, related_name="+")
    child_name = models.CharField(max_length=120)
    date_of_birth = models.DateField(null=True, blank=True)
    agency_references = models.TextField(
        blank=True, help_text="Case numbers held by agencies, one a line."
    )
    # The people around the child, recorded so that the personal-data check can keep every one
    # of them out of the report (DESIGN rule 19): one name a line each.
    family_members = models.TextField(blank=True, help_text="Parents, siblings, relatives.")
    carers = models.TextField(blank=True, help_text="Foster carers, residential staff, guardians.")
    aliases = models.TextField(blank=True, help_text="Other names the child is known by.")
    school = models.CharField(max_length=160, blank=True)
    # Set when the personal details were erased after publication (DESIGN rule 14); the
    # reference, age band, agencies and counts stay.
    personal_details_erased_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[agencies_involved])

    class Meta:
        ordering = ["internal_reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "internal_reference"], name="case_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.internal_reference

    @property
    def agency_reference_list(self) -> list[str]:
        return one_per_line(self.agency_references)

    @property
    def family_member_list(self) -> list[str]:
        return one_per_line(self.family_members)

    @property
    def carer_list(self) -> list[str]:
        return one_per_line(self.carers)

    @property
    def alias_list(self) -> list[str]:
        return one_per_line(self.aliases)
