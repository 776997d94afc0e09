"""Fixtures for concern referrals, made through the real services on the demo inspection."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import PartnerBody, PartnerBodyKind
from referrals import services

LONDON = ZoneInfo("Europe/London")
CHILD_NAME = "Jordan Ellery"
CONCERN = "The child said they were scared to go home; a bruise on the arm was not followed up."


@pytest.fixture
def front_door(inspection) -> PartnerBody:
    body, _ = PartnerBody.objects.get_or_create(
        local_authority=inspection.local_authority,
        name="Ashdown Children's Services Front Door",
        defaults={"kind": PartnerBodyKind.CHILDRENS_SERVICES},
    )
    return body


@pytest.fixture
def case(inspection, people):
    return inspection_services.case_sample_create(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        internal_reference="ASH-T01",
        tracking="tracked",
        age_band="5_9",
        child_name=CHILD_NAME,
        date_of_birth=datetime.date(2017, 4, 12),
    )


def london(*parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=LONDON)


@pytest.fixture
def record(inspection, people, front_door, case):
    """Record a referral as a demo user: about the case sample unless told otherwise."""

    def make(username: str = "hmic.inspector", **overrides):
        arguments = {
            "concern": CONCERN,
            "partner_body": front_door,
            "alerted_at": timezone.now() - datetime.timedelta(hours=1),
            "method": "phone",
            "case_sample": case,
        }
        arguments.update(overrides)
        return services.referral_record(
            acting_user=people[username], inspection=inspection, **arguments
        )

    return make


def answer(referral, user, *, close: bool = False, text: str = "Visited the same evening."):
    return services.referral_record_response(
        acting_user=user,
        referral=referral,
        response=text,
        received_at=timezone.now(),
        seen_version=referral.version,
        close=close,
    )


def dated(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
