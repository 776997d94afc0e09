"""The public pages in Debian's Chromium: axe finds no violation of any impact, the report page
is set in GOV.UK's type (not the browser's default serif) and its download panel follows the
report's heading, and the list of reports works without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reports.models import Publication
from seeding.demo import seed_published_report

pytestmark = [
    pytest.mark.browser,
    # Committed rows, so that the live server's thread sees them.
    pytest.mark.django_db(transaction=True),
]

FOOTER_PAGES = [
    ("/accessibility/", "Accessibility statement"),
    ("/privacy/", "Privacy"),
    ("/cookies/", "Cookies"),
    ("/licence/", "Open Government Licence v3.0"),
    ("/status/", "Service status"),
]

_FONT = """(selector) => getComputedStyle(document.querySelector(selector)).fontFamily"""
_FOLLOWS = """([first, second]) => {
  const a = document.querySelector(first), b = document.querySelector(second);
  return Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


@pytest.fixture
def published(seeded) -> Publication:
    inspection = seed_published_report(seeded)
    return Publication.objects.filter(inspection=inspection).latest("publish_at", "pk")


def _assert_no_violations(journey) -> None:
    """Not only the serious and critical: no violation of any impact on a public page."""
    journey.assert_every_page_checked()
    found = [
        f"{audit.label} ({audit.url}): [{violation['impact']}] {violation['id']}: "
        + "; ".join(node["target"] for node in violation["nodes"][:5])
        for audit in journey.audits
        for violation in audit.violations
    ]
    assert found == [], "Accessibility violations on public pages:\n" + "\n".join(found)


def test_public_pages_have_no_accessibility_violation_and_the_report_reads_as_govuk(
    start_journey, published
):
    # Read before Chromium starts: the database is not used while it runs (harness module).
    slug, sha256 = published.slug, published.report_version.sha256
    journey = start_journey("public-pages")
    page = journey.page

    journey.visit("/reports/", "published reports")
    journey.visit("/reports/?area=Calderbridge", "search by area")
    journey.visit(f"/reports/{slug}/", "report page", screenshot=True)

    # Every finding and list item in GOV.UK's font stack, not the browser's default serif.
    finding = ".app-report__judgement h4 + p.govuk-body"
    item = ".app-report__list li"
    fonts = {
        "finding": page.evaluate(_FONT, finding),
        "list item": page.evaluate(_FONT, item),
        "heading": page.evaluate(_FONT, "h1"),
    }
    for font in fonts.values():
        assert "arial" in font.lower() and "sans-serif" in font, fonts
    assert fonts["finding"] == fonts["heading"] == fonts["list item"]

    # The download panel follows the report's heading, and comes before its contents.
    assert page.evaluate(_FOLLOWS, ["h1", ".app-report-download"])
    assert page.evaluate(_FOLLOWS, [".app-report-download", "#contents"])
    panel = page.locator(".app-report-download")
    expect(panel.get_by_role("link", name="Download the full report")).to_contain_text("pages")
    # The fingerprint waits inside a details component, with how to check it.
    digest = panel.locator("code.app-report__digest")
    expect(digest).to_be_hidden()
    panel.get_by_text("Check that your copy is the published file").click()
    expect(digest).to_have_text(sha256)
    expect(panel).to_contain_text("sha256sum")
    # The publication date is given once, on the cover.
    assert page.get_by_text("Publication date", exact=True).count() == 1
    journey.checkpoint("report page, fingerprint shown")

    journey.visit(f"/reports/{slug}/versions/2/", "superseded version")
    for path, link in FOOTER_PAGES:
        journey.visit("/reports/", f"footer from the list ({link})")
        journey.follow(link, path)
        assert page.url.endswith(path)
    journey.finish()

    _assert_no_violations(journey)


def test_the_list_of_reports_is_searched_without_javascript(start_journey, published):
    journey = start_journey("public-list-no-javascript", javascript=False)
    page = journey.page
    journey.visit("/reports/", "published reports")
    page.get_by_label("Area name").fill("Calderbridge")
    page.get_by_label("Grade").select_option(label="Good (four-point scale)")
    journey.submit("Search", "search by area and grade")
    expect(page.get_by_role("heading", name="1 report", exact=True)).to_be_visible()
    listed = page.locator(".app-report-list__item")
    expect(listed).to_contain_text("Overall effectiveness (Ofsted)")
    expect(listed).to_contain_text("Ofsted, Care Quality Commission")
    journey.finish()

    _assert_no_violations(journey)
