"""Broker down: asking for a render still succeeds and the version waits as queued; once Redis
is back, the sweep sends it again and a real worker renders it.

The test runs a Redis server of its own on its own port, stops it and starts it again; the
Redis other tests use is never touched.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from integrated_inspections.celery import app as celery_app
from reports import services
from reports.models import ReportState, ReportVersion
from tests.conftest import require_services
from tests.reports.conftest import make_ready_for_publication
from tests.reports.test_worker import _database_url
from tests.security.processes import free_port, wait_for_port

pytestmark = [
    pytest.mark.services,
    # Committed rows, so that the worker (another process) sees them; the demo seed rebuilds
    # what it needs after other transactional tests have flushed the database.
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


class RedisServer:
    """A redis-server of the test's own, on a port of its own, with nothing saved to disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


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


@pytest.fixture
def own_redis(settings):
    require_services(postgres=True, redis=True)
    server = RedisServer()
    server.start()
    previous_url = celery_app.conf.broker_url
    previous_eager = celery_app.conf.task_always_eager
    settings.REDIS_URL = settings.CELERY_BROKER_URL = server.url
    celery_app.conf.task_always_eager = False
    _use_broker(server.url)
    yield server
    server.stop()
    celery_app.conf.task_always_eager = previous_eager
    _use_broker(previous_url)


def _start_worker(server: RedisServer, settings, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": server.url,
        "DEBUG": "1",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    with open(log, "wb") as output:
        return subprocess.Popen(
            [
                CELERY,
                "-A",
                "integrated_inspections",
                "worker",
                "--pool=solo",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def test_a_render_asked_for_while_redis_is_down_is_rendered_once_it_is_back(
    own_redis, inspection, people, client_for, settings, tmp_path
):
    ready = make_ready_for_publication(inspection, people)
    own_redis.stop()

    response = client_for("ofsted.lead").post(
        f"/inspections/{ready.reference}/report/", {"purpose": "final", "version": 0}
    )
    assert response.status_code == 302
    version = ReportVersion.objects.get(inspection=ready)
    assert version.state == ReportState.QUEUED
    page = client_for("ofsted.lead").get(response["Location"]).content.decode()
    assert "Queued" in page or "queued" in page

    own_redis.start()
    worker = _start_worker(own_redis, settings, tmp_path / "worker.log")
    try:
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
        assert version.state == ReportState.READY, (tmp_path / "worker.log").read_text()[-3000:]
    finally:
        worker.kill()
        worker.wait(timeout=10)


def test_the_sweep_is_scheduled_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["requeue-stuck-report-versions"]
    assert entry["task"] == "reports.requeue_stuck_report_versions"
    assert entry["schedule"] <= 60
    assert "reports.requeue_stuck_report_versions" in celery_app.tasks
