"""Each participating inspectorate's lead agrees or not, with a comment, to the exact version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inspections import services as inspection_services
from lscb import permissions, services
from lscb.models import SharedTextStatus, SignOff, SignOffDecision
from tests.lscb.conftest import save, sign

pytestmark = pytest.mark.django_db


def test_a_lead_records_agreement_with_the_version_they_read(circulated, people):
    sign_off = sign(people, circulated, "cqc", comment="Health evidence supports it.")

    assert (sign_off.inspectorate.code, sign_off.version_number) == ("cqc", 1)
    assert sign_off.decision == SignOffDecision.AGREE
    assert sign_off.signed_by == people["cqc.lead"]
    assert sign_off.comment == "Health evidence supports it."
    assert not sign_off.is_void


def test_draft_text_is_not_signed_before_it_is_circulated(draft, people):
    with pytest.raises(ValidationError, match="is not circulated for sign-off yet"):
        sign(people, draft, "cqc")
    assert not SignOff.objects.exists()


def test_an_inspector_who_is_not_their_inspectorates_lead_cannot_sign(circulated, people):
    with pytest.raises(PermissionDenied, match=permissions.NOT_INSPECTORATE_LEAD):
        services.signoff_record(
            acting_user=people["cqc.inspector"],
            shared_text=circulated,
            inspectorate_code="cqc",
            version_number=1,
            decision=SignOffDecision.AGREE,
        )
    assert not SignOff.objects.exists()


def test_a_lead_cannot_sign_for_another_inspectorate(circulated, people):
    with pytest.raises(PermissionDenied, match=permissions.NOT_INSPECTORATE_LEAD):
        services.signoff_record(
            acting_user=people["cqc.lead"],
            shared_text=circulated,
            inspectorate_code="hmic",
            version_number=1,
            decision=SignOffDecision.AGREE,
        )
    assert not SignOff.objects.exists()


def test_a_lead_of_an_inspectorate_that_does_not_participate_cannot_sign(inspection, people):
    # Prisons take part only where appropriate: here they were never added.
    inspection.participations.filter(inspectorate__code="hmi_prisons").delete()
    shared_text = save(people, inspection, expected_version=0)
    services.shared_text_circulate(
        acting_user=people["ofsted.lead"],
        shared_text=shared_text,
        seen_version=shared_text.current_version,
    )

    with pytest.raises(PermissionDenied, match="HM Inspectorate of Prisons is not taking part"):
        services.signoff_record(
            acting_user=people["prisons.lead"],
            shared_text=shared_text,
            inspectorate_code="hmi_prisons",
            version_number=1,
            decision=SignOffDecision.AGREE,
        )
    assert not SignOff.objects.exists()


def test_signing_a_version_that_is_no_longer_current_is_refused(circulated, inspection, people):
    save(people, inspection, expected_version=1, body="Rewritten after CQC's comments.")

    with pytest.raises(ValidationError) as error:
        services.signoff_record(
            acting_user=people["cqc.lead"],
            shared_text=circulated,
            inspectorate_code="cqc",
            version_number=1,
            decision=SignOffDecision.AGREE,
        )
    assert error.value.messages == [services.STALE_VERSION.format(version=2, seen=1)]
    assert not SignOff.objects.exists()


def test_not_agreeing_needs_a_comment(circulated, people):
    with pytest.raises(ValidationError) as error:
        sign(people, circulated, "hmic", decision=SignOffDecision.NOT_AGREE, comment="  ")
    assert error.value.message_dict == {"comment": [services.COMMENT_REQUIRED]}


def test_signing_again_voids_the_leads_earlier_sign_off(circulated, people):
    first = sign(people, circulated, "hmic", SignOffDecision.NOT_AGREE, "Police role understated.")
    second = sign(people, circulated, "hmic", SignOffDecision.AGREE)

    first.refresh_from_db()
    assert first.is_void and first.void_reason == services.VOID_SIGNED_AGAIN
    assert not second.is_void
    assert SignOff.objects.filter(voided_at=None).count() == 1


def test_an_edit_after_circulation_voids_earlier_sign_offs_and_keeps_them(
    circulated, inspection, people
):
    agreed = sign(people, circulated, "cqc")
    refused = sign(people, circulated, "hmic", SignOffDecision.NOT_AGREE, "Say more on police.")

    save(people, inspection, expected_version=1, body="Now says more about the police.")

    for sign_off in (agreed, refused):
        sign_off.refresh_from_db()
        assert sign_off.is_void
        assert sign_off.void_reason == "Text changed to version 2"
    circulated.refresh_from_db()
    assert circulated.status == SharedTextStatus.CIRCULATED
    assert not circulated.sign_offs.filter(voided_at=None).exists()
    history = SignOff.history.filter(id=agreed.pk).order_by("history_date")
    assert [h.history_change_reason for h in history][-1] == (
        "Sign-off void: Text changed to version 2"
    )
    assert history.last().history_user == people["ofsted.lead"]


def test_the_ofsted_lead_inspector_also_signs_for_ofsted(circulated, people):
    sign_off = sign(people, circulated, "ofsted")
    assert sign_off.signed_by == people["ofsted.lead"]


def test_a_newly_appointed_lead_signs_and_the_old_lead_no_longer_can(circulated, people):
    inspection_services.team_member_add(
        acting_user=people["programme.admin"],
        inspection=circulated.inspection,
        user=people["cqc.inspector"],
        role="inspectorate_lead",
    )
    with pytest.raises(PermissionDenied):
        sign(people, circulated, "cqc")
    sign_off = services.signoff_record(
        acting_user=people["cqc.inspector"],
        shared_text=circulated,
        inspectorate_code="cqc",
        version_number=1,
        decision=SignOffDecision.AGREE,
    )
    assert sign_off.signed_by == people["cqc.inspector"]
