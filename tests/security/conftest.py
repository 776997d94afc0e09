"""Fixtures for the security tests: the whole demo (`seed_demo`), seeded once per module."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

import pytest
from django.test import override_settings

from inspections import demo
from inspections.models import Inspection
from seeding.demo import seed_app_demos
from tests.conftest import module_transaction


@dataclass
class FullDemo:
    """What `seed_demo` makes: the Ashdown inspection in fieldwork, the published Calderbridge
    report, evidence, judgements, shared text and the selection demo."""

    inspection: Inspection
    people: dict
    published: Inspection
    media_root: str = ""
    # A second published report that owes a written statement of action (statements' pages).
    owing: Inspection | None = None


def restore_first_selection_policy() -> None:
    """A transactional test earlier in the run flushes the rows data migrations put in."""
    from django.apps import apps

    migration = import_module("selection.migrations.0002_first_selection_policy")
    migration.add_first_policy(apps, None)


def seed_full_demo() -> FullDemo:
    seeded = demo.seed()
    restore_first_selection_policy()
    seed_app_demos(seeded)
    published = Inspection.objects.get(status="published", kind="integrated")
    owing = seed_statement_owed(seeded.people)
    return FullDemo(
        inspection=seeded.inspection, people=seeded.people, published=published, owing=owing
    )


def seed_statement_owed(people) -> Inspection:
    """The demo's report has no inadequate judgement, so it owes no statement of action: a
    second report (rows, not rendered) that does, with its statement received and one action,
    so that every statements page has something to show."""
    import datetime

    from inspections.models import PartnerBody
    from statements import services
    from tests.statements.published import pdf_upload, publish_report

    publication = publish_report(
        people=people, grades={"leadership": "inadequate"}, area_code="E08000902", slug="owing"
    )
    inspection, admin = publication.inspection, people["programme.admin"]
    received = datetime.date(2015, 7, 1)
    services.statement_receive(
        acting_user=admin, inspection=inspection, received_on=received, upload=pdf_upload()
    )
    owner = PartnerBody.objects.create(
        local_authority=inspection.local_authority, kind="police", name="Owing Area Police"
    )
    services.action_save(
        acting_user=admin,
        inspection=inspection,
        description="Audit every plan.",
        owner=owner,
        due_on=received,
        status="in_progress",
    )
    return inspection


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for a whole module (`module_transaction`)."""
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with module_transaction(django_db_blocker):
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=fast),
        ):
            seeded = seed_full_demo()
        seeded.media_root = str(media)
        yield seeded


@pytest.fixture
def demo_data(full_demo, db, settings):
    """The module's demo for one test; the test's changes are rolled back after it."""
    # The demo's report PDFs were stored under the module's media folder.
    settings.MEDIA_ROOT = full_demo.media_root
    return full_demo
