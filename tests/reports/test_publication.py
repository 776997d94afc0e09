"""Publication: refused, naming each missing condition; embargoes; corrections; the lock."""

import datetime
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import InspectionStatus
from judgements import services as judgement_services
from judgements.models import Evidence, Judgement, JudgementStatus
from lscb import services as lscb_services
from lscb.models import SharedText, SharedTextKind, SharedTextStatus
from reports import selectors, services
from reports.models import Publication, ReportPurpose
from reports.personal_data import selectors as personal_data_selectors
from tests.reports.conftest import STAFF_NAME, embargo, publish, record_closed_round, render

# The tests check what surrounds a rendered final version: one real render serves them all.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_rendered_once")]

# The demo inspection is on integrated 2017.1: HMI Prisons' four healthy-establishment tests.
PRISONS_TESTS = "; ".join(
    f"HM Inspectorate of Prisons: {test}"
    for test in ("Safety", "Respect", "Purposeful activity", "Resettlement")
)
PRISONS_SAFETY = "HM Inspectorate of Prisons: Safety"


def _judgement_not_agreed(inspection, people):
    Judgement.objects.filter(inspection=inspection, inspectorate__code="hmi_prisons").update(
        status=JudgementStatus.SUBMITTED
    )


def _shared_text_circulated(kind):
    def breaks(inspection, people):
        SharedText.objects.filter(inspection=inspection, kind=kind).update(
            status=SharedTextStatus.CIRCULATED
        )

    return breaks


def _newer_final_queued(inspection, people):
    services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        purpose="final",
        seen_version=selectors.newest_version_number(inspection=inspection),
    )


def _judgement_text_changed(inspection, people):
    Judgement.objects.filter(inspection=inspection, area_code="safety").update(
        rationale="A changed finding after the final version was rendered."
    )


def _staff_name_added(inspection, people):
    Evidence.objects.filter(inspection=inspection, staff_names=STAFF_NAME).update(
        staff_names=f"{STAFF_NAME}\nAnother Person"
    )


def _back_to_fieldwork(inspection, people):
    inspection_services.inspection_move_stage(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        to_status=InspectionStatus.FIELDWORK,
    )


MISSING_ALONE = {
    "a judgement is not agreed": (
        _judgement_not_agreed,
        selectors.JUDGEMENTS_NOT_AGREED.format(judgements=PRISONS_TESTS),
    ),
    "the LSCB judgement is not agreed": (
        _shared_text_circulated(SharedTextKind.LSCB_JUDGEMENT),
        selectors.LSCB_NOT_AGREED,
    ),
    "the key findings are not agreed": (
        _shared_text_circulated(SharedTextKind.KEY_FINDINGS),
        selectors.KEY_FINDINGS_NOT_AGREED,
    ),
    "the newest final version is not ready": (
        _newer_final_queued,
        selectors.FINAL_VERSION_NOT_READY.format(number=2, state="queued"),
    ),
    "the final version is out of date": (
        _judgement_text_changed,
        selectors.FINAL_VERSION_OUT_OF_DATE.format(number=1),
    ),
    "the personal-data check is out of date": (
        _staff_name_added,
        personal_data_selectors.CHECK_STALE.format(version="final version 1"),
    ),
    "the inspection is back in fieldwork": (
        _back_to_fieldwork,
        selectors.WRONG_STAGE_FOR_PUBLICATION,
    ),
}


@pytest.mark.parametrize("condition", list(MISSING_ALONE))
def test_each_condition_missing_alone_refuses_publication_with_its_message(
    condition, final_version, people
):
    inspection = final_version.inspection
    breaks, message = MISSING_ALONE[condition]
    breaks(inspection, people)
    inspection.refresh_from_db()
    assert selectors.publication_missing_conditions(inspection=inspection) == [message]
    with pytest.raises(ValidationError) as refused:
        publish(inspection, people)
    assert refused.value.messages == [message]
    assert not Publication.objects.exists()


def test_without_a_final_version_publication_is_refused(ready_inspection, people):
    draft = render(ready_inspection, people, purpose=ReportPurpose.FACTUAL_ACCURACY)
    record_closed_round(ready_inspection, people, draft)
    assert selectors.publication_missing_conditions(inspection=ready_inspection) == [
        selectors.NO_FINAL_VERSION
    ]
    with pytest.raises(ValidationError) as refused:
        publish(ready_inspection, people)
    assert refused.value.messages == [selectors.NO_FINAL_VERSION]


def test_a_judgement_never_written_counts_as_not_agreed(final_version, people):
    Judgement.objects.filter(inspection=final_version.inspection, area_code="safety").delete()
    missing = selectors.publication_missing_conditions(inspection=final_version.inspection)
    assert missing[0] == selectors.JUDGEMENTS_NOT_AGREED.format(judgements=PRISONS_SAFETY)


def test_the_publish_page_lists_what_is_missing_and_offers_no_button(client_for, ready_inspection):
    page = client_for("ofsted.lead").get(
        f"/inspections/{ready_inspection.reference}/report/publish/"
    )
    assert page.status_code == 200
    assert selectors.NO_FINAL_VERSION in page.content.decode()
    assert "Publish the report</button>" not in page.content.decode()


def test_the_lead_inspector_publishes_from_the_page(client_for, final_version, people):
    inspection = final_version.inspection
    lead = client_for("ofsted.lead")
    page = lead.get(f"/inspections/{inspection.reference}/report/publish/").content.decode()
    assert "Publish the report" in page
    response = lead.post(
        f"/inspections/{inspection.reference}/report/publish/", {"version": final_version.number}
    )
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.report_version == final_version
    assert publication.publish_at <= timezone.now()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PUBLISHED
    assert client_for("ofsted.lead").get(response["Location"]).status_code == 200


def test_publishing_leaves_history_naming_who_and_why(published, people):
    record = published.history.get()
    assert record.history_user == people["ofsted.lead"]
    assert record.history_change_reason == "Report published"
    inspection_record = published.inspection.history.latest("history_date")
    assert inspection_record.status == InspectionStatus.PUBLISHED
    assert inspection_record.history_user == people["ofsted.lead"]
    assert inspection_record.history_change_reason == "Published with report version 1"


def test_only_the_lead_inspector_may_publish(client_for, final_version):
    inspection = final_version.inspection
    response = client_for("cqc.lead").post(
        f"/inspections/{inspection.reference}/report/publish/", {"version": final_version.number}
    )
    assert response.status_code == 403
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DRAFTING
    assert not Publication.objects.exists()


def test_a_refused_publication_shows_the_messages_on_the_page(client_for, final_version):
    _judgement_not_agreed(final_version.inspection, None)
    response = client_for("ofsted.lead").post(
        f"/inspections/{final_version.inspection.reference}/report/publish/",
        {"version": final_version.number},
    )
    assert response.status_code == 400
    assert PRISONS_TESTS in response.content.decode()


def test_an_embargo_in_the_past_is_refused_when_the_final_version_is_asked_for(
    final_version, people
):
    with pytest.raises(ValidationError) as refused:
        services.report_request_render(
            acting_user=people["ofsted.lead"],
            inspection=final_version.inspection,
            purpose=ReportPurpose.FINAL,
            publish_at=timezone.now() - datetime.timedelta(minutes=1),
            seen_version=final_version.number,
        )
    assert refused.value.messages == [services.PUBLISH_AT_IN_PAST]


def test_after_publication_judgements_and_shared_text_cannot_change(published, people):
    inspection = published.inspection
    judgement = Judgement.objects.get(inspection=inspection, area_code="safety")
    with pytest.raises(PermissionDenied):
        judgement_services.judgement_reopen(
            acting_user=people["prisons.lead"],
            judgement=judgement,
            reason="Late evidence",
            seen_version=judgement.version,
        )
    with pytest.raises((PermissionDenied, ValidationError)):
        judgement_services.judgement_save(
            acting_user=people["prisons.inspector"],
            inspection=inspection,
            inspectorate_code="hmi_prisons",
            area_code="safety",
            expected_version=judgement.version,
            grade="poor",
            rationale="Changed after publication",
        )
    shared = SharedText.objects.get(inspection=inspection, kind=SharedTextKind.KEY_FINDINGS)
    with pytest.raises(ValidationError):
        lscb_services.shared_text_save(
            acting_user=people["ofsted.lead"],
            inspection=inspection,
            kind=SharedTextKind.KEY_FINDINGS,
            body="Changed after publication",
            expected_version=shared.current_version,
        )
    judgement.refresh_from_db()
    assert judgement.grade != "inadequate"
    assert shared.versions.count() == 1


def test_an_embargoed_report_is_404_everywhere_until_its_time_then_public(
    client, final_version, people
):
    embargo(final_version, timezone.now() + datetime.timedelta(seconds=2))
    publication = publish(final_version.inspection, people)
    slug = publication.slug

    def public_view():
        return {
            "page": client.get(f"/reports/{slug}/").status_code,
            "pdf": client.get(f"/reports/{slug}.pdf").status_code,
            "version pdf": client.get(f"/reports/{slug}/versions/1.pdf").status_code,
            "list": slug in client.get("/reports/").content.decode(),
            "feed": slug in client.get("/reports/feed/").content.decode(),
            "api": slug in client.get("/api/reports/").content.decode(),
        }

    hidden = {"page": 404, "pdf": 404, "version pdf": 404, "list": False, "feed": False}
    assert public_view() == {**hidden, "api": False}
    time.sleep(max(0.0, (publication.publish_at - timezone.now()).total_seconds()) + 0.1)
    shown = {"page": 200, "pdf": 200, "version pdf": 200, "list": True, "feed": True}
    assert public_view() == {**shown, "api": True}


def test_the_team_sees_an_embargoed_report_marked_as_embargoed(client_for, final_version, people):
    embargo(final_version, timezone.now() + datetime.timedelta(days=1))
    publish(final_version.inspection, people)
    page = client_for("cqc.inspector").get(
        f"/inspections/{final_version.inspection.reference}/report/"
    )
    assert "Embargoed" in page.content.decode()


def test_a_published_version_cannot_be_published_again(published, people):
    with pytest.raises(ValidationError) as refused:
        publish(published.inspection, people)
    assert refused.value.messages == [
        selectors.NO_OPEN_CORRECTION,
        selectors.NO_NEW_FINAL_VERSION.format(number=1),
    ]
