"""Fixtures for the browser journeys: Debian's Chromium through Playwright, against the live server.

The live server runs in a thread of this process and uses the same test database as the rest of
the suite, so every journey starts from data seeded through the real services and committed
(`django_db(transaction=True)`).

Django's guard against database access from a thread running an event loop stays on: while
Playwright runs, the test thread would get a second connection, which on SQLite loses the
serialized copy of the migrated data and so breaks `serialized_rollback` for every later test.
The journeys seed before the browser starts and check the database after `journey.finish()`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection

from tests.browser.harness import CHROMIUM, REPORT, Chromium, Journey
from tests.processes import Process, own_task_queue, service_env

RENDER_SUCCEEDED = re.compile(r"reports\.render_report_version\[[^\]]+\] succeeded in")


def _require_chromium() -> None:
    if os.access(CHROMIUM, os.X_OK):
        return
    message = (
        f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium; "
        ".ci/run installs it). No browser is ever downloaded."
    )
    if settings.REQUIRE_SERVICES:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def chromium() -> Iterator[Chromium]:
    """Chromium for this test, launched by the first journey and stopped at the latest here."""
    _require_chromium()
    browser = Chromium()
    yield browser
    browser.stop()


@pytest.fixture
def start_journey(chromium, live_server) -> Callable[..., Journey]:
    """Start a named journey against the live server; call `journey.finish()` when it is done."""

    def start(name: str, *, javascript: bool = True) -> Journey:
        return Journey(
            name=name, chromium=chromium, base_url=live_server.url, javascript=javascript
        )

    return start


@pytest.fixture(autouse=True)
def _own_task_queue(settings) -> Iterator[None]:
    """With a real broker, this test's tasks go to a queue of its own, emptied afterwards, so
    that nothing is left for (or taken by) workers of other test runs on the same Redis."""
    if not settings.REDIS_URL:
        yield
        return
    with own_task_queue("browser-test", redis_url=settings.REDIS_URL):
        yield


@dataclass
class Renderer:
    """What renders reports for a journey: a Celery worker process (with its log) or in-process."""

    worker: Process | None = None

    def rendered(self) -> bool:
        """Whether the worker, if there is one, logged a render task that succeeded."""
        if self.worker is None:
            return True
        return bool(RENDER_SUCCEEDED.search(self.worker.output()))


@pytest.fixture
def report_worker(settings, processes) -> Iterator[Renderer]:
    """Whatever renders reports in this set-up, end to end where it can.

    With Redis and PostgreSQL, a real Celery worker in its own process, on this test's queue,
    against the test database, stopped at the end. Without a broker, tasks run in-process as in
    the embedded set-up. Redis with SQLite cannot share the database with another process, so
    the render then runs in-process too (and CI, which asks for every service, fails instead).
    """
    from integrated_inspections.celery import app as celery_app

    if not settings.REDIS_URL:
        yield Renderer()
        return
    if connection.vendor != "postgresql":
        if settings.REQUIRE_SERVICES:
            pytest.fail("The sign-off journey's render worker needs PostgreSQL (DATABASE_URL).")
        celery_app.conf.task_always_eager = True
        yield Renderer()
        celery_app.conf.task_always_eager = False
        return
    env = service_env(redis_url=settings.REDIS_URL, media_root=settings.MEDIA_ROOT)
    try:
        worker = processes.celery_worker(env=env, queue=celery_app.conf.task_default_queue)
    except RuntimeError as error:
        pytest.fail(f"The Celery worker did not start: {error}")
    yield Renderer(worker=worker)


def pytest_terminal_summary(terminalreporter) -> None:
    if REPORT.pages:
        terminalreporter.section("accessibility (axe-core)")
        for line in REPORT.summary_lines():
            terminalreporter.write_line(line)
