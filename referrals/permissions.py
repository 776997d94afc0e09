"""Who may see and act on concern referrals: the inspection's team only (DESIGN rules 13, 14).

Referral pages carry a child's details, so programme staff, who see everything else of an
inspection, do not see them (as with case samples).
"""

from __future__ import annotations

from core.permissions import refuse_unless
from inspections.models import InspectionStatus
from inspections.permissions import InspectionAccess

RECORD_NOT_ALLOWED = (
    "Only the inspection team can record a referral, while the inspection is in fieldwork or "
    "drafting."
)
FOLLOW_UP_NOT_ALLOWED = (
    "Only the inspection team can record an agency's response or close a referral, until the "
    "inspection is published or withdrawn."
)

# A response can still arrive, and a referral still be closed, after fieldwork.
_FOLLOW_UP_STATUSES = frozenset(
    {
        InspectionStatus.FIELDWORK,
        InspectionStatus.DRAFTING,
        InspectionStatus.FACTUAL_ACCURACY,
    }
)


def referrals_visible(access: InspectionAccess) -> bool:
    return access.is_team_member


def referral_may_record(access: InspectionAccess) -> bool:
    return access.is_team_member and access.inspection.is_writable


def referral_may_follow_up(access: InspectionAccess) -> bool:
    return access.is_team_member and access.inspection.status in _FOLLOW_UP_STATUSES


def check_record_referral(access: InspectionAccess) -> None:
    refuse_unless(referral_may_record(access), RECORD_NOT_ALLOWED)


def check_follow_up_referral(access: InspectionAccess) -> None:
    refuse_unless(referral_may_follow_up(access), FOLLOW_UP_NOT_ALLOWED)
