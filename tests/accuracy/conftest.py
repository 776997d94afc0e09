"""Fixtures for the factual accuracy round: an inspection in the factual accuracy check with a
ready, checked draft (one real render per module), and two contacts for its area."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from accuracy import services
from inspections import demo
from inspections import services as inspection_services
from inspections.models import (
    AreaContact,
    Inspection,
    InspectionStatus,
    PartnerBody,
    PartnerBodyKind,
)
from reports.models import ReportPurpose, ReportState
from tests.conftest import module_transaction
from tests.reports.conftest import make_ready_for_publication, render

CONTACTS = [
    (
        PartnerBodyKind.CHILDRENS_SERVICES,
        "Ashdown children's services",
        "Ada Rowe",
        "ada@example.org",
    ),
    (PartnerBodyKind.POLICE, "Ashdown and Weald Police", "Ben Ware", "ben@example.org"),
]


def add_contacts(inspection: Inspection) -> list[AreaContact]:
    contacts = []
    for kind, body_name, name, email in CONTACTS:
        body, _ = PartnerBody.objects.get_or_create(
            local_authority=inspection.local_authority, name=body_name, defaults={"kind": kind}
        )
        contact, _ = AreaContact.objects.get_or_create(
            partner_body=body, email=email, defaults={"name": name, "role": "Head of service"}
        )
        contacts.append(contact)
    return contacts


def draft_ready(seeded: demo.DemoInspection) -> Inspection:
    """Judgements and shared text agreed, a draft rendered and checked, in factual accuracy.

    The demo's own Ashdown contacts are stood down, so that the tests' contacts (add_contacts)
    are the only ones a draft goes to.
    """
    AreaContact.objects.filter(
        partner_body__local_authority=seeded.inspection.local_authority
    ).update(active=False)
    inspection = make_ready_for_publication(seeded.inspection, seeded.people)
    draft = render(inspection, seeded.people, ReportPurpose.FACTUAL_ACCURACY)
    assert draft.state == ReportState.READY, draft.error
    return inspection_services.inspection_move_stage(
        acting_user=seeded.people["ofsted.lead"],
        inspection=inspection,
        to_status=InspectionStatus.FACTUAL_ACCURACY,
    )


@dataclass(frozen=True)
class DraftOnce:
    inspection_id: int
    usernames: tuple[str, ...]
    media_root: Path


@pytest.fixture(scope="module")
def draft_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """One real render of the draft for every test of a module (about 5 s a test otherwise)."""
    media_root = tmp_path_factory.mktemp("accuracy-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with module_transaction(django_db_blocker):
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=str(media_root), PASSWORD_HASHERS=fast),
        ):
            seeded = demo.seed()
            inspection = draft_ready(seeded)
        yield DraftOnce(inspection.pk, tuple(seeded.people), media_root)


@dataclass
class Ready:
    inspection: Inspection
    people: dict


@pytest.fixture
def ready(draft_once, db, settings) -> Ready:
    """The module's inspection, fresh for this test (its changes are rolled back after it)."""
    shutil.copytree(draft_once.media_root, settings.MEDIA_ROOT, dirs_exist_ok=True)
    people = get_user_model().objects.filter(username__in=draft_once.usernames)
    return Ready(
        inspection=Inspection.objects.get(pk=draft_once.inspection_id),
        people={user.username: user for user in people},
    )


def send(ready: Ready, *, contacts: bool = True):
    if contacts:
        add_contacts(ready.inspection)
    return services.round_send(acting_user=ready.people["ofsted.lead"], inspection=ready.inspection)
