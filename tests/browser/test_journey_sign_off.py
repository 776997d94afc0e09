"""Journey 2: from the last judgement to a published report, by each lead, in a real browser.

CQC's lead agrees CQC's last judgement; every participating inspectorate's lead agrees the shared
LSCB judgement and summary of key findings; the lead inspector finalises both, moves the
inspection to drafting, asks for the final report, watches it render and publishes it.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from playwright.sync_api import expect

from inspections import services as inspection_services
from inspections.models import InspectionStatus
from judgements.models import Judgement, JudgementStatus
from lscb.models import SharedText, SharedTextStatus
from reports.models import Publication, ReportPurpose, ReportState, ReportVersion
from tests.browser.scenarios import ready_for_sign_off
from tests.reports.conftest import end_window, record_closed_round


def _round_closed(inspection, people) -> None:
    version = ReportVersion.objects.filter(inspection=inspection).latest("number")
    record_closed_round(inspection, people, version)
    connection.close()


pytestmark = [
    pytest.mark.browser,
    # Committed rows, so that the live server's thread and the render worker see them.
    pytest.mark.django_db(transaction=True),
]

# Signed in as one lead after another; the lead inspector, Ofsted's lead too, comes last.
LEADS = ["cqc.lead", "hmic.lead", "probation.lead", "prisons.lead", "ofsted.lead"]
RENDER_TIMEOUT_MS = 120_000


def _sign_off_everything_awaiting(journey, username: str) -> int:
    """From the lead's list of inspections, agree each shared text awaiting their sign-off."""
    page = journey.page
    signed = 0
    awaiting = page.get_by_role("link", name=re.compile(r"^Sign off the "))
    while awaiting.count():
        with page.expect_navigation():
            awaiting.first.click()
        journey.checkpoint(f"shared text to sign ({username})", screenshot=signed == 0)
        page.get_by_label("Agree", exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^Sign off for ")).click()
        journey.checkpoint(f"signed off ({username})")
        assert ": agree." in journey.success_banner()
        signed += 1
        journey.follow("Your inspections", f"your inspections ({username})", exact=True)
    return signed


def test_the_leads_sign_off_and_the_lead_inspector_publishes(start_journey, seeded, report_worker):
    inspection = seeded.inspection
    reference = inspection.reference
    judgement = ready_for_sign_off(seeded)
    # The window has closed (publication waits for it, DESIGN rule 10); the lead inspector has
    # recorded why fieldwork continues while the leads sign off (rule 1).
    end_window(inspection)
    inspection_services.inspection_record_fieldwork_continues(
        acting_user=seeded.people["ofsted.lead"],
        inspection=inspection,
        reason="The leads sign off the last judgement and the shared text after the window.",
    )
    journey = start_journey("journey-2-sign-off")
    page = journey.page

    # CQC's lead agrees the judgement CQC's inspector submitted.
    journey.sign_in("cqc.lead")
    journey.follow(reference, "inspection (cqc.lead)")
    journey.follow("Evidence and judgements workspace", "workspace (cqc.lead)")
    cqc_table = page.locator("table", has_text="Care Quality Commission: judgement areas")
    with page.expect_navigation():
        cqc_table.get_by_role("link", name="Health of looked after children", exact=True).click()
    journey.checkpoint("judgement to agree", screenshot=True)
    journey.submit("Agree judgement", "judgement agreed", screenshot=True)
    assert "Health of looked after children: judgement agreed." in journey.success_banner()
    journey.follow("Your inspections", "your inspections (cqc.lead)", exact=True)

    # Each lead agrees both shared texts, from what awaits them.
    for index, username in enumerate(LEADS):
        if index:
            journey.sign_out()
            journey.sign_in(username)
        assert _sign_off_everything_awaiting(journey, username) == 2, username
    journey.screenshot("every inspectorate agrees")

    # The lead inspector finalises both texts, from what awaits them.
    finalise = page.get_by_role("link", name=re.compile(r"^Finalise the "))
    expect(finalise).to_have_count(2)
    for number in (1, 2):
        with page.expect_navigation():
            finalise.first.click()
        journey.checkpoint(f"shared text to finalise ({number})", screenshot=number == 1)
        journey.submit("Finalise", f"shared text finalised ({number})", screenshot=number == 1)
        assert "is agreed and finalised." in journey.success_banner()
        journey.follow("Your inspections", "your inspections (ofsted.lead)", exact=True)
    expect(finalise).to_have_count(0)

    # Fieldwork is over: the lead inspector moves the inspection to drafting.
    journey.follow(reference, "inspection (ofsted.lead)")
    page.get_by_label("Drafting", exact=True).check()
    journey.submit("Move stage", "inspection in drafting", screenshot=True)
    assert "The inspection is now at drafting." in journey.success_banner()

    # Ask for the final report and watch it render.
    journey.follow("Joint report", "joint report", screenshot=True, exact=True)
    page.get_by_label("Final", exact=True).check()
    page.get_by_label("As soon as it is ready, today", exact=True).check()
    journey.submit("Render the report", "final version asked for", screenshot=True)
    state = page.locator("[data-report-state]")
    # Where JavaScript runs the page follows the render by itself and reloads once it is done.
    expect(state).to_contain_text("Ready", timeout=RENDER_TIMEOUT_MS)
    journey.checkpoint("final version ready", screenshot=True)
    digest = page.locator("code.app-report__digest").inner_text().strip()
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()

    # The area's factual accuracy round closed (its own journey: test_journey_factual_accuracy).
    # Playwright's loop runs in this thread, so the rows are written from another one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(_round_closed, inspection, seeded.people).result()
    # Publish it now.
    journey.follow("Joint report", "joint report with final version", exact=True)
    journey.follow(
        "Check the conditions and publish the report", "publish the report", screenshot=True
    )
    expect(page.locator("#missing-conditions")).to_have_count(0)
    journey.submit("Publish the report", "report published", screenshot=True)
    assert "The report is published." in journey.success_banner()
    journey.follow("The public report page", "public report page", screenshot=True)
    expect(page.locator("code.app-report__digest")).to_have_text(digest)

    journey.finish()

    # What the browser did is what the database holds, and the worker (if any) rendered it.
    assert report_worker.rendered()
    judgement.refresh_from_db()
    assert judgement.status == JudgementStatus.AGREED
    assert judgement.agreed_by.username == "cqc.lead"
    assert not Judgement.objects.filter(inspection=inspection).exclude(
        status=JudgementStatus.AGREED
    )
    texts = SharedText.objects.filter(inspection=inspection)
    assert sorted(t.status for t in texts) == [SharedTextStatus.AGREED] * 2
    assert all(t.finalised_by.username == "ofsted.lead" for t in texts)
    publication = Publication.objects.select_related("report_version").get(inspection=inspection)
    version = publication.report_version
    assert (version.purpose, version.state, version.sha256) == (
        ReportPurpose.FINAL,
        ReportState.READY,
        digest,
    )
    assert publication.published_by.username == "ofsted.lead"
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PUBLISHED

    journey.assert_accessible()
