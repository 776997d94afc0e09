"""What the referrals app adds to the pages every inspector starts from (`core.dashboard`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.urls import reverse

from core.dashboard import Link
from inspections.models import Inspection, InspectionStatus
from inspections.permissions import InspectionAccess
from referrals.models import ConcernReferral
from referrals.permissions import referrals_visible

_LIVE = (InspectionStatus.FIELDWORK, InspectionStatus.DRAFTING, InspectionStatus.FACTUAL_ACCURACY)


@dataclass(frozen=True)
class AwaitingReferral:
    inspection: Inspection
    referral: ConcernReferral
    what: str

    @property
    def url(self) -> str:
        return self.referral.get_absolute_url()


def _what(referral: ConcernReferral) -> str:
    agency = referral.partner_body.name
    if referral.has_response:
        return f"Close referral {referral.number}: the response from {agency} is recorded"
    if referral.is_escalated:
        return f"Referral {referral.number} is escalated: no response from {agency} recorded"
    return f"Referral {referral.number} awaits a response from {agency}"


def awaiting_for_user(*, user: AbstractBaseUser) -> list[AwaitingReferral]:
    """Open referrals: every one to the lead inspector, one's own to whoever made it. One query."""
    if not (user.is_authenticated and user.is_active):
        return []
    referrals = (
        ConcernReferral.objects.filter(
            Q(inspection__lead_inspector=user) | Q(referred_by=user),
            inspection__team__user=user,
            inspection__status__in=_LIVE,
            closed_at__isnull=True,
        )
        .select_related("inspection__local_authority", "partner_body")
        .distinct()
        .order_by("inspection__reference", "number")
    )
    return [AwaitingReferral(r.inspection, r, _what(r)) for r in referrals]


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """Referrals concern children: only the team gets the link (as with case samples)."""
    if not referrals_visible(access):
        return []
    return [Link("Concern referrals", reverse("referrals:list", args=[inspection.reference]))]
