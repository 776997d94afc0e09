"""Report files in a real S3-compatible store (SeaweedFS on loopback, tests/object_store.py):
stored and read through Django's storage API, the same bytes as rendered, downloads with ETag
and conditional GET; the store down or its bucket missing handled as docs/adr/0015 says."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from core.storage import store_status
from reports import services
from reports.models import ReportState
from tests.object_store import READER_KEY, object_store, use_store
from tests.reports.conftest import publish, render

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with object_store(tmp_path_factory.mktemp("seaweedfs")) as started:
        yield started


@pytest.fixture
def bucket(settings, store):
    """This test's files in the bucket; the store running again if a test stopped it."""
    if store.process is None:
        store.start()
    store.location = f"test-{uuid.uuid4().hex[:12]}"
    use_store(settings, store, store.location)
    return store


def test_a_rendered_report_is_stored_in_the_bucket_byte_for_byte(bucket, ready_inspection, people):
    version = render(ready_inspection, people)
    assert version.state == ReportState.READY
    stored = bucket.objects(bucket.location)
    assert list(stored) == [version.pdf.name]
    assert hashlib.sha256(stored[version.pdf.name]).hexdigest() == version.sha256
    assert len(stored[version.pdf.name]) == version.size_bytes


def test_the_public_download_streams_the_stored_file_with_its_etag(
    bucket, client, ready_inspection, people
):
    publication = publish(render(ready_inspection, people).inspection, people)
    url = publication.get_pdf_url()
    response = client.get(url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["ETag"] == f'"{publication.report_version.sha256}"'
    assert hashlib.sha256(body).hexdigest() == publication.report_version.sha256
    assert int(response["Content-Length"]) == len(body)
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]


def test_the_team_download_reads_the_bucket(bucket, client_for, ready_inspection, people):
    version = render(ready_inspection, people)
    response = client_for("ofsted.lead").get(
        f"/inspections/{ready_inspection.reference}/report/versions/{version.number}.pdf"
    )
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == version.sha256


def test_a_download_while_the_store_is_down_is_a_gov_uk_503_page(
    bucket, client, ready_inspection, people
):
    publication = publish(render(ready_inspection, people).inspection, people)
    bucket.stop()
    response = client.get(publication.get_pdf_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert 'class="govuk-heading-l"' in page
    assert "Traceback" not in page and "botocore" not in page
    # Unchanged files still answer 304 from the database alone: no store needed.
    etag = f'"{publication.report_version.sha256}"'
    assert client.get(publication.get_pdf_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_render_while_the_store_is_down_waits_and_is_stored_once_it_is_back(
    bucket, ready_inspection, people, client_for
):
    bucket.stop()
    version = render(ready_inspection, people, record_round=False)
    assert version.state == ReportState.QUEUED
    assert "The file store could not save the file" in version.error
    assert "tried again by itself" in version.error
    assert not version.pdf.name
    page = client_for("ofsted.lead").get(version.get_absolute_url()).content.decode()
    assert "The render is waiting." in page

    bucket.start()
    ready = services.report_version_render(version_id=version.pk)
    assert ready.state == ReportState.READY and ready.error == ""
    stored = bucket.objects(bucket.location)
    assert list(stored) == [ready.pdf.name]
    assert hashlib.sha256(stored[ready.pdf.name]).hexdigest() == ready.sha256


def test_healthz_reports_the_store(bucket, client, settings):
    assert client.get("/healthz").json()["store"] == "ok"
    use_store(settings, bucket, bucket.location, AWS_STORAGE_BUCKET_NAME="no-such-bucket")
    assert client.get("/healthz").json()["store"] == "bucket missing"
    use_store(
        settings,
        bucket,
        bucket.location,
        AWS_ACCESS_KEY_ID=READER_KEY[0],
        AWS_SECRET_ACCESS_KEY=READER_KEY[1],
    )
    body = client.get("/healthz").json()
    assert body["store"] == "not writable"
    # The database answers: a load balancer keeps the service; an operator sees the store.
    assert body["status"] == "ok"
    use_store(settings, bucket, bucket.location)
    bucket.stop()
    assert store_status() == "unavailable"
