"""Database down: the health check says so with a 503, pages show the service's 500 page
without a traceback, and both recover when the database is back.

The service runs in its own process, production settings (DEBUG off), reaching PostgreSQL
through a proxy this test starts and stops; the database server itself is never touched.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import require_services
from tests.processes import TcpProxy, http_get, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
SERVICE_PROBLEM = "Sorry, there is a problem with the service"


@pytest.fixture
def service_behind_proxy(db, tmp_path, processes):
    # `db` for the test database's name; the service reads only what migrations committed.
    require_services(postgres=True)
    database = connection.settings_dict
    proxy = TcpProxy((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    proxy.start()
    user = database["USER"]
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    environment = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"postgres://{user}{password}@127.0.0.1:{proxy.port}/{database['NAME']}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "REDIS_URL": "",
        # The public pages are cached behind a per-process memory of what is published; with
        # none, every page asks the database, as the first request after a restart would.
        "PUBLIC_STATE_SECONDS": "0",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    server = processes.gunicorn(env=environment, options=["--timeout", "30"])
    try:
        wait_for_port(server.port)
        yield f"http://127.0.0.1:{server.port}", proxy
    finally:
        server.stop(timeout=20)
        proxy.stop()
        # Whatever the service logged, it must not have sent a traceback to a browser; the
        # log is shown when the test fails.
        print(server.tail(60))


def test_health_and_pages_follow_the_database_down_and_back(service_behind_proxy):
    base, proxy = service_behind_proxy
    status, body = http_get(f"{base}/healthz")
    assert (status, '"database": "ok"' in body) == (200, True), body
    assert http_get(f"{base}/reports/")[0] == 200

    proxy.stop()
    status, body = http_get(f"{base}/healthz")
    assert status == 503
    assert '"database": "unavailable"' in body
    status, page = http_get(f"{base}/reports/")
    assert status == 500
    assert SERVICE_PROBLEM in page
    for leak in ("Traceback", "OperationalError", "psycopg", "DATABASE", "settings.py"):
        assert leak not in page

    proxy.start()
    status, body = http_get(f"{base}/healthz")
    assert status == 200
    assert '"database": "ok"' in body
    assert http_get(f"{base}/reports/")[0] == 200
