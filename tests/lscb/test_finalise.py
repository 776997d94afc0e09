"""Agreement needs every participating inspectorate on the current version; then it is locked."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lscb import permissions, selectors, services
from lscb.models import SharedTextStatus, SignOffDecision
from tests.lscb.conftest import LEADS, save, sign

pytestmark = pytest.mark.django_db


def _finalise(people, shared_text, username="ofsted.lead"):
    return services.shared_text_finalise(
        acting_user=people[username],
        shared_text=shared_text,
        seen_version=shared_text.current_version,
    )


def _status(shared_text) -> str:
    shared_text.refresh_from_db()
    return shared_text.status


def test_every_inspectorate_agreeing_lets_the_lead_inspector_finalise(all_agree, people):
    finalised = _finalise(people, all_agree)

    assert finalised.status == SharedTextStatus.AGREED
    assert finalised.finalised_by == people["ofsted.lead"]
    assert finalised.finalised_at is not None
    assert finalised.history.first().history_change_reason == (
        "Version 1 finalised, agreed by every inspectorate"
    )


def test_a_not_agree_blocks_finalising_however_many_agree(circulated, people):
    for code in ("ofsted", "cqc", "hmic", "hmi_probation"):
        sign(people, circulated, code)
    sign(people, circulated, "hmi_prisons", SignOffDecision.NOT_AGREE, "Custody is missing.")

    with pytest.raises(ValidationError) as error:
        _finalise(people, circulated)
    assert error.value.messages == [
        services.FINALISE_NEEDS_EVERY_AGREEMENT.format(version=1, kind="LSCB judgement"),
        selectors.NOT_AGREED_BY.format(name="HM Inspectorate of Prisons", version=1),
    ]
    assert _status(circulated) == SharedTextStatus.CIRCULATED


def test_finalising_without_every_participating_inspectorate_is_refused(circulated, people):
    for code in ("ofsted", "cqc", "hmic", "hmi_probation"):
        sign(people, circulated, code)

    with pytest.raises(ValidationError) as error:
        _finalise(people, circulated)
    assert selectors.NOT_SIGNED_BY.format(name="HM Inspectorate of Prisons", version=1) in (
        error.value.messages
    )
    assert _status(circulated) == SharedTextStatus.CIRCULATED


def test_agreement_on_an_older_version_does_not_count(all_agree, inspection, people):
    save(people, inspection, expected_version=1, body="One more paragraph.\nAnd another.")
    for code in ("ofsted", "cqc"):
        sign(people, all_agree, code)

    with pytest.raises(ValidationError) as error:
        _finalise(people, all_agree)
    assert error.value.messages[0] == services.FINALISE_NEEDS_EVERY_AGREEMENT.format(
        version=2, kind="LSCB judgement"
    )
    assert len(error.value.messages) == 1 + 3  # hmic, probation and prisons must sign version 2
    assert _status(all_agree) == SharedTextStatus.CIRCULATED


def test_draft_text_cannot_be_finalised(draft, people):
    with pytest.raises(ValidationError, match="is not circulated for sign-off yet"):
        _finalise(people, draft)


@pytest.mark.parametrize("username", ["cqc.lead", "ofsted.inspector", "programme.admin"])
def test_only_the_lead_inspector_finalises(all_agree, people, username):
    with pytest.raises(PermissionDenied, match=permissions.NOT_LEAD_INSPECTOR):
        _finalise(people, all_agree, username)
    assert _status(all_agree) == SharedTextStatus.CIRCULATED


def test_finalised_text_takes_no_more_sign_offs(finalised, people):
    with pytest.raises(ValidationError, match="has been finalised"):
        sign(people, finalised, "cqc", SignOffDecision.NOT_AGREE, "Changed my mind.")


def test_reopening_needs_a_reason(finalised, people):
    with pytest.raises(ValidationError) as error:
        services.shared_text_reopen(
            acting_user=people["ofsted.lead"],
            shared_text=finalised,
            reason="   ",
            seen_version=finalised.current_version,
        )
    assert error.value.message_dict == {"reason": [services.REOPEN_NEEDS_REASON]}
    assert _status(finalised) == SharedTextStatus.AGREED


def test_only_the_lead_inspector_reopens(finalised, people):
    with pytest.raises(PermissionDenied):
        services.shared_text_reopen(
            acting_user=people["cqc.lead"],
            shared_text=finalised,
            reason="I want changes",
            seen_version=finalised.current_version,
        )
    assert _status(finalised) == SharedTextStatus.AGREED


def test_reopening_voids_every_sign_off_and_records_why(finalised, people):
    reopened = services.shared_text_reopen(
        acting_user=people["ofsted.lead"],
        shared_text=finalised,
        reason="The grade contradicts the rationale",
        seen_version=finalised.current_version,
    )

    assert reopened.status == SharedTextStatus.DRAFT
    assert reopened.finalised_by is None and reopened.finalised_at is None
    assert not reopened.sign_offs.filter(voided_at=None).exists()
    assert set(reopened.sign_offs.values_list("void_reason", flat=True)) == {
        "Reopened: The grade contradicts the rationale"
    }
    assert reopened.sign_offs.count() == len(LEADS)
    last = reopened.history.first()
    assert (last.history_user, last.history_change_reason) == (
        people["ofsted.lead"],
        "Reopened: The grade contradicts the rationale",
    )


def test_only_finalised_text_is_reopened(circulated, people):
    with pytest.raises(ValidationError, match=permissions.REOPEN_ONLY_FINALISED):
        services.shared_text_reopen(
            acting_user=people["ofsted.lead"],
            shared_text=circulated,
            reason="Why not",
            seen_version=circulated.current_version,
        )


def test_a_long_reopening_reason_is_kept_whole(finalised, people):
    reason = "The rationale must reflect the serious case review published last week. " * 5
    services.shared_text_reopen(
        acting_user=people["ofsted.lead"],
        shared_text=finalised,
        reason=reason,
        seen_version=finalised.current_version,
    )
    assert finalised.history.first().history_change_reason == f"Reopened: {reason.strip()}"
