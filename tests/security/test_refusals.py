"""One owner per refusal: a page and the service behind it refuse with the same words.

Each app's `permissions.check_<action>()` raises `core.permissions.Refused` carrying the message;
views and services both call it. Here a user who may not act tries the page (403; Django's 403
view receives the refusal) and the service directly, and both carry the sentence from
`permissions.py`.
"""

from __future__ import annotations

import pytest

from core.permissions import Refused
from inspections import permissions as inspection_permissions
from inspections import services as inspection_services
from judgements import permissions as judgement_permissions
from judgements import services as judgement_services
from lscb import permissions as lscb_permissions
from lscb import services as lscb_services
from lscb.models import SharedTextKind
from reports import permissions as report_permissions
from reports import services as report_services

pytestmark = pytest.mark.django_db


def _refusal_shown(response) -> str:
    assert response.status_code == 403
    return response.context["exception"]


def _refusal_raised(call) -> str:
    with pytest.raises(Refused) as error:
        call()
    return str(error.value)


def test_evidence_of_another_inspectorate_is_refused_alike_by_page_and_service(
    client_for, inspection, people
):
    evidence = judgement_services.evidence_create(
        acting_user=people["ofsted.inspector"],
        inspection=inspection,
        observed_on=inspection.window_start,
        source="case_audit",
        area_codes=["help_and_protection"],
        text="Seen in a case audit.",
    )
    shown = _refusal_shown(
        client_for("cqc.inspector").get(
            f"/inspections/{inspection.reference}/evidence/{evidence.pk}/edit/"
        )
    )
    raised = _refusal_raised(
        lambda: judgement_services.evidence_delete(
            acting_user=people["cqc.inspector"], evidence=evidence
        )
    )
    assert shown == raised == judgement_permissions.NOT_YOUR_INSPECTORATE


def test_shared_text_is_the_lead_inspectors_on_the_page_and_in_the_service(
    client_for, inspection, people
):
    shown = _refusal_shown(
        client_for("cqc.lead").get(f"/inspections/{inspection.reference}/shared/lscb/edit/")
    )
    raised = _refusal_raised(
        lambda: lscb_services.shared_text_save(
            acting_user=people["cqc.lead"],
            inspection=inspection,
            kind=SharedTextKind.LSCB_JUDGEMENT,
            expected_version=0,
            grade="good",
            body="The board knows the area's risks.",
            improvements="",
        )
    )
    assert shown == raised == lscb_permissions.NOT_LEAD_INSPECTOR


def test_set_up_is_programme_staffs_on_the_page_and_in_the_service(client_for, inspection, people):
    shown = _refusal_shown(
        client_for("ofsted.lead").get(f"/inspections/{inspection.reference}/set-up/")
    )
    raised = _refusal_raised(
        lambda: inspection_services.inspection_update_set_up(
            acting_user=people["ofsted.lead"],
            inspection=inspection,
            window_start=inspection.window_start,
            window_end=inspection.window_end,
            inspectorate_codes=[],
        )
    )
    assert shown == raised == inspection_permissions.NOT_ALLOWED_TO_MANAGE


def test_rendering_is_the_lead_inspectors_on_the_page_and_in_the_service(
    client_for, inspection, people
):
    shown = _refusal_shown(
        client_for("cqc.lead").post(
            f"/inspections/{inspection.reference}/report/",
            {"purpose": "factual_accuracy", "version": "0"},
        )
    )
    raised = _refusal_raised(
        lambda: report_services.report_request_render(
            acting_user=people["cqc.lead"],
            inspection=inspection,
            purpose="factual_accuracy",
            seen_version=0,
        )
    )
    assert shown == raised == report_permissions.NOT_ALLOWED_TO_RENDER
