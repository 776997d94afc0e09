"""Inspections move through their stages only by legal moves, through one service."""

import pytest

from inspections.models import InspectionStatus

pytestmark = pytest.mark.django_db


def test_an_illegal_stage_move_is_refused_with_its_message(client_for, inspection):
    response = client_for("ofsted.lead").post(
        f"/inspections/{inspection.reference}/stage/", {"to_status": "planned"}
    )
    assert response.status_code == 400
    assert "An inspection cannot move from fieldwork to planned." in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.FIELDWORK


def test_publishing_is_not_a_stage_move(client_for, inspection):
    response = client_for("ofsted.lead").post(
        f"/inspections/{inspection.reference}/stage/", {"to_status": "published"}
    )
    assert response.status_code == 400
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.FIELDWORK


def test_the_lead_inspector_moves_fieldwork_on_to_drafting(client_for, inspection):
    response = client_for("ofsted.lead").post(
        f"/inspections/{inspection.reference}/stage/", {"to_status": "drafting"}
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DRAFTING


def test_an_inspector_cannot_move_the_stage(client_for, inspection):
    response = client_for("cqc.inspector").post(
        f"/inspections/{inspection.reference}/stage/", {"to_status": "drafting"}
    )
    assert response.status_code == 403
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.FIELDWORK


def test_withdrawing_needs_a_reason(client_for, inspection):
    response = client_for("ofsted.lead").post(
        f"/inspections/{inspection.reference}/stage/", {"to_status": "withdrawn"}
    )
    assert "Give a reason for withdrawing the inspection." in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.FIELDWORK
