"""The concern referral services for the audit walk of `test_audit` (issue 15), each performed
on the demo data: the demo's referral 2 awaits the agency's response."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from inspections.models import Inspection
from referrals import services as referral_services
from referrals.models import ConcernReferral


def _open_referral(demo) -> ConcernReferral:
    return ConcernReferral.objects.get(inspection=demo.inspection, number=2)


def referrals_answered(demo, user) -> Inspection:
    """Drafting waits for every referral's response (DESIGN rule 13): record it first."""
    referral = _open_referral(demo)
    referral_services.referral_record_response(
        acting_user=user,
        referral=referral,
        response="Visited.",
        received_at=timezone.now(),
        seen_version=referral.version,
    )
    return demo.inspection


def _answered_referral(demo, user):
    referrals_answered(demo, user)
    return _open_referral(demo)


REFERRAL_SERVICES: dict[str, tuple[str | None, Callable]] = {
    "referrals.services.referral_record": (
        "cqc.inspector",
        lambda d, u: referral_services.referral_record(
            acting_user=u,
            inspection=d.inspection,
            concern="Found at risk.",
            partner_body=d.inspection.local_authority.partner_bodies.first(),
            alerted_at=timezone.now(),
            method="phone",
            child_reference="ASH-R97",
            age_band="5_9",
        ),
    ),
    "referrals.services.referral_record_response": (
        "cqc.inspector",
        lambda d, u: referrals_answered(d, u),
    ),
    "referrals.services.referral_close": (
        "hmic.inspector",
        lambda d, u: referral_services.referral_close(
            acting_user=u,
            referral=_answered_referral(d, u),
            seen_version=_open_referral(d).version,
        ),
    ),
    # The worker's: escalation after the deadline, its emails, erasure after publication.
    "referrals.services.referrals_escalate_overdue": (
        None,
        lambda d, u: referral_services.referrals_escalate_overdue(
            now=timezone.now() + datetime.timedelta(days=10)
        ),
    ),
    "referrals.services.escalation_emails_send": (
        None,
        lambda d, u: (
            referral_services.referrals_escalate_overdue(
                now=timezone.now() + datetime.timedelta(days=10)
            ),
            referral_services.escalation_emails_send(),
        ),
    ),
    "referrals.services.erase_personal_details": (
        None,
        lambda d, u: referral_services.erase_personal_details(d.inspection),
    ),
}
