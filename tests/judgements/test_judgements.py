"""Each inspectorate grades its own areas: draft, submitted with evidence, agreed by its lead."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import escape

from inspectorates.frameworks import Mode
from inspectorates.ofsted.framework import HELP_AND_PROTECTION_INADEQUATE
from judgements import permissions, rules, selectors, services
from judgements.forms import JudgementForm
from judgements.models import Judgement, JudgementStatus
from tests.judgements.conftest import judgement_url

pytestmark = pytest.mark.django_db


def _post(grade="good", version="", evidence=(), **fields):
    data = {"grade": grade, "version": version, "rationale": "Because.", **fields}
    if evidence:
        data["evidence"] = [str(e.pk) for e in evidence]
    return data


def test_the_judgement_form_shows_each_grade_with_its_descriptor(client_for, inspection):
    page = (
        client_for("ofsted.inspector")
        .get(judgement_url(inspection, "ofsted", "help_and_protection"))
        .content.decode()
    )
    area = inspection.framework.for_inspectorate("ofsted").area("help_and_protection")
    for code, label in inspection.framework.grade_scale.choices():
        assert f'value="{code}"' in page
        assert label in page
        assert escape(area.descriptor(code)) in page
    assert escape(area.criteria[0]) in page


def test_an_inspector_writes_a_draft_in_the_browser(
    client_for, inspection, people, ofsted_evidence
):
    response = client_for("ofsted.inspector").post(
        judgement_url(inspection, "ofsted", "help_and_protection"),
        _post(
            strengths="Swift protection.",
            areas_for_improvement="Plans vary.",
            recommendations="Tighten plans.",
            evidence=[ofsted_evidence],
        ),
    )
    assert response.status_code == 302
    judgement = Judgement.objects.get()
    assert (judgement.inspectorate.code, judgement.area_code) == ("ofsted", "help_and_protection")
    assert (judgement.grade, judgement.status, judgement.version) == ("good", "draft", 1)
    assert judgement.strengths == "Swift protection."
    assert list(judgement.evidence.all()) == [ofsted_evidence]
    assert judgement.last_edited_by == people["ofsted.inspector"]


def test_every_save_moves_the_version_on(save_judgement):
    judgement = save_judgement("ofsted.inspector", "ofsted", "leadership")
    judgement = save_judgement(
        "ofsted.lead", "ofsted", "leadership", version=1, grade="outstanding"
    )
    assert (judgement.version, judgement.grade) == (2, "outstanding")
    assert Judgement.objects.count() == 1


def test_grade_labels_come_from_the_inspections_framework(client_for, inspection, save_judgement):
    save_judgement("cqc.inspector", "cqc", "safeguarding", grade="requires_improvement")
    page = (
        client_for("ofsted.inspector")
        .get(f"/inspections/{inspection.reference}/workspace/")
        .content.decode()
    )
    assert inspection.framework.grade_scale.label("requires_improvement") in page
    assert "app-grade--requires_improvement" in page


def test_submitting_without_evidence_is_refused(client_for, inspection, save_judgement):
    judgement = save_judgement("ofsted.inspector", "ofsted", "help_and_protection")
    response = client_for("ofsted.inspector").post(
        judgement_url(inspection, "ofsted", "help_and_protection", "submit"),
        {"version": judgement.version},
    )
    assert response.status_code == 400
    assert rules.SUBMIT_NEEDS_EVIDENCE in response.content.decode()
    judgement.refresh_from_db()
    assert (judgement.status, judgement.version) == ("draft", 1)


def test_submitting_without_evidence_is_refused_by_the_service(people, save_judgement):
    judgement = save_judgement("ofsted.inspector", "ofsted", "help_and_protection")
    with pytest.raises(ValidationError) as error:
        services.judgement_submit(
            acting_user=people["ofsted.inspector"],
            judgement=judgement,
            seen_version=judgement.version,
        )
    assert rules.SUBMIT_NEEDS_EVIDENCE in error.value.messages


def test_submitting_needs_a_grade_and_a_rationale(people, save_judgement, ofsted_evidence):
    judgement = save_judgement(
        "ofsted.inspector",
        "ofsted",
        "help_and_protection",
        grade="",
        rationale="",
        evidence=[ofsted_evidence],
    )
    with pytest.raises(ValidationError) as error:
        services.judgement_submit(
            acting_user=people["ofsted.inspector"],
            judgement=judgement,
            seen_version=judgement.version,
        )
    assert error.value.messages == [rules.SUBMIT_NEEDS_GRADE, rules.SUBMIT_NEEDS_RATIONALE]


def test_a_judgement_with_evidence_is_submitted(
    client_for, inspection, people, save_judgement, ofsted_evidence
):
    saved = save_judgement(
        "ofsted.inspector", "ofsted", "help_and_protection", evidence=[ofsted_evidence]
    )
    response = client_for("ofsted.inspector").post(
        judgement_url(inspection, "ofsted", "help_and_protection", "submit"),
        {"version": saved.version},
    )
    assert response.status_code == 302
    judgement = Judgement.objects.get()
    assert (judgement.status, judgement.version) == ("submitted", 2)


@pytest.fixture
def submitted(people, save_judgement, record_evidence):
    evidence = record_evidence("cqc.inspector", ["safeguarding"])
    judgement = save_judgement("cqc.inspector", "cqc", "safeguarding", evidence=[evidence])
    return services.judgement_submit(
        acting_user=people["cqc.inspector"], judgement=judgement, seen_version=judgement.version
    )


def test_only_the_inspectorates_lead_can_agree(client_for, inspection, submitted):
    for username in ("cqc.inspector", "ofsted.lead"):
        response = client_for(username).post(
            judgement_url(inspection, "cqc", "safeguarding", "agree"),
            {"version": submitted.version},
        )
        assert response.status_code == 403, username
    submitted.refresh_from_db()
    assert submitted.status == JudgementStatus.SUBMITTED


def test_an_inspector_cannot_agree_by_the_service(people, submitted):
    with pytest.raises(PermissionDenied) as error:
        services.judgement_agree(
            acting_user=people["cqc.inspector"], judgement=submitted, seen_version=submitted.version
        )
    assert str(error.value) == permissions.ONLY_LEAD_AGREES.format(
        inspectorate="Care Quality Commission"
    )


def test_the_inspectorates_lead_agrees(client_for, inspection, people, submitted):
    response = client_for("cqc.lead").post(
        judgement_url(inspection, "cqc", "safeguarding", "agree"), {"version": submitted.version}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == JudgementStatus.AGREED
    assert submitted.agreed_by == people["cqc.lead"]
    assert submitted.agreed_at is not None


def test_a_draft_cannot_be_agreed(people, save_judgement):
    judgement = save_judgement("cqc.inspector", "cqc", "safeguarding")
    with pytest.raises(ValidationError) as error:
        services.judgement_agree(
            acting_user=people["cqc.lead"], judgement=judgement, seen_version=judgement.version
        )
    assert error.value.messages == [services.ONLY_SUBMITTED_AGREED]


def test_a_submitted_judgement_is_not_changed_until_reopened(
    client_for, inspection, submitted, save_judgement
):
    with pytest.raises(ValidationError) as error:
        save_judgement("cqc.inspector", "cqc", "safeguarding", version=submitted.version)
    assert error.value.messages == [permissions.ONLY_DRAFTS_CHANGE.format(status="submitted")]
    response = client_for("cqc.inspector").post(
        judgement_url(inspection, "cqc", "safeguarding"), _post(version=submitted.version)
    )
    assert response.status_code == 403


def _hard_rule_words(limited_grade: str) -> dict:
    return {
        "when_title": "Children who need help and protection",
        "when_label": "inadequate",
        "then_title": "Overall effectiveness",
        "then_label": limited_grade,
        "allowed": "inadequate",
        "description": HELP_AND_PROTECTION_INADEQUATE.description,
    }


def test_ofsted_hard_limiting_rule_is_refused_with_its_message(
    client_for, inspection, save_judgement
):
    save_judgement("ofsted.inspector", "ofsted", "overall_effectiveness", grade="good")
    response = client_for("ofsted.inspector").post(
        judgement_url(inspection, "ofsted", "help_and_protection"), _post(grade="inadequate")
    )
    page = response.content.decode()
    assert response.status_code == 200
    description = (
        "Where the judgement for children who need help and protection is inadequate, overall "
        "effectiveness must be inadequate."
    )
    assert description == HELP_AND_PROTECTION_INADEQUATE.description
    # On the judgement being saved, naming the judgement it would break and what would do.
    message = rules.HARD_RULE_LIMITING.format(**_hard_rule_words("good"))
    assert message.startswith("Overall effectiveness is judged good, which Children who need")
    assert "Overall effectiveness would have to be inadequate." in message
    assert escape(message) in page
    assert not Judgement.objects.filter(area_code="help_and_protection").exists()


def test_the_limiting_rule_is_checked_from_either_side(save_judgement):
    save_judgement("ofsted.inspector", "ofsted", "help_and_protection", grade="inadequate")
    with pytest.raises(ValidationError) as error:
        save_judgement("ofsted.inspector", "ofsted", "overall_effectiveness", grade="good")
    assert error.value.message_dict["grade"] == [
        rules.HARD_RULE_LIMITED.format(**_hard_rule_words("good"))
    ]
    assert error.value.message_dict["grade"][0].startswith(
        "Children who need help and protection is judged inadequate, so Overall effectiveness "
        "can only be inadequate."
    )
    judgement = save_judgement(
        "ofsted.inspector", "ofsted", "overall_effectiveness", grade="inadequate"
    )
    assert judgement.grade == "inadequate"


def test_a_grade_outside_the_scale_is_refused(save_judgement):
    with pytest.raises(ValidationError) as error:
        save_judgement("hmic.inspector", "hmic", "child_protection", grade="excellent")
    assert error.value.message_dict["grade"] == [rules.GRADE_UNKNOWN]


def test_reopening_needs_a_reason(client_for, inspection, submitted):
    response = client_for("cqc.inspector").post(
        judgement_url(inspection, "cqc", "safeguarding", "reopen"),
        {"reason": "", "version": submitted.version},
    )
    assert response.status_code == 200
    assert services.REOPEN_NEEDS_REASON in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == JudgementStatus.SUBMITTED


def test_reopening_needs_a_reason_in_the_service(people, submitted):
    with pytest.raises(ValidationError) as error:
        services.judgement_reopen(
            acting_user=people["cqc.inspector"],
            judgement=submitted,
            reason=" ",
            seen_version=submitted.version,
        )
    assert error.value.message_dict["reason"] == [services.REOPEN_NEEDS_REASON]


def test_a_submitted_judgement_is_reopened_with_its_reason_in_history(
    client_for, inspection, people, submitted
):
    response = client_for("cqc.inspector").post(
        judgement_url(inspection, "cqc", "safeguarding", "reopen"),
        {"reason": "New evidence from the health visitor audit", "version": submitted.version},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == JudgementStatus.DRAFT
    latest = submitted.history.latest()
    assert latest.history_change_reason == "New evidence from the health visitor audit"
    assert latest.history_user == people["cqc.inspector"]


def test_only_the_lead_reopens_an_agreed_judgement(people, submitted):
    agreed = services.judgement_agree(
        acting_user=people["cqc.lead"], judgement=submitted, seen_version=submitted.version
    )
    with pytest.raises(PermissionDenied):
        services.judgement_reopen(
            acting_user=people["cqc.inspector"],
            judgement=agreed,
            reason="Not convinced",
            seen_version=agreed.version,
        )
    reopened = services.judgement_reopen(
        acting_user=people["cqc.lead"],
        judgement=agreed,
        reason="Factual accuracy point",
        seen_version=agreed.version,
    )
    assert (reopened.status, reopened.agreed_by, reopened.agreed_at) == ("draft", None, None)


def test_a_narrative_framework_has_no_grade_field():
    from inspectorates.registry import framework_current

    graded = framework_current("integrated")
    narrative = dataclasses.replace(graded, mode=Mode.NARRATIVE)
    area = graded.for_inspectorate("ofsted").area("help_and_protection")
    form = JudgementForm(
        {"rationale": "Strong", "strengths": "Plenty", "version": ""},
        framework=narrative,
        inspectorate="ofsted",
        area=area,
        evidence=[],
    )
    assert "grade" not in form.fields
    assert form.is_valid()
    assert narrative.is_graded(area) is False
    assert form.graded is False


def test_every_judgement_counts_as_agreed_only_when_each_area_has_an_agreed_row(
    inspection, people, record_evidence, save_judgement
):
    total = sum(
        len(inspection.framework.for_inspectorate(p.inspectorate.code).areas)
        for p in inspection.participations.select_related("inspectorate")
    )
    assert len(selectors.areas_not_agreed(inspection=inspection)) == total
    evidence = record_evidence("cqc.inspector", ["safeguarding"])
    judgement = save_judgement("cqc.inspector", "cqc", "safeguarding", evidence=[evidence])
    judgement = services.judgement_submit(
        acting_user=people["cqc.inspector"], judgement=judgement, seen_version=judgement.version
    )
    assert len(selectors.areas_not_agreed(inspection=inspection)) == total
    services.judgement_agree(
        acting_user=people["cqc.lead"], judgement=judgement, seen_version=judgement.version
    )
    missing = selectors.areas_not_agreed(inspection=inspection)
    assert len(missing) == total - 1
    assert ("cqc", "safeguarding") not in [(i.code, a.code) for i, a in missing]


def test_a_long_reopening_reason_is_kept_whole(people, submitted):
    reason = (
        "The council's response to the factual accuracy check included performance data for "
        "the last quarter that inspectors had not seen, and it changes the picture."
    )
    assert len(reason) > 100
    reopened = services.judgement_reopen(
        acting_user=people["cqc.inspector"],
        judgement=submitted,
        reason=reason,
        seen_version=submitted.version,
    )
    assert reopened.history.latest().history_change_reason == reason
