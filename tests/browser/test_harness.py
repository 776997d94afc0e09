"""The journeys' accessibility gate itself: it must catch what it exists to catch.

Served from Playwright routes rather than the live server, so that a page can be as broken as
the check needs, and nothing here touches the database or the session's axe report.
"""

from __future__ import annotations

import pytest

from tests.browser.harness import AxeReport, Journey

pytestmark = pytest.mark.browser

BASE_URL = "http://harness.invalid"
PAGES = {
    "/unlabelled/": (
        '<!DOCTYPE html><html lang="en"><head><title>Unlabelled</title></head><body><main>'
        '<h1>A form</h1><form><input type="text" name="reason"></form></main></body></html>'
    ),
    "/fine/": (
        '<!DOCTYPE html><html lang="en"><head><title>Fine</title></head><body><main>'
        "<h1>Nothing wrong here</h1><p>Plain text.</p></main></body></html>"
    ),
}


@pytest.fixture
def harness_journey(chromium):
    def start(*, javascript: bool) -> Journey:
        journey = Journey(
            name="harness-self-check",
            chromium=chromium,
            base_url=BASE_URL,
            javascript=javascript,
            report=AxeReport(),
        )

        def serve(route) -> None:
            path = route.request.url.removeprefix(BASE_URL)
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=PAGES[path])

        journey.context.route(f"{BASE_URL}/**", serve)
        return journey

    return start


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_serious_violation_fails_the_journey_and_is_named(harness_journey, javascript):
    journey = harness_journey(javascript=javascript)
    journey.visit("/unlabelled/", "unlabelled field")

    with pytest.raises(AssertionError) as failure:
        journey.assert_accessible()

    assert "unlabelled field (/unlabelled/): [critical] label:" in str(failure.value)


def test_a_page_loaded_but_not_checked_fails_the_journey(harness_journey):
    journey = harness_journey(javascript=True)
    journey.visit("/fine/", "a fine page")
    journey.page.goto("/unlabelled/")

    with pytest.raises(AssertionError) as failure:
        journey.assert_accessible()

    assert f"{BASE_URL}/unlabelled/" in str(failure.value)
