"""Recording the statement received: a PDF, checked whole before anything is kept."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage

from statements.models import StatementOfAction
from statements.services import MAX_PDF_BYTES
from tests.statements.published import PDF, dated


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_pdf_is_recorded_with_its_sha256_size_and_date(receive, inadequate):
    response = receive(day=datetime.date(2015, 7, 1))

    assert response.status_code == 302
    statement = StatementOfAction.objects.get(inspection=inadequate.inspection)
    assert statement.sha256 == hashlib.sha256(PDF).hexdigest()
    assert statement.size_bytes == len(PDF)
    assert statement.received_on == datetime.date(2015, 7, 1)
    assert statement.original_name == "statement.pdf"
    with default_storage.open(statement.pdf.name, "rb") as stored:
        assert stored.read() == PDF
    assert statement.history.count() == 1


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_kept(receive, inadequate):
    response = receive(content=b"<html>not a statement</html>", name="statement.pdf")

    assert response.status_code == 200
    assert "The selected file must be a PDF" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not StatementOfAction.objects.exists()
    assert _stored_files() == []


def test_a_file_over_20_mb_is_refused_and_nothing_is_kept(receive):
    response = receive(content=PDF + b"0" * MAX_PDF_BYTES)

    assert response.status_code == 200
    assert "The selected file must be smaller than 20 MB" in response.content.decode()
    assert not StatementOfAction.objects.exists()
    assert _stored_files() == []


def test_a_date_received_before_publication_or_in_the_future_is_refused(receive):
    before = receive(day=datetime.date(2015, 4, 1))
    assert "on or after the report was published (2 April 2015)" in before.content.decode()

    future = receive(day=datetime.date.today() + datetime.timedelta(days=3))
    assert "today or in the past" in future.content.decode()
    assert not StatementOfAction.objects.exists()
    assert _stored_files() == []


def test_a_revised_statement_replaces_the_first_until_it_is_published(
    receive, admin_client, inadequate
):
    receive()
    revised = PDF + b"% revised\n"
    receive(content=revised, name="revised.pdf")
    statement = StatementOfAction.objects.get(inspection=inadequate.inspection)
    assert statement.sha256 == hashlib.sha256(revised).hexdigest()
    assert statement.history.count() == 2

    reference = inadequate.inspection.reference
    admin_client.post(
        f"/statements/{reference}/publish/", dated("published_on", statement.received_on)
    )
    response = receive(content=PDF + b"% third\n")
    assert "cannot be replaced" in response.content.decode()
    statement.refresh_from_db()
    assert statement.sha256 == hashlib.sha256(revised).hexdigest()


def test_no_statement_can_be_recorded_where_none_is_owed(admin_client, people):
    from tests.statements.published import pdf_upload, publish_report

    publication = publish_report(people=people, grades={"leadership": "good"})
    url = f"/statements/{publication.inspection.reference}/receipt/"

    response = admin_client.post(
        url, {**dated("received_on", datetime.date(2015, 7, 1)), "pdf": pdf_upload()}
    )

    assert response.status_code == 404
    assert not StatementOfAction.objects.exists()
