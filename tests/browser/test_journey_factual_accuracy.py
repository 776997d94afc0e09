"""Journey 3: the factual accuracy round, from sending the draft to publishing the report.

The lead inspector sends the draft to the area's two contacts; each opens the link from their
email in a browser without a session (no account): one comments, the other has no comments. The
lead inspector records the disposition, closes the round, the worker renders the response
document, and the report is published.
"""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from accuracy.models import AccuracyComment, FactualAccuracyRound, LinkUse, LinkUseKind
from inspections.models import InspectionStatus
from reports.models import Publication, ReportPurpose
from tests.accuracy.conftest import add_contacts, draft_ready
from tests.reports.conftest import render

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESPONSE_TIMEOUT = 120
COMMENT = "The early help hub opened in January 2015, not March 2015."


def _link_in_email(address: str) -> str:
    message = next(m for m in mail.outbox if m.to == [address])
    return re.search(r"http://\S+/factual-accuracy/\S+/", message.body).group(0)


def test_the_area_checks_the_draft_and_the_report_is_published(
    start_journey, seeded, report_worker, live_server, settings
):
    settings.SITE_URL = live_server.url
    inspection = draft_ready(seeded)
    reference = inspection.reference
    add_contacts(inspection)
    # The final version, rendered before the round: the round's dispositions change no text.
    final = render(inspection, seeded.people, ReportPurpose.FINAL, record_round=False)
    lead = start_journey("journey-3-factual-accuracy")
    page = lead.page

    # The lead inspector sends the draft from the inspection's page.
    lead.sign_in("ofsted.lead")
    lead.follow(reference, "inspection (ofsted.lead)")
    lead.follow("Factual accuracy check", "round before sending", screenshot=True)
    lead.submit("Send the draft", "draft sent", screenshot=True)
    assert "The draft is sent to 2 contacts." in lead.success_banner()

    # Each contact opens the link in their email, in a browser with no session.
    area = start_journey("journey-3-contacts")
    contact = area.page
    contact.goto(_link_in_email("ada@example.org"))
    area.checkpoint("the contact's draft", screenshot=True)
    expect(contact.get_by_role("link", name="Download the draft as a PDF")).to_be_visible()
    contact.get_by_label("Which section of the report is your comment about?").select_option(
        label="Summary of key findings"
    )
    contact.get_by_label("Factual error", exact=True).check()
    contact.get_by_label("Your comment", exact=True).fill(COMMENT)
    contact.get_by_label("The change you propose", exact=True).fill("Say January 2015.")
    area.submit("Send comment", "comment sent", screenshot=True)
    expect(contact.get_by_text(COMMENT)).to_be_visible()
    contact.goto(_link_in_email("ben@example.org"))
    area.checkpoint("the second contact's draft")
    area.submit("I have no comments", "no comments given")
    expect(contact.locator("#no-comments-given")).to_be_visible()

    # The lead inspector owns the shared summary: records the disposition, then closes.
    page.reload()
    lead.checkpoint("round with a comment", screenshot=True)
    lead.follow("Record a disposition", "comment to answer", screenshot=True)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("The change made", exact=True).fill("The summary now says January 2015.")
    lead.submit("Record disposition", "disposition recorded")
    assert "Disposition recorded: Summary of key findings." in lead.success_banner()
    lead.submit("Close the round", "round closed", screenshot=True)
    assert "The factual accuracy round is closed." in lead.success_banner()
    download = page.get_by_role("link", name="Download the response document (PDF)")
    deadline = time.monotonic() + RESPONSE_TIMEOUT
    while not download.count() and time.monotonic() < deadline:
        time.sleep(1)
        page.reload()
    expect(download).to_be_visible()
    lead.checkpoint("response document ready", screenshot=True)

    # Publication now has everything it needs.
    lead.follow(inspection.local_authority.name, "inspection after the round")
    lead.follow("Joint report", "joint report", exact=True)
    lead.follow("Check the conditions and publish the report", "publish the report")
    expect(page.locator("#missing-conditions")).to_have_count(0)
    lead.submit("Publish the report", "report published", screenshot=True)
    assert "The report is published." in lead.success_banner()
    lead.finish()

    round_ = FactualAccuracyRound.objects.get(inspection=inspection)
    assert round_.closed_by.username == "ofsted.lead"
    assert round_.response_state == "ready" and len(round_.response_sha256) == 64
    comment = AccuracyComment.objects.get(round=round_)
    assert (comment.section_key, comment.kind, comment.outcome, comment.late) == (
        "key-findings",
        "factual_error",
        "accepted",
        False,
    )
    uses = set(LinkUse.objects.values_list("what", flat=True))
    assert {LinkUseKind.OPENED, LinkUseKind.COMMENTED, LinkUseKind.NO_COMMENTS} <= uses
    publication = Publication.objects.get(inspection=inspection)
    assert publication.report_version_id == final.pk
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PUBLISHED
    lead.assert_accessible()
    area.assert_accessible()
