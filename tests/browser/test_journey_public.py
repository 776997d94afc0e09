"""Journey 3: a member of the public finds a published report and downloads its PDF."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.models import Publication
from seeding.demo import seed_published_report

pytestmark = [
    pytest.mark.browser,
    # Committed rows, so that the live server's thread sees them.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def published(seeded) -> Publication:
    """The demo's published report: Calderbridge's integrated inspection of spring 2015."""
    inspection = seed_published_report(seeded)
    # The demo's report was corrected: the public reads its newest publication.
    return (
        Publication.objects.select_related("report_version")
        .filter(inspection=inspection)
        .latest("publish_at", "pk")
    )


def test_a_visitor_searches_by_area_reads_the_report_and_downloads_the_pdf(
    start_journey, published
):
    journey = start_journey("journey-3-public")
    page = journey.page

    # Nobody signs in: the service's front door is the list of published reports.
    journey.visit("/", "published reports", screenshot=True)
    assert page.url.endswith("/reports/")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    # An area with no published report finds nothing; the demo's published area finds its own.
    page.get_by_label("Area name").fill("Ashdown")
    journey.submit("Search", "search with no result")
    expect(page.get_by_role("heading", name="0 reports")).to_be_visible()
    page.get_by_label("Area name").fill("Calderbridge")
    journey.submit("Search", "search by area", screenshot=True)
    expect(page.get_by_role("heading", name="1 report", exact=True)).to_be_visible()

    journey.follow("Calderbridge: joint inspection of services for children", "report page")
    journey.screenshot("report page")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Calderbridge")
    # The file's fingerprint is inside a details component, for whoever wants to check a copy.
    page.get_by_text("Check that your copy is the published file").click()
    shown_digest = page.locator("code.app-report__digest").inner_text().strip()
    download_link = page.get_by_role("link", name=re.compile(r"^Download the full report"))
    pages_shown = int(re.search(r"(\d+) pages", download_link.inner_text()).group(1))

    with page.expect_download() as started:
        download_link.click()
    download = started.value
    assert download.failure() is None
    filename = download.suggested_filename
    content = download.path().read_bytes()
    journey.finish()

    assert filename == f"{published.slug}.pdf"

    assert content.startswith(b"%PDF-")
    assert b"%%EOF" in content[-1024:]
    pdf = PdfReader(io.BytesIO(content))
    assert len(pdf.pages) == pages_shown
    assert "Calderbridge" in pdf.pages[0].extract_text()
    assert hashlib.sha256(content).hexdigest() == shown_digest
    assert shown_digest == published.report_version.sha256

    journey.assert_accessible()
