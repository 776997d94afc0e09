"""The public pages are cached for anonymous visitors (bench/README.md), and never stale."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports.caching import forget_publication_state
from reports.models import Publication


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    forget_publication_state()
    yield
    cache.clear()
    forget_publication_state()


def _get(client: Client, address: str) -> tuple[int, str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode(errors="replace"), len(queries)


def _newest(scale) -> Publication:
    return (
        Publication.objects.filter(slug__in=_slugs())
        .select_related("inspection__local_authority", "report_version")
        .order_by("-publish_at")
        .first()
    )


def _slugs() -> list[str]:
    return list(
        Publication.objects.filter(
            inspection__local_authority__ons_code__regex=r"^E\d\d8"
        ).values_list("slug", flat=True)
    )


def test_a_public_page_asked_for_again_is_served_from_the_cache(scale):
    client = Client()
    publication = _newest(scale)
    for address in ("/reports/", f"/reports/{publication.slug}/", "/reports/?area=ford"):
        status, first, queries = _get(client, address)
        again_status, again, again_queries = _get(client, address)
        assert status == again_status == 200
        assert again == first
        assert again_queries == 1 < queries  # only the publication state is read


def test_a_report_put_under_embargo_leaves_the_cached_pages_at_once(scale):
    client = Client()
    publication = _newest(scale)
    name = publication.inspection.local_authority.name
    assert name in _get(client, "/reports/")[1]
    assert _get(client, f"/reports/{publication.slug}.pdf")[0] == 200
    Publication.objects.filter(pk=publication.pk).update(
        publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert name not in _get(client, "/reports/")[1]
    assert _get(client, f"/reports/{publication.slug}/")[0] == 404
    assert _get(client, f"/reports/{publication.slug}.pdf")[0] == 404
    Publication.objects.filter(pk=publication.pk).update(publish_at=publication.publish_at)
    assert name in _get(client, "/reports/")[1]
    assert _get(client, f"/reports/{publication.slug}.pdf")[0] == 200


def test_a_signed_in_visitor_never_gets_the_cached_page(scale, client_for):
    anonymous = Client()
    _get(anonymous, "/reports/")
    status, page, queries = _get(client_for("ofsted.inspector"), "/reports/")
    assert status == 200 and queries > 1
    assert "Sign out" in page or "sign out" in page.lower()


def test_the_cached_pdf_answers_a_matching_etag_with_304(scale):
    client = Client()
    publication = _newest(scale)
    address = f"/reports/{publication.slug}.pdf"
    etag = f'"{publication.report_version.sha256}"'
    assert _get(client, address)[0] == 200
    assert client.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_remembered_state_still_lets_an_embargo_run_out_on_time(scale, settings):
    settings.PUBLIC_STATE_SECONDS = 60
    client = Client()
    publication = _newest(scale)
    name = publication.inspection.local_authority.name
    publish_at = timezone.now() + datetime.timedelta(seconds=1.5)
    Publication.objects.filter(pk=publication.pk).update(publish_at=publish_at)
    assert name not in _get(client, "/reports/")[1]
    time.sleep(max(0.0, (publish_at - timezone.now()).total_seconds()) + 0.1)
    assert name in _get(client, "/reports/")[1]


def test_a_remembered_state_is_forgotten_when_this_process_publishes(scale, settings):
    settings.PUBLIC_STATE_SECONDS = 60
    client = Client()
    publication = _newest(scale)
    name = publication.inspection.local_authority.name
    assert name in _get(client, "/reports/")[1]
    Publication.objects.filter(pk=publication.pk).update(
        publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    # Another process's change shows within PUBLIC_STATE_SECONDS; publishing here forgets at once.
    assert name in _get(client, "/reports/")[1]
    forget_publication_state()
    assert name not in _get(client, "/reports/")[1]
