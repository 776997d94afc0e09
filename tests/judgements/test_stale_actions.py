"""Submit, agree and reopen act on the version the user saw, or not at all (issue 13).

Each test opens the page, reads the version its form carries, lets someone else change the
judgement, then posts the form: the post is refused, nothing is written, and the page shows
what changed beside the version the user saw.
"""

import pytest

from core.versioning import VERSION_MISSING
from judgements import services
from judgements.models import Judgement, JudgementStatus
from tests.judgements.conftest import judgement_url
from tests.stale import row_counts, version_on_page

pytestmark = pytest.mark.django_db

CHANGED = "This judgement has changed since you opened it"


def _open(client, inspection, action: str) -> int:
    """GET the judgement's page and read the version its `action` button carries."""
    page = client.get(judgement_url(inspection, "cqc", "safeguarding")).content.decode()
    return version_on_page(page, judgement_url(inspection, "cqc", "safeguarding", action))


@pytest.fixture
def submitted_good(people, save_judgement, record_evidence) -> Judgement:
    """CQC's safeguarding judgement graded good and submitted: version 2."""
    evidence = record_evidence("cqc.inspector", ["safeguarding"])
    judgement = save_judgement("cqc.inspector", "cqc", "safeguarding", evidence=[evidence])
    judgement = services.judgement_submit(
        acting_user=people["cqc.inspector"], judgement=judgement, seen_version=judgement.version
    )
    assert (judgement.version, judgement.grade) == (2, "good")
    return judgement


def _regrade_inadequate(people, judgement: Judgement) -> Judgement:
    """The inspector reopens the judgement, regrades it inadequate and submits it again."""
    inspector = people["cqc.inspector"]
    judgement = services.judgement_reopen(
        acting_user=inspector, judgement=judgement, reason="New audit", seen_version=2
    )
    judgement = services.judgement_save(
        acting_user=inspector,
        inspection=judgement.inspection,
        inspectorate_code="cqc",
        area_code="safeguarding",
        expected_version=judgement.version,
        grade="inadequate",
        rationale="The audits show children left at risk.",
        evidence=list(judgement.evidence.all()),
    )
    return services.judgement_submit(
        acting_user=inspector, judgement=judgement, seen_version=judgement.version
    )


def test_a_lead_cannot_agree_a_judgement_regraded_after_they_opened_it(
    client_for, inspection, people, submitted_good
):
    lead = client_for("cqc.lead")
    seen = _open(lead, inspection, "agree")
    assert seen == 2
    regraded = _regrade_inadequate(people, submitted_good)
    before = row_counts()

    response = lead.post(
        judgement_url(inspection, "cqc", "safeguarding", "agree"), {"version": seen}
    )

    assert response.status_code == 409
    assert row_counts() == before
    regraded.refresh_from_db()
    assert (regraded.status, regraded.grade, regraded.version) == ("submitted", "inadequate", 5)
    assert regraded.agreed_by is None
    page = response.content.decode()
    assert "There is a problem" in page
    assert f"{CHANGED}: Callum Hughes saved version 5 at " in page
    assert "It has not been agreed" in page
    # Side by side: the version the lead read, and the one saved now.
    assert "Version 2, which you opened" in page
    assert "The saved version 5" in page
    assert "The audits show children left at risk." in page
    # Agreeing again is a choice made on version 5.
    assert version_on_page(page, judgement_url(inspection, "cqc", "safeguarding", "agree")) == 5


def test_an_inspector_cannot_submit_a_draft_a_colleague_changed_after_they_opened_it(
    client_for, inspection, people, save_judgement, record_evidence
):
    evidence = record_evidence("cqc.inspector", ["safeguarding"])
    save_judgement("cqc.inspector", "cqc", "safeguarding", evidence=[evidence])
    inspector = client_for("cqc.inspector")
    seen = _open(inspector, inspection, "submit")
    save_judgement("cqc.lead", "cqc", "safeguarding", version=seen, grade="inadequate")
    before = row_counts()

    response = inspector.post(
        judgement_url(inspection, "cqc", "safeguarding", "submit"), {"version": seen}
    )

    assert response.status_code == 409
    assert row_counts() == before
    judgement = Judgement.objects.get(area_code="safeguarding")
    assert (judgement.status, judgement.version) == (JudgementStatus.DRAFT, 2)
    page = response.content.decode()
    assert "It has not been submitted" in page
    assert "Version 1, which you opened" in page
    assert "The saved version 2" in page


def test_a_judgement_resubmitted_after_the_reopen_page_was_opened_is_not_reopened(
    client_for, inspection, people, submitted_good
):
    lead = client_for("cqc.lead")
    url = judgement_url(inspection, "cqc", "safeguarding", "reopen")
    seen = version_on_page(lead.get(url).content.decode(), "Reopen judgement")
    regraded = _regrade_inadequate(people, submitted_good)
    before = row_counts()

    response = lead.post(url, {"reason": "The grade looks too high.", "version": seen})

    assert response.status_code == 409
    assert row_counts() == before
    regraded.refresh_from_db()
    assert (regraded.status, regraded.version) == (JudgementStatus.SUBMITTED, 5)
    page = response.content.decode()
    assert "It has not been reopened" in page
    assert "The grade looks too high." in page  # the reason typed, kept for trying again
    assert "Version 2, which you opened" in page
    assert "The saved version 5" in page
    assert version_on_page(page, "Reopen judgement") == 5


@pytest.mark.parametrize("version", [None, "two", "-1", "9" * 5000])
@pytest.mark.parametrize("action", ["submit", "agree"])
def test_a_button_without_a_usable_version_is_refused_with_a_message(
    client_for, inspection, people, save_judgement, record_evidence, action, version
):
    evidence = record_evidence("cqc.inspector", ["safeguarding"])
    judgement = save_judgement("cqc.inspector", "cqc", "safeguarding", evidence=[evidence])
    if action == "agree":
        services.judgement_submit(
            acting_user=people["cqc.inspector"], judgement=judgement, seen_version=1
        )
    client = client_for("cqc.lead")
    before = row_counts()

    data = {} if version is None else {"version": version}
    response = client.post(judgement_url(inspection, "cqc", "safeguarding", action), data)

    assert response.status_code == 400
    assert VERSION_MISSING in response.content.decode()
    assert row_counts() == before
