"""Fixtures for area selection: areas with indicators, a programme year, the current policy."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from inspections.models import LocalAuthority, Region
from selection import services
from selection.models import ProgrammeYear, SelectionPolicy


@pytest.fixture
def admin(people):
    return people["programme.admin"]


@pytest.fixture
def policy(db) -> SelectionPolicy:
    """Version 1, from the migration: the criteria proposed in the consultation."""
    return SelectionPolicy.objects.get(version=1)


@pytest.fixture
def programme_year(admin) -> ProgrammeYear:
    return services.programme_year_create(acting_user=admin, year=2015, places=4)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _rate(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


@pytest.fixture
def make_area(admin):
    """An area with indicators, saved through the service: make_area("Name", grade="good", ...)."""
    counter = iter(range(1000, 10000))

    def make(
        name: str,
        *,
        grade: str = "",
        judged_on: str | None = None,
        joint_on: str | None = None,
        re_referrals: str | None = None,
        plans: str | None = None,
        looked_after: str | None = None,
    ) -> LocalAuthority:
        area = LocalAuthority.objects.create(
            name=name, ons_code=f"E0{next(counter):07d}", region=Region.LONDON
        )
        services.area_indicators_save(
            acting_user=admin,
            local_authority=area,
            ofsted_grade=grade,
            ofsted_judged_on=_day(judged_on),
            last_joint_inspection_on=_day(joint_on),
            re_referral_rate=_rate(re_referrals),
            child_protection_plan_rate=_rate(plans),
            looked_after_rate=_rate(looked_after),
        )
        return area

    return make
