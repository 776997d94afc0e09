"""Circulating, finalising and reopening the shared text act on the version the lead inspector
saw, or not at all (issue 13): the sign-off's rule, for every button."""

import pytest

from core.versioning import VERSION_MISSING
from lscb import services
from lscb.models import SharedTextStatus
from tests.lscb.conftest import LEADS, save, sign
from tests.stale import row_counts, version_on_page

pytestmark = pytest.mark.django_db

REWRITTEN = "Partners rarely attend at the right level."


def _url(shared_text, path=""):
    return f"/inspections/{shared_text.inspection.reference}/shared/lscb/{path}"


def _open(client, shared_text, button: str) -> int:
    """GET the text's page and read the version its `button` form carries."""
    page = client.get(_url(shared_text)).content.decode()
    return version_on_page(page, _url(shared_text, f"{button}/"))


def _refused(response, before, shared_text, *, done: str, seen: int, now: int) -> str:
    assert response.status_code == 409
    assert row_counts() == before
    page = response.content.decode()
    assert "There is a problem" in page
    assert (
        f"The LSCB judgement has changed since you opened it: it is now version {now}, not the "
        f"version {seen} you read. It has not been {done}"
    ) in page
    assert f"What changed since version {seen}, which you read" in page
    assert REWRITTEN in page
    return page


def test_text_changed_and_agreed_again_after_the_page_was_opened_is_not_finalised(
    client_for, all_agree, people
):
    lead_inspector = client_for("ofsted.lead")
    seen = _open(lead_inspector, all_agree, "finalise")
    assert seen == 1
    save(people, all_agree.inspection, expected_version=1, body=REWRITTEN)
    for code in LEADS:
        sign(people, all_agree, code)
    before = row_counts()

    response = lead_inspector.post(_url(all_agree, "finalise/"), {"version": seen})

    page = _refused(response, before, all_agree, done="finalised", seen=1, now=2)
    all_agree.refresh_from_db()
    assert (all_agree.status, all_agree.current_version) == (SharedTextStatus.CIRCULATED, 2)
    assert version_on_page(page, _url(all_agree, "finalise/")) == 2


def test_a_new_draft_saved_after_the_page_was_opened_is_not_circulated(client_for, draft, people):
    lead_inspector = client_for("ofsted.lead")
    seen = _open(lead_inspector, draft, "circulate")
    save(people, draft.inspection, expected_version=1, body=REWRITTEN)
    before = row_counts()

    response = lead_inspector.post(_url(draft, "circulate/"), {"version": seen})

    _refused(response, before, draft, done="circulated", seen=1, now=2)
    draft.refresh_from_db()
    assert draft.status == SharedTextStatus.DRAFT


def test_text_finalised_again_after_the_reopen_page_was_opened_is_not_reopened(
    client_for, finalised, people
):
    lead_inspector = client_for("ofsted.lead")
    url = _url(finalised, "reopen/")
    seen = version_on_page(lead_inspector.get(url).content.decode(), "Reopen the text")
    # Meanwhile, from another tab: reopened, rewritten, agreed by everyone and finalised.
    finalised = services.shared_text_reopen(
        acting_user=people["ofsted.lead"], shared_text=finalised, reason="Typo", seen_version=1
    )
    save(people, finalised.inspection, expected_version=1, body=REWRITTEN)
    services.shared_text_circulate(
        acting_user=people["ofsted.lead"], shared_text=finalised, seen_version=2
    )
    for code in LEADS:
        sign(people, finalised, code)
    services.shared_text_finalise(
        acting_user=people["ofsted.lead"], shared_text=finalised, seen_version=2
    )
    before = row_counts()

    response = lead_inspector.post(url, {"reason": "The grade is wrong.", "version": seen})

    assert response.status_code == 409
    assert row_counts() == before
    page = response.content.decode()
    assert "It has not been reopened" in page
    assert REWRITTEN in page  # what changed since the version read
    assert "The grade is wrong." in page  # the reason typed, kept for trying again
    assert version_on_page(page, "Reopen the text") == 2
    finalised.refresh_from_db()
    assert (finalised.status, finalised.current_version) == (SharedTextStatus.AGREED, 2)


@pytest.mark.parametrize("version", [None, "one", "-1"])
@pytest.mark.parametrize(("button", "state"), [("circulate", "draft"), ("finalise", "all_agree")])
def test_a_button_without_a_usable_version_is_refused_with_a_message(
    client_for, request, button, state, version
):
    shared_text = request.getfixturevalue(state)
    before = row_counts()

    data = {} if version is None else {"version": version}
    response = client_for("ofsted.lead").post(_url(shared_text, f"{button}/"), data)

    assert response.status_code == 400
    assert VERSION_MISSING in response.content.decode()
    assert row_counts() == before
    shared_text.refresh_from_db()
    assert shared_text.status == ("draft" if button == "circulate" else "circulated")
