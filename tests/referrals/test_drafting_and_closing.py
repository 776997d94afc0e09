"""Drafting waits for every referral's response; a referral closes only with its response, and
two people closing it at once cannot both succeed silently."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from inspections import services as inspection_services
from inspections.models import InspectionStatus
from referrals import services
from referrals.models import ConcernReferral
from tests.referrals.conftest import answer

pytestmark = pytest.mark.django_db


def _to_drafting(inspection, people):
    return inspection_services.inspection_move_stage(
        acting_user=people["ofsted.lead"], inspection=inspection, to_status="drafting"
    )


def test_drafting_is_refused_while_a_referral_has_no_response_and_allowed_after(
    inspection, people, record, front_door
):
    first = record("hmic.inspector")
    second = record("cqc.inspector", case_sample=None, child_reference="ASH-R09", age_band="1_4")
    with pytest.raises(ValidationError) as refused:
        _to_drafting(inspection, people)
    assert refused.value.messages == [
        "Referral 1 about case ASH-T01 has no response from "
        "Ashdown Children's Services Front Door recorded",
        "Referral 2 about child ASH-R09 has no response from "
        "Ashdown Children's Services Front Door recorded",
    ]
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.FIELDWORK
    answer(first, people["hmic.inspector"])
    with pytest.raises(ValidationError) as refused:
        _to_drafting(inspection, people)
    assert [m[:10] for m in refused.value.messages] == ["Referral 2"]
    # A response recorded is enough: closing can come later.
    answer(second, people["cqc.inspector"])
    assert _to_drafting(inspection, people).status == InspectionStatus.DRAFTING


def test_the_stage_page_names_the_referral_without_the_childs_name(client_for, inspection, record):
    record()
    response = client_for("ofsted.lead").post(
        f"/inspections/{inspection.reference}/stage/", {"to_status": "drafting"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Referral 1 about case ASH-T01 has no response from" in page
    assert "Jordan" not in page


def test_a_referral_is_closed_only_with_the_agencys_response(client_for, inspection, record):
    referral = record()
    client = client_for("ofsted.inspector")
    url = f"/inspections/{inspection.reference}/referrals/1/"
    response = client.post(url + "close/", {"version": referral.version})
    assert response.status_code == 400
    assert (
        "Record the agency&#x27;s response before closing referral 1" in response.content.decode()
    )
    referral.refresh_from_db()
    assert referral.closed_at is None


def test_recording_the_response_and_closing_from_the_pages(client_for, inspection, record):
    referral = record()
    client = client_for("probation.inspector")
    url = f"/inspections/{inspection.reference}/referrals/1/"
    received = referral.alerted_at.astimezone()
    data = {
        "version": str(referral.version),
        "response": "A social worker visited the same evening.",
        "received_on_0": str(received.day),
        "received_on_1": str(received.month),
        "received_on_2": str(received.year),
        "received_time": received.strftime("%H:%M"),
    }
    assert client.post(url + "response/", data).status_code == 302
    referral.refresh_from_db()
    assert referral.has_response and not referral.is_closed
    assert client.post(url + "close/", {"version": referral.version}).status_code == 302
    referral.refresh_from_db()
    assert referral.is_closed
    assert [r.history_change_reason for r in referral.history.order_by("history_date")] == [
        "Referral 1 recorded",
        "Response to referral 1 recorded",
        "Referral 1 closed",
    ]


def test_two_people_closing_at_once_the_second_is_shown_what_the_first_recorded(
    client_for, inspection, record, people
):
    referral = record()
    url = f"/inspections/{inspection.reference}/referrals/1/"
    answer(referral, people["hmic.inspector"], text="Police attended; the child is safe.")
    referral.refresh_from_db()
    seen = referral.version
    # Both have the page open at the same version; the first closes it.
    first, second = client_for("hmic.inspector"), client_for("cqc.lead")
    assert first.post(url + "close/", {"version": seen}).status_code == 302
    response = second.post(url + "close/", {"version": seen})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Referral 1 has changed since you opened it: Harvey Mills closed it at " in page
    assert "Police attended; the child is safe." in page
    assert ConcernReferral.objects.get().closed_by == people["hmic.inspector"]
    assert ConcernReferral.objects.get().history.count() == 3


def test_two_responses_at_once_the_second_is_refused_with_the_first_shown(
    client_for, inspection, record, people
):
    referral = record()
    url = f"/inspections/{inspection.reference}/referrals/1/response/"
    when = referral.alerted_at.astimezone()

    def data(text: str, close: bool) -> dict:
        form = {
            "version": str(referral.version),
            "response": text,
            "received_on_0": str(when.day),
            "received_on_1": str(when.month),
            "received_on_2": str(when.year),
            "received_time": when.strftime("%H:%M"),
        }
        return {**form, "close": "on"} if close else form

    first = client_for("ofsted.lead").post(url, data("The front door will visit today.", True))
    assert first.status_code == 302
    second = client_for("ofsted.inspector").post(url, data("No answer yet.", True))
    assert second.status_code == 409
    page = second.content.decode()
    assert "Olivia Bennett closed it at" in page
    assert "The front door will visit today." in page
    assert "No answer yet." in page  # what they typed, not saved
    assert ConcernReferral.objects.get().response == "The front door will visit today."


def test_the_service_refuses_a_stale_close(record, people):
    referral = record()
    answer(referral, people["hmic.inspector"])
    referral.refresh_from_db()
    services.referral_close(
        acting_user=people["hmic.inspector"], referral=referral, seen_version=referral.version
    )
    from core.versioning import StaleVersion

    with pytest.raises(StaleVersion):
        services.referral_close(
            acting_user=people["cqc.lead"], referral=referral, seen_version=referral.version
        )
