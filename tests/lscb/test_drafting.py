"""The lead inspector drafts the shared text; every saved edit is a new version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inspections import services as inspection_services
from inspections.models import InspectionStatus
from lscb import permissions, services
from lscb.models import SharedText, SharedTextKind, SharedTextStatus
from tests.lscb.conftest import LSCB_TEXT, save

pytestmark = pytest.mark.django_db


def test_each_save_is_a_new_version_and_older_versions_are_kept(draft, inspection, people):
    save(people, inspection, expected_version=1, grade="requires_improvement")

    draft.refresh_from_db()
    assert draft.current_version == 2
    assert draft.status == SharedTextStatus.DRAFT
    versions = list(draft.versions.order_by("number"))
    assert [(v.number, v.grade) for v in versions] == [(1, "good"), (2, "requires_improvement")]
    assert all(v.author == people["ofsted.lead"] for v in versions)


def test_the_lead_inspector_drafts_key_findings_without_a_grade(inspection, people):
    shared_text = services.shared_text_save(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        kind=SharedTextKind.KEY_FINDINGS,
        body="Children are safer.",
        expected_version=0,
    )
    version = shared_text.versions.get()
    assert (version.body, version.grade) == ("Children are safer.", "")


@pytest.mark.parametrize("username", ["ofsted.inspector", "cqc.lead", "programme.admin"])
def test_only_the_lead_inspector_drafts(inspection, people, username):
    with pytest.raises(PermissionDenied, match=permissions.NOT_LEAD_INSPECTOR):
        services.shared_text_save(
            acting_user=people[username],
            inspection=inspection,
            kind=SharedTextKind.LSCB_JUDGEMENT,
            expected_version=0,
            **LSCB_TEXT,
        )
    assert not SharedText.objects.exists()


def test_the_lscb_judgement_needs_a_grade_on_the_scale_and_a_rationale(inspection, people):
    with pytest.raises(ValidationError) as error:
        save(people, inspection, expected_version=0, grade="excellent", body="  ")
    assert error.value.message_dict == {
        "grade": [services.GRADE_NOT_ON_SCALE],
        "body": [services.RATIONALE_REQUIRED],
    }
    with pytest.raises(ValidationError) as error:
        save(people, inspection, expected_version=0, grade="")
    assert error.value.message_dict == {"grade": [services.GRADE_REQUIRED]}
    assert not SharedText.objects.exists()


def test_saving_over_a_newer_version_is_refused(draft, inspection, people):
    save(people, inspection, expected_version=1, body="Second thoughts.")

    with pytest.raises(ValidationError, match="Someone saved version 2"):
        save(people, inspection, expected_version=1, body="Third thoughts from a stale page.")
    draft.refresh_from_db()
    assert draft.current_version == 2


def test_saving_the_same_text_again_makes_no_version(draft, inspection, people):
    with pytest.raises(ValidationError, match=services.NOTHING_CHANGED):
        save(people, inspection, expected_version=1, body=LSCB_TEXT["body"].replace("\n", "\r\n"))
    draft.refresh_from_db()
    assert draft.current_version == 1


def test_finalised_text_cannot_be_edited_until_reopened(finalised, inspection, people):
    with pytest.raises(ValidationError, match="has been finalised"):
        save(people, inspection, expected_version=1, body="A late change.")
    finalised.refresh_from_db()
    assert (finalised.status, finalised.current_version) == (SharedTextStatus.AGREED, 1)

    services.shared_text_reopen(
        acting_user=people["ofsted.lead"],
        shared_text=finalised,
        reason="CQC found an error",
        seen_version=finalised.current_version,
    )
    save(people, inspection, expected_version=1, body="A corrected rationale.")
    finalised.refresh_from_db()
    assert (finalised.status, finalised.current_version) == (SharedTextStatus.DRAFT, 2)


def test_shared_text_is_still_edited_during_the_factual_accuracy_check(draft, inspection, people):
    for stage in (InspectionStatus.DRAFTING, InspectionStatus.FACTUAL_ACCURACY):
        inspection_services.inspection_move_stage(
            acting_user=people["ofsted.lead"], inspection=inspection, to_status=stage
        )
    save(people, inspection, expected_version=1, body="Corrected at factual accuracy.")
    draft.refresh_from_db()
    assert draft.current_version == 2


def test_shared_text_of_a_withdrawn_inspection_does_not_change(draft, inspection, people):
    inspection_services.inspection_move_stage(
        acting_user=people["programme.admin"],
        inspection=inspection,
        to_status=InspectionStatus.WITHDRAWN,
        reason="Area reorganised",
    )
    with pytest.raises(ValidationError, match="Shared text can only change"):
        save(people, inspection, expected_version=1, body="Too late.")


def test_every_save_is_in_history_with_who_and_why(draft, inspection, people):
    save(people, inspection, expected_version=1, body="Second thoughts.")

    records = list(draft.history.order_by("history_date"))
    assert [r.history_change_reason for r in records] == ["Version 1 saved", "Version 2 saved"]
    assert {r.history_user for r in records} == {people["ofsted.lead"]}
    assert [r.current_version for r in records] == [1, 2]
