"""Shared fixtures: the demo data seeded through the real services, and signed-in clients."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from inspections import demo
from tests.processes import Processes


def require_services(*, postgres: bool = False, redis: bool = False) -> None:
    """Skip a test whose service is not configured, or fail in CI (REQUIRE_SERVICES=1)."""
    missing = []
    if postgres and connection.vendor != "postgresql":
        missing.append("PostgreSQL (set DATABASE_URL)")
    if redis and not settings.REDIS_URL:
        missing.append("Redis (set REDIS_URL)")
    if missing:
        message = "needs " + " and ".join(missing)
        if settings.REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def module_transaction(django_db_blocker) -> Iterator[None]:
    """A transaction kept open while a module's tests run, rolled back after the last one.

    What a module-scoped fixture writes inside it (under `django_db_blocker.unblock()`) is made
    once; each test runs in a savepoint inside it, as with Django's `setUpTestData`, and sees
    those rows as they were made, whatever the tests before it did. Not for modules with
    transactional tests (`django_db(transaction=True)`), which commit and flush.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def seeded(db) -> demo.DemoInspection:
    return demo.seed()


@pytest.fixture
def inspection(seeded):
    return seeded.inspection


@pytest.fixture
def people(seeded):
    return seeded.people


@pytest.fixture
def client_for(seeded):
    """A test client signed in as one of the demo users, by username."""

    def sign_in(username: str) -> Client:
        client = Client()
        client.force_login(seeded.people[username])
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing a dozen demo passwords per test with PBKDF2 dominates the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # A rolled-back test's rows may come back with the same ids (SQLite) and change counters in
    # the next test: no cached page (the workspace's sections) may outlive its test.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)


@pytest.fixture
def processes(tmp_path) -> Iterator[Processes]:
    """Start processes for this test (workers, servers; logs in its tmp_path): each one is
    stopped by its own process group id at the end of the test, whatever happened."""
    with Processes(tmp_path / "processes") as started:
        yield started
