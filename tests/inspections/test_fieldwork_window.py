"""Fieldwork within its window (DESIGN rule 1): not before it opens, and after it closes only
with a reason recorded, which the inspection's page asks for and its history keeps."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import Inspection, InspectionStatus, LocalAuthority
from judgements import permissions as judgement_permissions
from judgements import services as judgement_services
from tests.reports.conftest import end_window

pytestmark = pytest.mark.django_db


def _notified_inspection(people, *, starts_in_days: int) -> Inspection:
    start = timezone.localdate() + datetime.timedelta(days=starts_in_days)
    area = LocalAuthority.objects.get(name="Calderbridge")
    Inspection.objects.filter(local_authority=area).update(status=InspectionStatus.WITHDRAWN)
    inspection = inspection_services.inspection_create(
        acting_user=people["programme.admin"],
        local_authority=area,
        kind="integrated",
        window_start=start,
        window_end=start + datetime.timedelta(days=20),
        inspectorate_codes=["ofsted", "cqc"],
        lead_inspector=people["ofsted.lead"],
    )
    return inspection_services.inspection_move_stage(
        acting_user=people["programme.admin"],
        inspection=inspection,
        to_status=InspectionStatus.NOTIFIED,
    )


def test_fieldwork_cannot_start_before_the_window_opens(people):
    inspection = _notified_inspection(people, starts_in_days=3)
    with pytest.raises(ValidationError) as refused:
        inspection_services.inspection_move_stage(
            acting_user=people["programme.admin"],
            inspection=inspection,
            to_status=InspectionStatus.FIELDWORK,
        )
    opens = inspection.window_start
    assert refused.value.messages == [
        inspection_services.FIELDWORK_BEFORE_WINDOW.format(date=f"{opens:%-d %B %Y}")
    ]
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.NOTIFIED


def _record_evidence(inspection, people):
    return judgement_services.evidence_create(
        acting_user=people["ofsted.inspector"],
        inspection=inspection,
        observed_on=inspection.window_end,
        source="case_audit",
        area_codes=["help_and_protection"],
        text="A late visit to the front door.",
    )


def test_after_the_window_closes_fieldwork_continues_only_with_a_recorded_reason(
    client_for, seeded, people
):
    inspection = end_window(seeded.inspection, days_ago=2)
    assert inspection.status == InspectionStatus.FIELDWORK
    with pytest.raises(PermissionDenied) as refused:
        _record_evidence(inspection, people)
    closed = f"{inspection.window_end:%-d %B %Y}"
    assert str(refused.value) == judgement_permissions.FIELDWORK_OVERRUN.format(date=closed)

    lead = client_for("ofsted.lead")
    page = lead.get(inspection.get_absolute_url()).content.decode()
    assert f"The window closed on {closed}: record why fieldwork continues" in page
    empty = lead.post(f"/inspections/{inspection.reference}/fieldwork-continues/", {"reason": ""})
    assert empty.status_code == 400
    assert inspection_services.FIELDWORK_CONTINUES_NEEDS_REASON in empty.content.decode()
    reason = "The police force's case files were only made available after the window."
    response = lead.post(
        f"/inspections/{inspection.reference}/fieldwork-continues/", {"reason": reason}
    )
    assert response.status_code == 302

    inspection.refresh_from_db()
    assert _record_evidence(inspection, people).pk
    record = inspection.history.latest("history_date")
    assert record.fieldwork_continues_reason == reason
    assert record.history_user == people["ofsted.lead"]
    assert "Reason: The police force" in lead.get(inspection.get_absolute_url()).content.decode()


def test_an_inspector_cannot_record_the_reason_and_drafting_needs_none(client_for, seeded, people):
    inspection = end_window(seeded.inspection)
    response = client_for("ofsted.inspector").post(
        f"/inspections/{inspection.reference}/fieldwork-continues/", {"reason": "Because"}
    )
    assert response.status_code == 403
    moved = inspection_services.inspection_move_stage(
        acting_user=people["ofsted.lead"], inspection=inspection, to_status="drafting"
    )
    assert moved.status == InspectionStatus.DRAFTING
