"""Broker down: asking for a render still succeeds and the version waits as queued; once Redis
is back, the sweep sends it again and a real worker renders it.

The test runs a Redis server of its own on its own port, stops it and starts it again; the
Redis other tests use is never touched.
"""

from __future__ import annotations

import datetime
import time

import pytest
from kombu import pools as kombu_pools

from integrated_inspections.celery import app as celery_app
from reports import services
from reports.models import ReportState, ReportVersion
from tests.conftest import require_services
from tests.processes import service_env
from tests.reports.conftest import make_ready_for_publication

pytestmark = [
    pytest.mark.services,
    # Committed rows, so that the worker (another process) sees them; the demo seed rebuilds
    # what it needs after other transactional tests have flushed the database.
    pytest.mark.django_db(transaction=True),
]


def _redis_url(port: int) -> str:
    return f"redis://127.0.0.1:{port}/0"


def _use_broker(url: str) -> None:
    """Point this process's Celery app at another broker.

    `app.close()` is not enough: it keeps the producer pool, whose connections still lead to
    the broker the earlier tests used, so the task would be sent there. This forgets both
    pools, as Celery itself does in a forked child.
    """
    celery_app.conf.broker_url = url
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # Kombu keeps producer pools of its own, per connection: forgotten too, or the next test
    # in this process (pytest-xdist runs many) would send through a pool closed here.
    kombu_pools.reset()


@pytest.fixture
def own_redis(settings, processes):
    """A redis-server of the test's own, on a port of its own, with nothing saved to disk."""
    require_services(postgres=True, redis=True)
    server = processes.redis_server()
    url = _redis_url(server.port)
    previous_url = celery_app.conf.broker_url
    previous_eager = celery_app.conf.task_always_eager
    settings.REDIS_URL = settings.CELERY_BROKER_URL = url
    celery_app.conf.task_always_eager = False
    _use_broker(url)
    yield server
    celery_app.conf.task_always_eager = previous_eager
    _use_broker(previous_url)


def test_a_render_asked_for_while_redis_is_down_is_rendered_once_it_is_back(
    own_redis, processes, inspection, people, client_for, settings
):
    ready = make_ready_for_publication(inspection, people)
    own_redis.stop()

    response = client_for("ofsted.lead").post(
        f"/inspections/{ready.reference}/report/",
        {"purpose": "final", "publish_when": "when_ready", "version": 0},
    )
    assert response.status_code == 302
    version = ReportVersion.objects.get(inspection=ready)
    assert version.state == ReportState.QUEUED
    page = client_for("ofsted.lead").get(response["Location"]).content.decode()
    assert "Queued" in page or "queued" in page

    processes.redis_server(port=own_redis.port)
    url = _redis_url(own_redis.port)
    worker = processes.celery_worker(env=service_env(redis_url=url, media_root=settings.MEDIA_ROOT))
    # The broker is empty: nothing renders until the sweep sends the version again, and
    # the sweep leaves alone a version queued less than REQUEUE_AFTER ago.
    assert services.report_requeue_stuck() == []
    assert services.report_requeue_stuck(older_than=datetime.timedelta(0)) == [version.pk]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        version.refresh_from_db()
        if version.state in (ReportState.READY, ReportState.FAILED):
            break
        time.sleep(0.3)
    assert version.state == ReportState.READY, worker.tail(60)


def test_the_sweep_is_scheduled_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["requeue-stuck-report-versions"]
    assert entry["task"] == "reports.requeue_stuck_report_versions"
    assert entry["schedule"] <= 60
    assert "reports.requeue_stuck_report_versions" in celery_app.tasks
