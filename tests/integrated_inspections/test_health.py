"""`/healthz` tells an operator whether the database and the broker answer."""

import pytest

from tests.conftest import require_services

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client, settings):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.REDIS_URL else "in-process")


def test_healthz_reports_a_real_redis_broker(client, settings):
    require_services(redis=True)
    assert client.get("/healthz").json()["broker"] == "ok"


def test_healthz_reports_an_unreachable_broker_but_stays_up(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "unavailable"
