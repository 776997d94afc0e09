"""Fixtures for the security tests: the whole demo (`seed_demo`), seeded once per module."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

import pytest
from django.db import transaction

from inspections import demo
from inspections.models import Inspection
from seeding.demo import seed_app_demos


@dataclass
class FullDemo:
    """What `seed_demo` makes: the Ashdown inspection in fieldwork, the published Calderbridge
    report, evidence, judgements, shared text and the selection demo."""

    inspection: Inspection
    people: dict
    published: Inspection
    media_root: str = ""


def restore_first_selection_policy() -> None:
    """A transactional test earlier in the run flushes the rows data migrations put in."""
    from django.apps import apps

    migration = import_module("selection.migrations.0002_first_selection_policy")
    migration.add_first_policy(apps, None)


def seed_full_demo() -> FullDemo:
    seeded = demo.seed()
    restore_first_selection_policy()
    seed_app_demos(seeded)
    published = Inspection.objects.get(status="published")
    return FullDemo(inspection=seeded.inspection, people=seeded.people, published=published)


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for a whole module inside a transaction that is rolled back after
    it; each test runs in a savepoint inside it, as with Django's `setUpTestData`."""
    from django.conf import settings

    media = tmp_path_factory.mktemp("media")
    original_media, settings.MEDIA_ROOT = settings.MEDIA_ROOT, str(media)
    original_hashers = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seeded = seed_full_demo()
            seeded.media_root = str(media)
            yield seeded
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            settings.MEDIA_ROOT = original_media
            settings.PASSWORD_HASHERS = original_hashers


@pytest.fixture
def demo_data(full_demo, db, settings):
    """The module's demo for one test; the test's changes are rolled back after it."""
    # The demo's report PDFs were stored under the module's media folder.
    settings.MEDIA_ROOT = full_demo.media_root
    return full_demo
