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

from core.models import record_change
from inspections import services
from inspections.models import (
    AreaContact,
    Inspection,
    InspectionStatus,
    LocalAuthority,
    PartnerBody,
    PartnerBodyKind,
    Region,
    TeamRole,
)
from inspectorates.models import InspectorProfile
from inspectorates.registry import framework_current
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
    {"name": "Ashdown", "ons_code": "E06000901", "region": Region.SOUTH_EAST},
    {"name": "Brackenfield", "ons_code": "E08000902", "region": Region.NORTH_WEST},
    {"name": "Calderbridge", "ons_code": "E08000903", "region": Region.YORKSHIRE},
    {"name": "Dunmore", "ons_code": "E09000904", "region": Region.LONDON},
]

K = PartnerBodyKind
# Each area's partner bodies (DESIGN rule 18), children's services first: the front door that
# the factual accuracy draft and a referral go to. Ashdown and Calderbridge hold children in
# custody, so HM Inspectorate of Prisons can take part there; Brackenfield and Dunmore do not.
DEMO_PARTNER_BODIES: dict[str, list[tuple[str, str]]] = {
    "Ashdown": [
        (K.CHILDRENS_SERVICES, "Ashdown Council children's services"),
        (K.POLICE, "Ashdown and Weald Police"),
        (K.HEALTH, "Ashdown Clinical Commissioning Group"),
        (K.HEALTH, "Ashdown Hospitals NHS Trust"),
        (K.YOUTH_OFFENDING, "Ashdown Youth Offending Service"),
        (K.PROBATION, "Weald Community Rehabilitation Company"),
        (K.CUSTODIAL, "HM Young Offender Institution Ashdown Park"),
    ],
    "Brackenfield": [
        (K.CHILDRENS_SERVICES, "Brackenfield Council children's services"),
        (K.POLICE, "Brackenfield Constabulary"),
        (K.HEALTH, "Brackenfield Clinical Commissioning Group"),
        (K.YOUTH_OFFENDING, "Brackenfield Youth Justice Team"),
        (K.PROBATION, "North West Community Rehabilitation Company"),
    ],
    "Calderbridge": [
        (K.CHILDRENS_SERVICES, "Calderbridge Council children's services"),
        (K.POLICE, "Calder Valley Police"),
        (K.HEALTH, "Calderbridge Clinical Commissioning Group"),
        (K.HEALTH, "Calder Mental Health Trust"),
        (K.YOUTH_OFFENDING, "Calderbridge Youth Offending Team"),
        (K.PROBATION, "Yorkshire Community Rehabilitation Company"),
        (K.CUSTODIAL, "Calderbridge Secure Training Centre"),
    ],
    "Dunmore": [
        (K.CHILDRENS_SERVICES, "Dunmore Council children's services"),
        (K.POLICE, "Metropolitan Police Service"),
        (K.HEALTH, "Dunmore Clinical Commissioning Group"),
        (K.YOUTH_OFFENDING, "Dunmore Youth Offending Service"),
        (K.PROBATION, "London Community Rehabilitation Company"),
    ],
}

# (area, body, name, role, email): who receives the factual accuracy drafts in the areas with a
# demo inspection in fieldwork (Ashdown) and a published report (Calderbridge). Fictional people
# at example.org addresses, which no one receives mail at.
DEMO_CONTACTS: list[tuple[str, str, str, str, str]] = [
    (
        "Ashdown",
        "Ashdown Council children's services",
        "Helen Marsh",
        "Director of children's services",
        "helen.marsh@ashdown.example.org",
    ),
    (
        "Ashdown",
        "Ashdown and Weald Police",
        "Daniel Okoro",
        "Detective Superintendent, public protection",
        "daniel.okoro@police.ashdown.example.org",
    ),
    (
        "Ashdown",
        "Ashdown Clinical Commissioning Group",
        "Fiona Grant",
        "Designated nurse for safeguarding children",
        "fiona.grant@ccg.ashdown.example.org",
    ),
    (
        "Calderbridge",
        "Calderbridge Council children's services",
        "Martin Hale",
        "Director of children's services",
        "martin.hale@calderbridge.example.org",
    ),
    (
        "Calderbridge",
        "Calder Valley Police",
        "Aisha Rahman",
        "Detective Superintendent, safeguarding",
        "aisha.rahman@police.calder.example.org",
    ),
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


def seed_areas(*, admin: AbstractBaseUser | None = None) -> dict[str, LocalAuthority]:
    """The demo areas, their partner bodies and contacts (found by name before they are made).

    Only what is missing is added, so that a body or contact the programme administrator changed
    or stopped sending drafts to on the pages stays as they left it.
    """
    areas = {}
    for data in DEMO_AREAS:
        area, _ = LocalAuthority.objects.get_or_create(ons_code=data["ons_code"], defaults=data)
        areas[area.name] = area
        for kind, name in DEMO_PARTNER_BODIES[area.name]:
            if not PartnerBody.objects.filter(local_authority=area, name=name).exists():
                body = PartnerBody(local_authority=area, kind=kind, name=name)
                record_change(body, acting_user=admin, reason="Demo data")
                body.save()
    for area_name, body_name, name, role, email in DEMO_CONTACTS:
        body = PartnerBody.objects.filter(local_authority=areas[area_name], name=body_name).first()
        if body is None or body.contacts.filter(email=email).exists():
            continue
        contact = AreaContact(partner_body=body, name=name, role=role, email=email)
        record_change(contact, acting_user=admin, reason="Demo data")
        contact.save()
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
    return move_through(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        stages=(InspectionStatus.NOTIFIED, InspectionStatus.FIELDWORK),
    )


def move_through(*, acting_user, inspection: Inspection, stages) -> Inspection:
    """Move a demo inspection through `stages`, the area told on the last day its kind's notice
    rule allows (DESIGN section 1): a working week before an announced window, exactly ten
    working days before a joint targeted area inspection's."""
    for stage in stages:
        inspection = services.inspection_move_stage(
            acting_user=acting_user,
            inspection=inspection,
            to_status=stage,
            notified_on=(
                notification_day(inspection) if stage == InspectionStatus.NOTIFIED else None
            ),
        )
    return inspection


def notification_day(inspection: Inspection) -> datetime.date:
    """The day the area is told, by the notice rule of the version in force on its window."""
    framework = framework_current(inspection.kind, on=inspection.window_start)
    rule = framework.notice_rule
    if rule is None:
        return inspection.window_start - datetime.timedelta(days=7)
    return min(rule.notification_day(inspection.window_start), timezone.localdate())


def seed() -> DemoInspection:
    people = seed_people()
    areas = seed_areas(admin=people["programme.admin"])
    inspection = seed_fieldwork_inspection(people=people, area=areas["Ashdown"])
    return DemoInspection(inspection=inspection, people=people)
