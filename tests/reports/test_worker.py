"""Rendering by real Celery worker processes over a real Redis, against the test database.

Each test starts its own worker on a queue of its own, so that tests run by others on the same
Redis never take these tasks, and stops it afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reports import selectors as report_selectors
from reports import services
from reports.models import ReportState, ReportVersion
from reports.tasks import render_report_version
from tests.conftest import require_services
from tests.processes import Process, own_task_queue, service_env

pytestmark = [
    pytest.mark.services,
    # Committed rows, so that the worker (another process) sees them; the rows that migrations
    # put in are restored for the tests that follow.
    pytest.mark.django_db(transaction=True),
]

TIMEOUT = 60


@pytest.fixture
def queue(settings):
    """A queue of this test's own, which tasks queued by this process go to."""
    require_services(postgres=True, redis=True)
    with own_task_queue("reports-test", redis_url=settings.REDIS_URL) as name:
        yield name


@pytest.fixture
def start_worker(queue, settings, processes) -> Callable[..., Process]:
    """Start a worker process on the test's queue; every one started is stopped at the end."""

    def start(**extra_env: str) -> Process:
        env = service_env(redis_url=settings.REDIS_URL, media_root=settings.MEDIA_ROOT, **extra_env)
        return processes.celery_worker(env=env, queue=queue)

    return start


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"Timed out after {timeout} seconds waiting for {what}.")


def _state(version: ReportVersion) -> str:
    version.refresh_from_db()
    return version.state


def _stored_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_render_asked_for_on_the_web_page_is_finished_by_a_worker(
    client_for, ready_inspection, start_worker, settings
):
    start_worker()
    response = client_for("ofsted.lead").post(
        f"/inspections/{ready_inspection.reference}/report/",
        {"purpose": "final", "publish_when": "when_ready", "version": 0},
    )
    assert response.status_code == 302
    version = ReportVersion.objects.get(inspection=ready_inspection)
    _wait_for(lambda: _state(version) in (ReportState.READY, ReportState.FAILED), "the render")
    assert version.state == ReportState.READY, version.error
    assert _stored_files(settings) == [Path(settings.MEDIA_ROOT) / version.pdf.name]
    page = client_for("ofsted.lead").get(response["Location"]).content.decode()
    assert "Download the PDF" in page
    assert version.sha256 in page


def test_a_worker_killed_mid_render_is_followed_by_another_that_finishes_it(
    ready_inspection, people, start_worker, settings
):
    # The first worker stops after collecting, long enough to be killed while rendering.
    first = start_worker(**{services.PAUSE_ENVIRONMENT_VARIABLE: "60"})
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="final",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    _wait_for(
        lambda: _state(version) == ReportState.RENDERING and version.stages,
        "the first worker to start rendering",
    )
    started = time.monotonic()
    first.kill()
    assert _state(version) == ReportState.RENDERING
    # The unacknowledged message goes back to the queue once its visibility timeout has passed:
    # the second worker looks for such messages when it starts.
    visibility_timeout = 2
    time.sleep(max(0.0, visibility_timeout + 1 - (time.monotonic() - started)))
    start_worker(CELERY_VISIBILITY_TIMEOUT=str(visibility_timeout))
    _wait_for(lambda: _state(version) in (ReportState.READY, ReportState.FAILED), "the re-render")
    assert version.state == ReportState.READY, version.error
    assert version.attempts == 2
    assert _stored_files(settings) == [Path(settings.MEDIA_ROOT) / version.pdf.name]


def test_a_task_delivered_twice_stores_one_file(ready_inspection, people, start_worker, settings):
    worker = start_worker()
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="final",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    # The service queued it once on commit; deliver the same task again.
    render_report_version.delay(version.pk)

    def both_done() -> bool:
        return worker.output().count("succeeded in") == 2

    _wait_for(both_done, "both deliveries")
    assert _state(version) == ReportState.READY
    assert version.attempts == 1
    assert _stored_files(settings) == [Path(settings.MEDIA_ROOT) / version.pdf.name]
