"""A signed-in session is written at most once a minute, not on every request, and still ends
an hour after its user's last request (RefreshSessionMiddleware)."""

from __future__ import annotations

import time

import pytest

from core.models import SignedInSession as Session
from integrated_inspections.middleware import RefreshSessionMiddleware

pytestmark = pytest.mark.django_db

PAGE = "/inspections/"


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_requests_within_a_minute_do_not_write_the_session(client_for):
    client = client_for("ofsted.inspector")
    assert client.get(PAGE).status_code == 200
    first = _expiry(client)
    time.sleep(1.1)
    for _ in range(3):
        assert client.get(PAGE).status_code == 200
    assert _expiry(client) == first


def test_a_request_a_minute_later_restarts_the_hour(client_for):
    client = client_for("ofsted.inspector")
    assert client.get(PAGE).status_code == 200
    session = client.session
    session[RefreshSessionMiddleware.REFRESHED_AT] = int(time.time()) - 61
    session.save()
    before = _expiry(client)
    time.sleep(1.1)
    assert client.get(PAGE).status_code == 200
    assert _expiry(client) > before
    assert client.session[RefreshSessionMiddleware.REFRESHED_AT] > int(time.time()) - 5


def test_an_anonymous_visitor_gets_no_session(client):
    assert client.get("/reports/").status_code == 200
    assert "sessionid" not in client.cookies
    assert Session.objects.count() == 0
