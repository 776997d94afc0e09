"""The shared text pages: the team reads, the lead inspector drafts, each lead signs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lscb import services
from lscb.models import SharedText, SharedTextStatus, SignOff, SignOffDecision
from tests.lscb.conftest import LEADS, save, sign

pytestmark = pytest.mark.django_db


def _url(inspection, path=""):
    return f"/inspections/{inspection.reference}/shared/{path}"


@pytest.mark.parametrize(
    "path", ["", "lscb/", "lscb/history/", "lscb/edit/", "key-findings/", "lscb/reopen/"]
)
def test_outsider_gets_404_on_every_shared_text_page(client_for, finalised, path):
    response = client_for("outsider").get(_url(finalised.inspection, path))
    assert response.status_code == 404
    assert finalised.inspection.local_authority.name not in response.content.decode()


def test_outsider_cannot_sign_and_learns_nothing(client_for, circulated):
    response = client_for("outsider").post(
        _url(circulated.inspection, "lscb/sign/ofsted/"),
        {"ofsted-decision": "agree", "ofsted-version_number": 1},
    )
    assert response.status_code == 404
    assert not SignOff.objects.exists()


@pytest.mark.parametrize("username", ["cqc.inspector", "programme.admin", "ofsted.inspector"])
def test_every_team_member_reads_the_current_version(client_for, circulated, username):
    page = client_for(username).get(_url(circulated.inspection, "lscb/")).content.decode()
    assert "The board knows the area&#x27;s risks." in page
    assert "Good" in page
    assert "Version 1, saved by Olivia Bennett" in page


def test_the_overview_shows_each_texts_status_and_agreement(client_for, circulated, people):
    sign(people, circulated, "cqc")
    page = client_for("hmic.inspector").get(_url(circulated.inspection)).content.decode()
    assert "Circulated for sign-off" in page
    assert "1 of 5 inspectorates agree version 1" in page
    assert "Not drafted" in page  # the summary of key findings


def test_an_undrafted_text_invites_only_the_lead_inspector_to_draft_it(client_for, inspection):
    url = _url(inspection, "key-findings/")
    lead_page = client_for("ofsted.lead").get(url).content.decode()
    lead_page_for_cqc = client_for("cqc.lead").get(url).content.decode()
    assert "The lead inspector has not drafted this text yet." in lead_page_for_cqc
    assert "Write the first draft" in lead_page
    assert "Write the first draft" not in lead_page_for_cqc


def test_the_lead_inspector_drafts_through_the_form(client_for, inspection):
    response = client_for("ofsted.lead").post(
        _url(inspection, "lscb/edit/"),
        {
            "grade": "requires_improvement",
            "body": "Line one.\r\nLine two.",
            "improvements": "Audit more.",
            "expected_version": 0,
        },
    )
    assert response.status_code == 302
    shared_text = SharedText.objects.get()
    version = shared_text.versions.get()
    assert (version.grade, version.body) == ("requires_improvement", "Line one.\nLine two.")


def test_the_edit_form_offers_the_grade_scale_with_the_lscb_descriptors(client_for, inspection):
    page = client_for("ofsted.lead").get(_url(inspection, "lscb/edit/")).content.decode()
    for label in ("Outstanding", "Good", "Requires improvement", "Inadequate"):
        assert label in page
    assert "The LSCB coordinates and monitors the work of partners effectively." in page


def test_an_edit_form_error_is_shown_in_the_error_summary(client_for, inspection):
    response = client_for("ofsted.lead").post(
        _url(inspection, "lscb/edit/"),
        {"grade": "good", "body": " ", "improvements": "", "expected_version": 0},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert services.RATIONALE_REQUIRED in page
    assert not SharedText.objects.exists()


def test_a_stale_edit_is_refused_and_shows_the_newest_version(client_for, draft, people):
    save(people, draft.inspection, expected_version=1, body="Someone else's second version.")
    response = client_for("ofsted.lead").post(
        _url(draft.inspection, "lscb/edit/"),
        {"grade": "good", "body": "My edit.", "improvements": "", "expected_version": 1},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone saved version 2 while you were editing" in page
    assert "Someone else&#x27;s second version." in page
    # Saving again from this page is now a deliberate overwrite of version 2.
    assert 'name="expected_version" value="2"' in page


@pytest.mark.parametrize("username", ["cqc.lead", "ofsted.inspector"])
def test_only_the_lead_inspector_may_edit(client_for, draft, username):
    client = client_for(username)
    assert client.get(_url(draft.inspection, "lscb/edit/")).status_code == 403
    response = client.post(
        _url(draft.inspection, "lscb/edit/"),
        {"grade": "inadequate", "body": "Hijacked.", "expected_version": 1},
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.current_version == 1


def test_finalised_text_offers_no_edit_and_refuses_one(client_for, finalised):
    client = client_for("ofsted.lead")
    page = client.get(_url(finalised.inspection, "lscb/")).content.decode()
    assert "Edit the text" not in page
    assert "Reopen" in page
    response = client.post(
        _url(finalised.inspection, "lscb/edit/"),
        {"grade": "good", "body": "A late change.", "improvements": "", "expected_version": 1},
    )
    assert response.status_code == 400
    assert "has been finalised. Reopen it" in response.content.decode()
    finalised.refresh_from_db()
    assert finalised.current_version == 1


def test_a_lead_signs_off_the_version_shown(client_for, circulated):
    response = client_for("cqc.lead").post(
        _url(circulated.inspection, "lscb/sign/cqc/"),
        {"cqc-decision": "not_agree", "cqc-comment": "Health is missing.", "cqc-version_number": 1},
    )
    assert response.status_code == 302
    sign_off = SignOff.objects.get()
    assert (sign_off.decision, sign_off.comment, sign_off.version_number) == (
        SignOffDecision.NOT_AGREE,
        "Health is missing.",
        1,
    )


@pytest.mark.parametrize(
    ("username", "code"),
    [("cqc.inspector", "cqc"), ("hmic.lead", "cqc"), ("ofsted.inspector", "ofsted")],
)
def test_a_team_member_who_does_not_lead_that_inspectorate_gets_403(
    client_for, circulated, username, code
):
    response = client_for(username).post(
        _url(circulated.inspection, f"lscb/sign/{code}/"),
        {f"{code}-decision": "agree", f"{code}-version_number": 1},
    )
    assert response.status_code == 403
    assert not SignOff.objects.exists()


def test_only_leads_see_a_sign_off_form(client_for, circulated):
    lead_page = client_for("hmic.lead").get(_url(circulated.inspection, "lscb/")).content.decode()
    inspector_page = (
        client_for("hmic.inspector").get(_url(circulated.inspection, "lscb/")).content.decode()
    )
    assert "Sign off for HM Inspectorate of Constabulary" in lead_page
    assert "Sign off for" not in inspector_page


def test_signing_a_version_that_changed_meanwhile_shows_the_new_one(client_for, circulated, people):
    save(people, circulated.inspection, expected_version=1, body="Rewritten meanwhile.")
    response = client_for("cqc.lead").post(
        _url(circulated.inspection, "lscb/sign/cqc/"),
        {"cqc-decision": "agree", "cqc-version_number": 1},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The text changed to version 2 after you read version 1." in page
    assert "Rewritten meanwhile." in page
    assert 'name="cqc-version_number" value="2"' in page
    assert not SignOff.objects.exists()


def test_the_sign_off_table_shows_who_signed_what_and_who_is_still_to_sign(
    client_for, circulated, people
):
    sign(people, circulated, "hmic", SignOffDecision.NOT_AGREE, "Police role understated.")
    page = client_for("cqc.inspector").get(_url(circulated.inspection, "lscb/")).content.decode()
    table = page[page.index("Sign-off by each inspectorate") :]
    assert "Hannah Moss" in table
    assert "Do not agree" in table
    assert "Police role understated." in table
    assert "Still to sign: Ofsted, Care Quality Commission, HM Inspectorate of Probation" in table
    assert "0 of 5 participating inspectorates agree version 1" in table


def test_a_lead_whose_sign_off_an_edit_voided_is_told_what_changed(client_for, circulated, people):
    sign(people, circulated, "cqc")
    save(
        people,
        circulated.inspection,
        expected_version=1,
        grade="requires_improvement",
        body="The board knows the area's risks.\nPartners do not <always> attend.",
    )
    page = client_for("cqc.lead").get(_url(circulated.inspection, "lscb/")).content.decode()
    assert "The text changed since you signed version 1" in page
    assert (
        '<del><span class="govuk-visually-hidden">Removed: </span>'
        "Partners attend at the right level.</del>"
    ) in page
    assert (
        '<ins><span class="govuk-visually-hidden">Added: </span>'
        "Partners do not &lt;always&gt; attend.</ins>"
    ) in page
    assert '<del><span class="govuk-visually-hidden">Removed: </span>Good</del>' in page
    # The void sign-off stays on the page, marked void, with why.
    assert "Earlier sign-offs (void)" in page
    assert "Text changed to version 2" in page


def test_a_lead_whose_sign_off_stands_is_not_told_of_changes(client_for, circulated, people):
    sign(people, circulated, "cqc")
    page = client_for("cqc.lead").get(_url(circulated.inspection, "lscb/")).content.decode()
    assert "The text changed since you signed" not in page
    assert "You signed version 1" in page


def test_the_lead_inspector_circulates_finalises_and_reopens_through_the_pages(
    client_for, draft, people
):
    client = client_for("ofsted.lead")
    base = _url(draft.inspection, "lscb/")
    assert client.post(base + "circulate/", {"version": 1}).status_code == 302
    for code in LEADS:
        sign(people, draft, code)
    assert "Finalising locks the text." in client.get(base).content.decode()
    assert client.post(base + "finalise/", {"version": 1}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == SharedTextStatus.AGREED

    assert client.post(base + "reopen/", {"reason": "", "version": 1}).status_code == 400
    reopen = {"reason": "Typo in the grade", "version": 1}
    assert client.post(base + "reopen/", reopen).status_code == 302
    draft.refresh_from_db()
    assert draft.status == SharedTextStatus.DRAFT


def test_finalising_without_every_agreement_shows_who_is_missing(client_for, circulated, people):
    sign(people, circulated, "cqc")
    response = client_for("ofsted.lead").post(
        _url(circulated.inspection, "lscb/finalise/"), {"version": 1}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Every participating inspectorate must agree version 1" in page
    assert "HM Inspectorate of Prisons has not signed version 1." in page
    circulated.refresh_from_db()
    assert circulated.status == SharedTextStatus.CIRCULATED


@pytest.mark.parametrize("action", ["circulate/", "finalise/", "reopen/"])
def test_a_lead_who_is_not_the_lead_inspector_gets_403_on_lead_inspector_actions(
    client_for, all_agree, action
):
    response = client_for("cqc.lead").post(
        _url(all_agree.inspection, "lscb/" + action), {"reason": "Mine now"}
    )
    assert response.status_code == 403
    all_agree.refresh_from_db()
    assert all_agree.status == SharedTextStatus.CIRCULATED


def test_the_history_page_lists_every_step_with_who_and_why(client_for, finalised, people):
    services.shared_text_reopen(
        acting_user=people["ofsted.lead"],
        shared_text=finalised,
        reason="Grade contradicts text",
        seen_version=finalised.current_version,
    )
    save(people, finalised.inspection, expected_version=1, body="Now consistent.")
    page = (
        client_for("probation.inspector")
        .get(_url(finalised.inspection, "lscb/history/"))
        .content.decode()
    )
    for step in (
        "Version 1 saved",
        "Version 1 circulated for sign-off",
        "Care Quality Commission signed version 1: Agree",
        "Version 1 finalised, agreed by every inspectorate",
        "Reopened: Grade contradicts text",
        "Care Quality Commission&#x27;s sign-off on version 1 made void",
        "Version 2 saved",
        "Status: Circulated for sign-off to Agreed and finalised",
    ):
        assert step in page, step
    assert "Claire Quinn" in page and "Olivia Bennett" in page
    assert "What changed from version 1" in page


def test_the_shared_text_page_runs_a_fixed_number_of_queries(client_for, circulated, people):
    client = client_for("cqc.lead")
    url = _url(circulated.inspection, "lscb/")
    client.get(url)  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for code in ("ofsted", "hmic", "hmi_probation"):
        sign(people, circulated, code, SignOffDecision.NOT_AGREE, "More detail, please.")
        sign(people, circulated, code)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    # 6: the session is not written again within the minute (RefreshSessionMiddleware), it is
    # read with its user (ADR 0020), and the access check is read with the inspection
    # (bench/README.md fix 11).
    assert len(after) == len(before) == 6
