"""Journey 1: a CQC inspector records evidence and submits a judgement, in a real browser.

Run twice: with JavaScript, and without it, where every form must still work.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from judgements import demo as judgements_demo
from judgements.models import Evidence, Judgement, JudgementStatus

pytestmark = [
    pytest.mark.browser,
    # Committed rows, so that the live server's thread sees them.
    pytest.mark.django_db(transaction=True),
]

EVIDENCE_TEXT = (
    "Discussion with the designated nurse: review health assessments for children placed out "
    "of the area are tracked weekly, and late ones are escalated to the commissioner."
)
RATIONALE = (
    "Initial and review health assessments are mostly timely, and the designated nurse tracks "
    "children placed out of the area closely."
)


@pytest.fixture
def demo(seeded):
    """The demo inspection in fieldwork with the judgements app's demo evidence and judgements."""
    judgements_demo.seed(seeded)
    return seeded


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_an_inspector_records_evidence_and_submits_a_judgement(start_journey, demo, javascript):
    inspection = demo.inspection
    reference = inspection.reference
    ofsted_before = Judgement.objects.get(
        inspection=inspection, inspectorate__code="ofsted", area_code="help_and_protection"
    )
    name = "journey-1-inspector" + ("" if javascript else "-without-javascript")
    journey = start_journey(name, javascript=javascript)
    page = journey.page

    journey.sign_in("cqc.inspector")
    journey.screenshot("your inspections")
    journey.follow(reference, "inspection", screenshot=True)
    journey.follow("Evidence and judgements workspace", "workspace", screenshot=True)

    # Record a piece of evidence for CQC.
    with page.expect_navigation():
        page.get_by_role("button", name="Record evidence").click()
    journey.checkpoint("record evidence", screenshot=True)
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Discussion with practitioners").check()
    page.get_by_label("Health of looked after children").check()
    page.get_by_label("Evidence", exact=True).fill(EVIDENCE_TEXT)
    page.get_by_label("ASH-S02").check()
    journey.submit("Save evidence", "evidence recorded", screenshot=True)
    assert "Evidence recorded." in journey.success_banner()
    expect(page.get_by_role("definition").filter(has_text=EVIDENCE_TEXT)).to_be_visible()

    # Draft CQC's judgement on the health of looked after children, then submit it.
    journey.follow("Health of looked after children", "write the judgement", screenshot=True)
    expect(page.get_by_role("heading", name="Write the judgement")).to_be_visible()
    page.get_by_label("Good", exact=True).check()
    page.get_by_label("Rationale").fill(RATIONALE)
    page.get_by_label("Strengths").fill("The designated nurse is well known to carers.")
    page.get_by_label("Areas for improvement").fill("Emotional health is not always assessed.")
    page.get_by_label("Recommendations").fill("Assess emotional health at every review.")
    page.get_by_label("Discussion with practitioners (Callum Hughes)").check()
    journey.submit("Save draft", "draft saved", screenshot=True)
    assert "Health of looked after children: draft saved." in journey.success_banner()
    journey.submit("Submit judgement", "judgement submitted", screenshot=True)
    assert "judgement submitted" in journey.success_banner()
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Submitted")
    expect(page.get_by_role("button", name="Save draft")).to_have_count(0)

    # Ofsted's judgements: readable, but there is no form to change them.
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the workspace").click()
    journey.checkpoint("workspace after submitting")
    ofsted_table = page.locator("table", has_text="Ofsted: judgement areas")
    with page.expect_navigation():
        ofsted_table.get_by_role(
            "link", name="Children who need help and protection", exact=True
        ).click()
    journey.checkpoint("Ofsted's judgement, read-only", screenshot=True)
    expect(page.get_by_role("heading", name="The judgement")).to_be_visible()
    expect(page.get_by_text(ofsted_before.rationale)).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name="Save draft")).to_have_count(0)
    expect(page.get_by_role("button", name="Submit judgement")).to_have_count(0)
    expect(page.get_by_role("button", name="Agree judgement")).to_have_count(0)

    journey.visit(
        f"/inspections/{reference}/judgements/ofsted/leadership/",
        "Ofsted's judgement not started",
    )
    expect(page.get_by_text("Ofsted has not started this judgement yet.")).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)

    # Posting to Ofsted's judgement anyway, with the user's own session and CSRF token, is
    # refused and changes nothing.
    csrf = next(c["value"] for c in journey.context.cookies() if c["name"] == "csrftoken")
    ofsted_url = journey.url(f"/inspections/{reference}/judgements/ofsted/help_and_protection/")
    refused = page.request.post(
        ofsted_url,
        form={
            "csrfmiddlewaretoken": csrf,
            "version": str(ofsted_before.version),
            "grade": "inadequate",
            "rationale": "Overwritten by another inspectorate.",
        },
        headers={"Referer": ofsted_url},
        max_redirects=0,
    )
    assert refused.status == 403

    journey.finish()

    # What the browser did is what the database holds.
    evidence = Evidence.objects.get(inspection=inspection, text=EVIDENCE_TEXT)
    assert evidence.author.username == "cqc.inspector"
    assert evidence.inspectorate.code == "cqc"
    assert [a.area_code for a in evidence.areas.all()] == ["looked_after_health"]
    assert [c.internal_reference for c in evidence.case_samples.all()] == ["ASH-S02"]
    judgement = Judgement.objects.get(
        inspection=inspection, inspectorate__code="cqc", area_code="looked_after_health"
    )
    assert judgement.status == JudgementStatus.SUBMITTED
    assert judgement.grade == "good"
    assert judgement.rationale == RATIONALE
    assert list(judgement.evidence.all()) == [evidence]
    ofsted_after = Judgement.objects.get(pk=ofsted_before.pk)
    assert (ofsted_after.version, ofsted_after.grade, ofsted_after.rationale) == (
        ofsted_before.version,
        ofsted_before.grade,
        ofsted_before.rationale,
    )

    journey.assert_accessible()
