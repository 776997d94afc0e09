"""Demo data for `make run`: people, areas and an inspection in fieldwork.

Idempotent: every row is found by a natural key before it is created, so running the seed
again changes nothing. Other apps add their own demo data in their `demo.py`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.utils import timezone

from inspections import services
from inspections.models import (
    Inspection,
    InspectionStatus,
    LocalAuthority,
    Region,
    TeamRole,
)
from inspectorates.models import InspectorProfile
from inspectorates.services import inspectorates_sync

PROGRAMME_GROUP = "Programme administrators"

# username, first name, last name, inspectorate code (None: programme staff)
DEMO_PEOPLE: list[tuple[str, str, str, str | None]] = [
    ("programme.admin", "Priya", "Shah", None),
    ("ofsted.lead", "Olivia", "Bennett", "ofsted"),
    ("ofsted.inspector", "Oscar", "Reid", "ofsted"),
    ("cqc.lead", "Claire", "Quinn", "cqc"),
    ("cqc.inspector", "Callum", "Hughes", "cqc"),
    ("hmic.lead", "Hannah", "Moss", "hmic"),
    ("hmic.inspector", "Harvey", "Mills", "hmic"),
    ("probation.lead", "Paula", "Grant", "hmi_probation"),
    ("probation.inspector", "Peter", "Lowe", "hmi_probation"),
    ("prisons.lead", "Rachel", "Stone", "hmi_prisons"),
    ("prisons.inspector", "Robert", "Pike", "hmi_prisons"),
    ("outsider", "Owen", "Sider", "ofsted"),
]

# Fictional areas, so that no real council is shown with made-up findings.
DEMO_AREAS: list[dict] = [
    {
        "name": "Ashdown",
        "ons_code": "E06000901",
        "region": Region.SOUTH_EAST,
        "police_force": "Ashdown and Weald Police",
        "health_bodies": "Ashdown Clinical Commissioning Group\nAshdown Hospitals NHS Trust",
        "youth_offending_team": "Ashdown Youth Offending Service",
        "probation_provider": "Weald Community Rehabilitation Company",
        "custodial_establishments": "HM Young Offender Institution Ashdown Park",
    },
    {
        "name": "Brackenfield",
        "ons_code": "E08000902",
        "region": Region.NORTH_WEST,
        "police_force": "Brackenfield Constabulary",
        "health_bodies": "Brackenfield Clinical Commissioning Group",
        "youth_offending_team": "Brackenfield Youth Justice Team",
        "probation_provider": "North West Community Rehabilitation Company",
        "custodial_establishments": "",
    },
    {
        "name": "Calderbridge",
        "ons_code": "E08000903",
        "region": Region.YORKSHIRE,
        "police_force": "Calder Valley Police",
        "health_bodies": "Calderbridge Clinical Commissioning Group\nCalder Mental Health Trust",
        "youth_offending_team": "Calderbridge Youth Offending Team",
        "probation_provider": "Yorkshire Community Rehabilitation Company",
        "custodial_establishments": "Calderbridge Secure Training Centre",
    },
    {
        "name": "Dunmore",
        "ons_code": "E09000904",
        "region": Region.LONDON,
        "police_force": "Metropolitan Police Service",
        "health_bodies": "Dunmore Clinical Commissioning Group",
        "youth_offending_team": "Dunmore Youth Offending Service",
        "probation_provider": "London Community Rehabilitation Company",
        "custodial_establishments": "",
    },
]


@dataclass
class DemoInspection:
    inspection: Inspection
    people: dict[str, AbstractBaseUser]


def _programme_group() -> Group:
    group, _ = Group.objects.get_or_create(name=PROGRAMME_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="inspections", codename="manage_programme")
    )
    return group


def seed_people() -> dict[str, AbstractBaseUser]:
    User = get_user_model()
    # Migrations create these rows; a flushed test database needs them back.
    group = _programme_group()
    inspectorates = {i.code: i for i in inspectorates_sync()}
    people = {}
    # Every demo user has the same published password: hash it once, not once per user. Each
    # hash is a million PBKDF2 rounds (about a second on a busy machine), which made up a
    # quarter of a newcomer's first `make run` after the install.
    password = None
    for username, first, last, code in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "is_staff": code is None,
            },
        )
        if created:
            password = password or make_password(settings.DEMO_PASSWORD)
            user.password = password
            user.save()
        if code is None:
            user.groups.add(group)
        else:
            InspectorProfile.objects.get_or_create(
                user=user, defaults={"inspectorate": inspectorates[code]}
            )
        people[username] = user
    return people


def seed_areas() -> dict[str, LocalAuthority]:
    areas = {}
    for data in DEMO_AREAS:
        area, _ = LocalAuthority.objects.get_or_create(ons_code=data["ons_code"], defaults=data)
        areas[area.name] = area
    return areas


def seed_fieldwork_inspection(
    *, people: dict[str, AbstractBaseUser], area: LocalAuthority
) -> Inspection:
    """An integrated inspection of all five inspectorates, in fieldwork, its window around today."""
    existing = (
        Inspection.objects.filter(local_authority=area, kind="integrated")
        .exclude(status__in=[InspectionStatus.PUBLISHED, InspectionStatus.WITHDRAWN])
        .first()
    )
    if existing is not None:
        return existing
    admin = people["programme.admin"]
    start = timezone.localdate() - datetime.timedelta(days=7)
    inspection = services.inspection_create(
        acting_user=admin,
        local_authority=area,
        kind="integrated",
        window_start=start,
        window_end=start + datetime.timedelta(days=27),
        inspectorate_codes=["ofsted", "cqc", "hmic", "hmi_probation", "hmi_prisons"],
        lead_inspector=people["ofsted.lead"],
    )
    for prefix in ("cqc", "hmic", "probation", "prisons"):
        services.team_member_add(
            acting_user=admin,
            inspection=inspection,
            user=people[f"{prefix}.lead"],
            role=TeamRole.INSPECTORATE_LEAD,
        )
    # The lead inspector also leads for Ofsted: agreeing Ofsted's judgements and signing off.
    services.team_member_add(
        acting_user=admin,
        inspection=inspection,
        user=people["ofsted.lead"],
        role=TeamRole.INSPECTORATE_LEAD,
    )
    for prefix in ("ofsted", "cqc", "hmic", "probation", "prisons"):
        services.team_member_add(
            acting_user=admin, inspection=inspection, user=people[f"{prefix}.inspector"]
        )
    lead = people["ofsted.lead"]
    for stage in (InspectionStatus.NOTIFIED, InspectionStatus.FIELDWORK):
        inspection = services.inspection_move_stage(
            acting_user=lead, inspection=inspection, to_status=stage
        )
    return inspection


def seed() -> DemoInspection:
    people = seed_people()
    areas = seed_areas()
    inspection = seed_fieldwork_inspection(people=people, area=areas["Ashdown"])
    return DemoInspection(inspection=inspection, people=people)
