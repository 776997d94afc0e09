"""Text typed by inspectors reaches the joint report as text: escaped on the public page and
written literally in the PDF, never run as markup."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from inspections import demo
from judgements.models import Judgement
from reports import rendering
from reports.models import Publication, ReportVersion
from tests.conftest import module_transaction
from tests.reports.conftest import make_ready_for_publication, publish, render

PAYLOAD = "<script>alert(1)</script> & <b>bold</b> '; DROP TABLE reports_publication; --"


@pytest.fixture(scope="module")
def _published_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The report with the payload in a finding, rendered and published once for the module's
    tests (`module_transaction`): its version's and publication's ids, and the stored files."""
    media = tmp_path_factory.mktemp("escaping-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with module_transaction(django_db_blocker):
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=fast),
        ):
            seeded = demo.seed()
            ready = make_ready_for_publication(seeded.inspection, seeded.people)
            Judgement.objects.filter(
                inspection=ready, inspectorate__code="ofsted", area_code="help_and_protection"
            ).update(rationale=f"Findings. {PAYLOAD}")
            version = render(ready, seeded.people)
            publication = publish(ready, seeded.people)
        yield version.pk, publication.pk, str(media)


@pytest.fixture
def published_with_payload(_published_once, db, settings):
    version_id, publication_id, settings.MEDIA_ROOT = _published_once
    return ReportVersion.objects.get(pk=version_id), Publication.objects.get(pk=publication_id)


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
