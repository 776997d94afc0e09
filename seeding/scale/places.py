"""The made-up areas and inspection staff of the programme at scale."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from inspections.models import PartnerBodyKind, Region
from inspectorates.registry import INSPECTORATE_CODES
from seeding.scale.specs import (
    AREA_TYPES,
    BENCH_INSPECTIONS,
    GRADE_WEIGHTS,
    ONS_NUMBER_BASE,
    SCALE_USERNAME_PREFIX,
    AreaSpec,
    StaffSpec,
)
from seeding.scale.words import (
    FIRST_NAMES,
    LAST_NAMES,
    PLACE_ENDS,
    PLACE_STARTS,
)

_REGIONS_OUTSIDE_LONDON = [region for region in Region.values if region != Region.LONDON]


def plan_areas(rng: random.Random, count: int) -> list[AreaSpec]:
    names = [start + end for start in PLACE_STARTS for end in PLACE_ENDS]
    prefixes = [prefix for prefix, number in AREA_TYPES for _ in range(number)]
    areas = []
    for i in range(count):
        # Beyond 152 (a size factor over 1), names and codes carry on with a number.
        name = names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "")
        prefix = prefixes[i % len(prefixes)]
        region = Region.LONDON if prefix == "E09" else _REGIONS_OUTSIDE_LONDON[i % 8]
        region_label = Region(region).label
        # The benchmark inspections need HM Inspectorate of Prisons, so their areas have custody.
        custodial = i < BENCH_INSPECTIONS or rng.random() < 0.2
        areas.append(
            AreaSpec(
                name=name,
                ons_code=f"{prefix}{ONS_NUMBER_BASE + i:06d}",
                region=region,
                partner_bodies=(
                    (PartnerBodyKind.CHILDRENS_SERVICES, f"{name} Council children's services"),
                    (PartnerBodyKind.POLICE, f"{name} Police"),
                    (PartnerBodyKind.HEALTH, f"{name} Clinical Commissioning Group"),
                    (PartnerBodyKind.HEALTH, f"{name} Hospitals NHS Foundation Trust"),
                    (PartnerBodyKind.YOUTH_OFFENDING, f"{name} Youth Offending Service"),
                    (PartnerBodyKind.PROBATION, f"{region_label} Community Rehabilitation Company"),
                )
                + (
                    ((PartnerBodyKind.CUSTODIAL, f"HM Young Offender Institution {name}"),)
                    if custodial
                    else ()
                ),
                ofsted_grade=rng.choices(*zip(*GRADE_WEIGHTS, strict=True))[0],
                ofsted_judged_on=datetime.date(2011, 1, 1)
                + datetime.timedelta(days=rng.randint(0, 1400)),
                re_referral_rate=Decimal(rng.randint(150, 320)) / 10,
                child_protection_plan_rate=Decimal(rng.randint(250, 650)) / 10,
                looked_after_rate=Decimal(rng.randint(400, 950)) / 10,
            )
        )
    return areas


def plan_staff(rng: random.Random, per_inspectorate: int) -> list[StaffSpec]:
    staff = []
    for code in INSPECTORATE_CODES:
        for n in range(1, per_inspectorate + 1):
            staff.append(
                StaffSpec(
                    username=f"{SCALE_USERNAME_PREFIX}{code}.{n:03d}",
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    inspectorate=code,
                )
            )
    return staff
