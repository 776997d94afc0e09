"""Every change to a judgement is kept: who, when, old and new values, why."""

import pytest

from judgements import history, services
from tests.judgements.conftest import judgement_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked_judgement(people, save_judgement, record_evidence):
    """Drafted, changed, submitted, agreed and reopened by different people."""
    first = record_evidence("ofsted.inspector", ["leadership"], text="Supervision audit")
    second = record_evidence("ofsted.inspector", ["leadership"], text="Board minutes")
    judgement = save_judgement(
        "ofsted.inspector", "ofsted", "leadership", grade="good", rationale="Draft one",
        evidence=[first],
    )  # fmt: skip
    judgement = save_judgement(
        "ofsted.lead", "ofsted", "leadership", version=1, grade="requires_improvement",
        rationale="Draft two", evidence=[first, second],
    )  # fmt: skip
    judgement = services.judgement_submit(
        acting_user=people["ofsted.inspector"], judgement=judgement, seen_version=judgement.version
    )
    judgement = services.judgement_agree(
        acting_user=people["ofsted.lead"], judgement=judgement, seen_version=judgement.version
    )
    return services.judgement_reopen(
        acting_user=people["ofsted.lead"],
        judgement=judgement,
        reason="Council sent new data",
        seen_version=judgement.version,
    )


def test_the_history_names_who_changed_what_and_why(worked_judgement):
    entries = history.judgement_history(judgement=worked_judgement)
    assert [(e.who, e.reason) for e in entries] == [
        ("Oscar Reid", services.JUDGEMENT_DRAFTED),
        ("Olivia Bennett", services.JUDGEMENT_SAVED),
        ("Oscar Reid", services.JUDGEMENT_SUBMITTED),
        ("Olivia Bennett", services.JUDGEMENT_AGREED),
        ("Olivia Bennett", "Council sent new data"),
    ]
    created = {c.label: (c.old, c.new) for c in entries[0].changes}
    assert created["Grade"] == ("", "Good")
    assert created["Linked evidence"][1].startswith("Evidence ")  # linked in the same action
    changed = {c.label: (c.old, c.new) for c in entries[1].changes}
    # The demo inspection is notified under the 2017 version: Ofsted's 2017 label.
    assert changed["Grade"] == ("Good", "Requires improvement to be good")
    assert changed["Rationale"] == ("Draft one", "Draft two")
    assert changed["Linked evidence"][0] == ""
    assert changed["Linked evidence"][1].startswith("Evidence ")
    assert {c.label: (c.old, c.new) for c in entries[4].changes}["Status"] == ("Agreed", "Draft")
    assert [e.version for e in entries] == [1, 2, 3, 4, 5]


def test_the_history_page_shows_every_change(client_for, inspection, worked_judgement):
    page = (
        client_for("hmic.inspector")
        .get(judgement_url(inspection, "ofsted", "leadership", "history"))
        .content.decode()
    )
    for text in (
        "Created by Oscar Reid",
        "Changed by Olivia Bennett",
        "Council sent new data",
        "Requires improvement",
        "Draft one",
        "Draft two",
        services.JUDGEMENT_AGREED,
    ):
        assert text in page, text


def test_the_history_page_of_an_unstarted_judgement_says_so(client_for, inspection):
    page = (
        client_for("hmic.inspector")
        .get(judgement_url(inspection, "ofsted", "leadership", "history"))
        .content.decode()
    )
    assert "No changes recorded yet." in page
