"""DESIGN rule 15 in the judgement form: a presumption asks for a recorded reason where a hard
rule refuses, and HM Inspectorate of Prisons grades its four healthy-establishment tests on their
own scale (the demo inspection is notified under the 2017 integrated framework)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from inspectorates.hmi_prisons.framework import HEALTHY_ESTABLISHMENT_SCALE
from inspectorates.ofsted.framework import PRACTICE_FAILURES_IN_LEADERSHIP
from judgements import history, rules, services
from judgements.models import Judgement
from tests.judgements.conftest import judgement_url

pytestmark = pytest.mark.django_db

PRESUMPTION_MESSAGE = rules.PRESUMPTION_NEEDS_REASON.format(
    when_title="Children who need help and protection",
    when_label="inadequate",
    then_title="Leadership, management and governance",
    allowed="inadequate",
    description=PRACTICE_FAILURES_IN_LEADERSHIP.description,
)
REASON = "New leaders arrived in the spring and have already turned the front door round."


def test_the_demo_inspection_is_on_the_second_version(inspection):
    assert inspection.framework_key == "integrated/2017.1"
    assert PRACTICE_FAILURES_IN_LEADERSHIP.is_presumption


def test_a_presumption_asks_for_a_reason_in_the_form_and_records_it(
    client_for, inspection, save_judgement, people
):
    save_judgement("ofsted.inspector", "ofsted", "help_and_protection", grade="inadequate")
    client = client_for("ofsted.inspector")
    url = judgement_url(inspection, "ofsted", "leadership")
    form = client.get(url).content.decode()
    assert 'name="departure_reason"' in form
    assert escape(PRACTICE_FAILURES_IN_LEADERSHIP.description) in form

    refused = client.post(url, {"grade": "good", "version": "", "rationale": "Strong."})
    assert refused.status_code == 200
    assert escape(PRESUMPTION_MESSAGE) in refused.content.decode()
    assert not Judgement.objects.filter(area_code="leadership").exists()

    saved = client.post(
        url, {"grade": "good", "version": "", "rationale": "Strong.", "departure_reason": REASON}
    )
    assert saved.status_code == 302
    judgement = Judgement.objects.get(area_code="leadership")
    assert (judgement.grade, judgement.departure_reason) == ("good", REASON)
    assert REASON in client.get(url).content.decode()
    created = {c.label: c.new for c in history.judgement_history(judgement=judgement)[0].changes}
    assert created["Why it departs from a presumption"] == REASON


def test_a_grade_within_the_presumption_keeps_no_reason(save_judgement):
    save_judgement("ofsted.inspector", "ofsted", "help_and_protection", grade="inadequate")
    judgement = save_judgement(
        "ofsted.inspector", "ofsted", "leadership", grade="inadequate", departure_reason=REASON
    )
    assert judgement.departure_reason == ""


def test_a_presumption_broken_later_stops_submission_until_a_reason_is_given(
    save_judgement, record_evidence, people
):
    evidence = record_evidence("ofsted.inspector", ["leadership"])
    leadership = save_judgement("ofsted.inspector", "ofsted", "leadership", evidence=[evidence])
    # The limiting judgement may change: the presumption is the limited judgement's to answer.
    save_judgement("ofsted.inspector", "ofsted", "help_and_protection", grade="inadequate")
    with pytest.raises(ValidationError) as error:
        services.judgement_submit(
            acting_user=people["ofsted.inspector"], judgement=leadership, seen_version=1
        )
    assert error.value.messages == [PRESUMPTION_MESSAGE]
    leadership = save_judgement(
        "ofsted.inspector", "ofsted", "leadership", version=1, evidence=[evidence],
        departure_reason=REASON,
    )  # fmt: skip
    submitted = services.judgement_submit(
        acting_user=people["ofsted.inspector"], judgement=leadership, seen_version=2
    )
    assert submitted.status == "submitted"


def test_the_prisons_tests_are_graded_on_their_own_scale(client_for, inspection, save_judgement):
    prisons = inspection.framework.for_inspectorate("hmi_prisons")
    assert prisons.area_codes == ("safety", "respect", "purposeful_activity", "resettlement")
    client = client_for("prisons.inspector")
    form = client.get(judgement_url(inspection, "hmi_prisons", "safety")).content.decode()
    for code, label in HEALTHY_ESTABLISHMENT_SCALE.choices():
        assert f'value="{code}"' in form
        assert label in form
    assert 'value="outstanding"' not in form
    response = client.post(
        judgement_url(inspection, "hmi_prisons", "safety"),
        {"grade": "reasonably_good", "version": "", "rationale": "Mostly safe."},
    )
    assert response.status_code == 302
    judgement = Judgement.objects.get(area_code="safety")
    assert judgement.grade_label == "Reasonably good"
    workspace = client.get(f"/inspections/{inspection.reference}/workspace/").content.decode()
    assert "Reasonably good" in workspace


@pytest.mark.parametrize(
    ("code", "area", "grade"),
    [
        ("hmi_prisons", "respect", "outstanding"),
        ("hmi_prisons", "respect", "requires_improvement"),
        ("ofsted", "leadership", "reasonably_good"),
        ("cqc", "safeguarding", "poor"),
    ],
)
def test_a_grade_from_another_scale_is_refused(save_judgement, code, area, grade):
    username = {"hmi_prisons": "prisons.inspector"}.get(code, f"{code}.inspector")
    with pytest.raises(ValidationError) as error:
        save_judgement(username, code, area, grade=grade)
    assert error.value.message_dict["grade"] == [rules.GRADE_UNKNOWN]
    assert not Judgement.objects.filter(area_code=area).exists()


def test_the_limiting_judgement_cannot_leave_a_settled_one_departing_without_a_reason(
    save_judgement, record_evidence, people
):
    evidence = record_evidence("ofsted.inspector", ["leadership"])
    leadership = save_judgement("ofsted.inspector", "ofsted", "leadership", evidence=[evidence])
    services.judgement_submit(
        acting_user=people["ofsted.inspector"], judgement=leadership, seen_version=1
    )
    with pytest.raises(ValidationError) as error:
        save_judgement("ofsted.inspector", "ofsted", "help_and_protection", grade="inadequate")
    (message,) = error.value.message_dict["grade"]
    assert message.startswith(
        "Leadership, management and governance is submitted or agreed as good with no reason"
    )
    assert "Reopen it and record why first" in message
    assert not Judgement.objects.filter(area_code="help_and_protection").exists()
