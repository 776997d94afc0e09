"""During the factual accuracy check (DESIGN rule 10) a judgement still changes, but only through
its workflow: its inspectorate lead reopens it with a reason, the team changes text or grade, it
is submitted and agreed again. Evidence stays as it was."""

import pytest
from django.core.exceptions import PermissionDenied

from inspections import services as inspection_services
from inspections.models import InspectionStatus
from judgements import permissions
from judgements import services as judgement_services
from judgements.models import Evidence, Judgement, JudgementStatus
from lscb import services as lscb_services
from lscb.models import SharedText, SharedTextKind, SignOff
from tests.reports.conftest import make_ready_for_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_factual_accuracy(seeded, people):
    inspection = make_ready_for_publication(seeded.inspection, people)
    return inspection_services.inspection_move_stage(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        to_status=InspectionStatus.FACTUAL_ACCURACY,
    )


def test_a_judgement_changes_through_its_workflow_during_the_check(in_factual_accuracy, people):
    inspection = in_factual_accuracy
    judgement = Judgement.objects.get(
        inspection=inspection, inspectorate__code="ofsted", area_code="help_and_protection"
    )
    evidence = Evidence.objects.get(inspection=inspection, inspectorate__code="ofsted")
    with pytest.raises(PermissionDenied) as refused:
        judgement_services.judgement_reopen(
            acting_user=people["ofsted.inspector"],
            judgement=judgement,
            reason="The area says a date is wrong",
            seen_version=judgement.version,
        )
    assert str(refused.value) == permissions.ONLY_LEAD_REOPENS_AFTER_DRAFTING.format(
        inspectorate="Ofsted"
    )
    judgement = judgement_services.judgement_reopen(
        acting_user=people["ofsted.lead"],
        judgement=judgement,
        reason="The area's comment on the timeliness of visits is accepted",
        seen_version=judgement.version,
    )
    new_grade = "good" if judgement.grade != "good" else "requires_improvement"
    judgement = judgement_services.judgement_save(
        acting_user=people["ofsted.inspector"],
        inspection=inspection,
        inspectorate_code="ofsted",
        area_code="help_and_protection",
        expected_version=judgement.version,
        grade=new_grade,
        rationale="Visits are timely in almost all cases, as the area's records show.",
        evidence=[evidence],
    )
    judgement = judgement_services.judgement_submit(
        acting_user=people["ofsted.inspector"], judgement=judgement, seen_version=judgement.version
    )
    judgement = judgement_services.judgement_agree(
        acting_user=people["ofsted.lead"], judgement=judgement, seen_version=judgement.version
    )
    assert judgement.status == JudgementStatus.AGREED
    assert judgement.grade == new_grade
    reasons = list(judgement.history.values_list("history_change_reason", flat=True))
    assert "The area's comment on the timeliness of visits is accepted" in reasons


def test_evidence_stays_locked_during_the_check(in_factual_accuracy, people):
    with pytest.raises(PermissionDenied) as refused:
        judgement_services.evidence_create(
            acting_user=people["ofsted.inspector"],
            inspection=in_factual_accuracy,
            observed_on=in_factual_accuracy.window_start,
            source="case_audit",
            area_codes=["help_and_protection"],
            text="New evidence after drafting.",
        )
    assert str(refused.value) == permissions.INSPECTION_NOT_OPEN


def test_changing_shared_text_during_the_check_voids_its_sign_offs(in_factual_accuracy, people):
    shared = SharedText.objects.get(
        inspection=in_factual_accuracy, kind=SharedTextKind.KEY_FINDINGS
    )
    shared = lscb_services.shared_text_reopen(
        acting_user=people["ofsted.lead"],
        shared_text=shared,
        reason="The area corrected a figure",
        seen_version=shared.current_version,
    )
    shared = lscb_services.shared_text_save(
        acting_user=people["ofsted.lead"],
        inspection=in_factual_accuracy,
        kind=SharedTextKind.KEY_FINDINGS,
        body="Children who need help are identified early; agencies work well together.",
        expected_version=shared.current_version,
    )
    assert shared.current_version == 2
    assert not SignOff.objects.filter(shared_text=shared, voided_at__isnull=True).exists()
