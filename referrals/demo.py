"""Demo data for `make run`: on the Ashdown inspection in fieldwork, one referral awaiting the
agency's response and one closed. Idempotent: nothing is added once the inspection has any."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inspections.demo import DemoInspection
from inspections.models import PartnerBody, PartnerBodyKind
from referrals import services
from referrals.models import ReferralMethod


def _body(demo: DemoInspection, kind: str, fallback: str) -> PartnerBody:
    """The area's first partner body of `kind`, as the inspections demo seeds them; made only
    where an area has none."""
    area = demo.inspection.local_authority
    body = PartnerBody.objects.filter(local_authority=area, kind=kind).order_by("name").first()
    if body is None:
        body, _ = PartnerBody.objects.get_or_create(
            local_authority=area, name=f"{area.name} {fallback}", defaults={"kind": kind}
        )
    return body


def _front_door(demo: DemoInspection) -> PartnerBody:
    return _body(demo, PartnerBodyKind.CHILDRENS_SERVICES, "Council children's services")


def _police(demo: DemoInspection) -> PartnerBody:
    return _body(demo, PartnerBodyKind.POLICE, "Police")


def seed(demo: DemoInspection) -> None:
    inspection = demo.inspection
    if inspection.referrals.exists():
        return
    now = timezone.now()
    start = timezone.make_aware(
        datetime.datetime.combine(inspection.window_start, datetime.time(10, 15))
    )
    case = inspection.case_samples.order_by("internal_reference").first()
    inspector = demo.people["hmic.inspector"]
    # Closed: a child met during a visit, not a case sample; the police answered the same day.
    closed_at = min(start + datetime.timedelta(days=1), now - datetime.timedelta(hours=4))
    closed = services.referral_record(
        acting_user=inspector,
        inspection=inspection,
        child_reference="ASH-R01",
        age_band="10_15",
        concern=(
            "During a visit to a youth club the child said an adult had been asking them to carry "
            "parcels for money."
        ),
        partner_body=_police(demo),
        alerted_at=closed_at,
        method=ReferralMethod.PHONE,
    )
    services.referral_record_response(
        acting_user=inspector,
        referral=closed,
        response="A strategy discussion was held the same day; the child is safe at home.",
        received_at=closed_at + datetime.timedelta(hours=3),
        seen_version=closed.version,
        close=True,
    )
    # Open: from a case sample, the front door alerted two hours ago.
    services.referral_record(
        acting_user=inspector,
        inspection=inspection,
        case_sample=case,
        concern=(
            "The case record shows a new partner living in the household who has not been "
            "assessed; the child told the school nurse they were scared to go home."
        ),
        partner_body=_front_door(demo),
        alerted_at=max(now - datetime.timedelta(hours=2), start),
        method=ReferralMethod.SECURE_EMAIL,
    )
