"""Text typed by inspectors reaches the joint report as text: escaped on the public page and
written literally in the PDF, never run as markup."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from judgements.models import Judgement
from reports import rendering
from tests.reports.conftest import make_ready_for_publication, publish, render

PAYLOAD = "<script>alert(1)</script> & <b>bold</b> '; DROP TABLE reports_publication; --"


@pytest.fixture
def published_with_payload(inspection, people):
    ready = make_ready_for_publication(inspection, people)
    Judgement.objects.filter(
        inspection=ready, inspectorate__code="ofsted", area_code="help_and_protection"
    ).update(rationale=f"Findings. {PAYLOAD}")
    version = render(ready, people)
    publication = publish(ready, people)
    return version, publication


def test_a_finding_with_markup_is_literal_text_in_the_pdf(published_with_payload):
    version, _ = published_with_payload
    with default_storage.open(version.pdf.name, "rb") as stored:
        text = " ".join(rendering.read_pdf(stored.read()).page_texts)
    assert "<script>alert(1)</script>" in " ".join(text.split())
    assert "<b>bold</b>" in " ".join(text.split())


def test_a_finding_with_markup_is_escaped_on_the_public_page(published_with_payload, client):
    _, publication = published_with_payload
    page = client.get(f"/reports/{publication.slug}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert "<b>bold</b>" not in page
