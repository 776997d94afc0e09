"""Corrections that correct (DESIGN rule 11): the lead inspector names what a correction changes,
only that unlocks, the usual sign-offs hold, the corrected version renders and publishes with a
note built from what changed, and the superseded version stays at its own address."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from core.dates import long_date
from judgements import services as judgement_services
from judgements.models import Evidence, Judgement
from lscb import services as lscb_services
from lscb.models import SharedText, SharedTextKind, SignOffDecision, kinds_for
from reports import corrections, publishing, rendering, selectors, services
from reports.models import Correction, ReportState
from tests.reports.conftest import publish, render

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_rendered_once")]

LEADS = {
    "ofsted": "ofsted.lead",
    "cqc": "cqc.lead",
    "hmic": "hmic.lead",
    "hmi_probation": "probation.lead",
    "hmi_prisons": "prisons.lead",
}
REASON = "The area showed that the timeliness of visits was misreported."
GRADE_REASON = "Visits within timescales fell to 61% in the period inspected."
NEW_FINDINGS = (
    "Too many children who need help wait too long for a visit.\n"
    "Leaders know their services well and have acted on the findings of serious case reviews."
)
NEW_RATIONALE = "Visits to children are too often late, and managers do not always notice."


def _help_and_protection(inspection) -> Judgement:
    return Judgement.objects.select_related("inspectorate").get(
        inspection=inspection, inspectorate__code="ofsted", area_code="help_and_protection"
    )


def _open(inspection, people, **names) -> Correction:
    return corrections.correction_open(
        acting_user=people["ofsted.lead"], inspection=inspection, reason=REASON, **names
    )


def _change_grade(inspection, people, grade: str) -> Judgement:
    """Its inspectorate lead reopens the judgement, the team changes it, the lead agrees again."""
    judgement = judgement_services.judgement_reopen(
        acting_user=people["ofsted.lead"],
        judgement=_help_and_protection(inspection),
        reason="Correction: visits misreported",
        seen_version=_help_and_protection(inspection).version,
    )
    judgement = judgement_services.judgement_save(
        acting_user=people["ofsted.inspector"],
        inspection=inspection,
        inspectorate_code="ofsted",
        area_code="help_and_protection",
        expected_version=judgement.version,
        grade=grade,
        rationale=NEW_RATIONALE,
        strengths=judgement.strengths,
        areas_for_improvement=judgement.areas_for_improvement,
        recommendations=judgement.recommendations,
        evidence=[Evidence.objects.get(inspection=inspection, inspectorate__code="ofsted")],
    )
    judgement = judgement_services.judgement_submit(
        acting_user=people["ofsted.inspector"], judgement=judgement, seen_version=judgement.version
    )
    return judgement_services.judgement_agree(
        acting_user=people["ofsted.lead"], judgement=judgement, seen_version=judgement.version
    )


def _change_key_findings(inspection, people) -> None:
    """Reopened, edited, circulated, every lead agrees the new version, finalised."""
    lead = people["ofsted.lead"]
    shared = SharedText.objects.get(inspection=inspection, kind=SharedTextKind.KEY_FINDINGS)
    shared = lscb_services.shared_text_reopen(
        acting_user=lead, shared_text=shared, reason="Correction", seen_version=1
    )
    shared = lscb_services.shared_text_save(
        acting_user=lead,
        inspection=inspection,
        kind=SharedTextKind.KEY_FINDINGS,
        body=NEW_FINDINGS,
        expected_version=1,
    )
    lscb_services.shared_text_circulate(acting_user=lead, shared_text=shared, seen_version=2)
    for code, username in LEADS.items():
        lscb_services.signoff_record(
            acting_user=people[username],
            shared_text=shared,
            inspectorate_code=code,
            version_number=2,
            decision=SignOffDecision.AGREE,
        )
    lscb_services.shared_text_finalise(acting_user=lead, shared_text=shared, seen_version=2)


def _other_grade(judgement: Judgement) -> str:
    return "requires_improvement" if judgement.grade != "requires_improvement" else "good"


def test_a_correction_of_a_grade_and_a_finding_publishes_a_corrected_report(
    client, published, people
):
    inspection = published.inspection
    old = published.report_version
    judgement = _help_and_protection(inspection)
    # Ofsted's own scale under the inspection's version (DESIGN rule 15).
    scale = inspection.framework.scale_for("ofsted", "help_and_protection")
    was, grade = scale.label(judgement.grade).lower(), _other_grade(judgement)
    _open(
        inspection,
        people,
        grade_ids=[judgement.pk],
        grade_reason=GRADE_REASON,
        shared_kinds=[SharedTextKind.KEY_FINDINGS],
    )
    # Signed off again before the new version renders: the same rules as before publication.
    assert selectors.KEY_FINDINGS_NOT_AGREED not in selectors.publication_missing_conditions(
        inspection=inspection
    )
    _change_grade(inspection, people, grade)
    _change_key_findings(inspection, people)
    corrected = render(inspection, people)
    assert corrected.state == ReportState.READY, corrected.error
    publication = publish(inspection, people)

    area = inspection.framework.for_inspectorate("ofsted").area("help_and_protection").title
    assert publication.correction_note.splitlines() == [
        f"Ofsted: {area}: the grade changed from {was} to {scale.label(grade).lower()}. "
        f"Reason: {GRADE_REASON}",
        f"Ofsted: {area}: the text changed.",
        "Summary of key findings: the text changed.",
        f"Reason for the correction: {REASON}",
    ]
    correction = Correction.objects.get(inspection=inspection)
    assert correction.publication == publication and not correction.is_open

    # The new PDF has the new grade and text; the old one still downloads, unchanged.
    with default_storage.open(corrected.pdf.name, "rb") as file:
        text = " ".join(" ".join(rendering.read_pdf(file.read()).page_texts).split())
    assert "Too many children who need help wait too long for a visit." in text
    assert f"{area} {scale.label(grade)}" in text
    assert NEW_RATIONALE in text
    superseded = client.get(f"/reports/{published.slug}/versions/{old.number}.pdf")
    assert superseded.status_code == 200
    assert superseded["ETag"] == f'"{old.sha256}"'
    assert b"".join(superseded.streaming_content)[:5] == b"%PDF-"

    old_page = client.get(f"/reports/{published.slug}/versions/{old.number}/").content.decode()
    day = long_date(publication.publish_at)
    assert f"Superseded by the correction of {day}" in old_page
    assert "Download the superseded full report" in old_page
    stamped = client.get(f"/reports/{published.slug}/versions/{old.number}-superseded.pdf")
    stamped_text = " ".join(rendering.read_pdf(b"".join(stamped.streaming_content)).page_texts)
    assert stamped_text.count("SUPERSEDED") == old.page_count
    assert (
        client.get(
            f"/reports/{published.slug}/versions/{corrected.number}-superseded.pdf"
        ).status_code
        == 404
    )
    page = client.get(f"/reports/{published.slug}/").content.decode()
    assert "Summary of key findings: the text changed." in page
    assert f"/reports/{published.slug}/versions/{old.number}/" in page

    feed = ElementTree.fromstring(client.get("/reports/feed/").content)  # noqa: S314 - our own feed
    summaries = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any("the grade changed from" in summary for summary in summaries)
    api = client.get("/api/reports/").json()
    notes = [report["correction_note"] for report in api["results"]]
    assert publication.correction_note in notes


def test_only_what_a_correction_names_can_change_while_it_is_open(published, people):
    inspection = published.inspection
    judgement = _help_and_protection(inspection)
    _open(inspection, people, judgement_ids=[judgement.pk])
    # The named judgement reopens; its grade is not named, so the grade cannot change.
    reopened = judgement_services.judgement_reopen(
        acting_user=people["ofsted.lead"],
        judgement=judgement,
        reason="Correction of the text",
        seen_version=judgement.version,
    )
    with pytest.raises(ValidationError) as refused:
        judgement_services.judgement_save(
            acting_user=people["ofsted.inspector"],
            inspection=inspection,
            inspectorate_code="ofsted",
            area_code="help_and_protection",
            expected_version=reopened.version,
            grade=_other_grade(reopened),
            rationale=NEW_RATIONALE,
        )
    assert refused.value.message_dict["grade"] == [judgement_services.GRADE_NOT_IN_CORRECTION]

    other = Judgement.objects.get(inspection=inspection, area_code="safety")
    with pytest.raises(PermissionDenied):
        judgement_services.judgement_reopen(
            acting_user=people["prisons.lead"],
            judgement=other,
            reason="Not named",
            seen_version=other.version,
        )
    for kind in kinds_for(inspection.framework):
        shared = SharedText.objects.get(inspection=inspection, kind=kind)
        with pytest.raises(ValidationError):
            lscb_services.shared_text_reopen(
                acting_user=people["ofsted.lead"],
                shared_text=shared,
                reason="Not named",
                seen_version=shared.current_version,
            )
    with pytest.raises(PermissionDenied):
        judgement_services.evidence_create(
            acting_user=people["ofsted.inspector"],
            inspection=inspection,
            observed_on=inspection.window_start,
            source="case_audit",
            area_codes=["help_and_protection"],
            text="New evidence after publication.",
        )


def test_when_the_correction_is_published_its_parts_lock_again(published, people):
    inspection = published.inspection
    correction = _open(inspection, people, judgement_ids=[_help_and_protection(inspection).pk])
    Correction.objects.filter(pk=correction.pk).update(publication=published)
    judgement = _help_and_protection(inspection)
    with pytest.raises(PermissionDenied):
        judgement_services.judgement_reopen(
            acting_user=people["ofsted.lead"],
            judgement=judgement,
            reason="Too late",
            seen_version=judgement.version,
        )


def test_a_corrected_version_needs_an_open_correction_and_a_change(published, people):
    with pytest.raises(ValidationError) as refused:
        render(published.inspection, people)
    assert refused.value.messages == [services.CORRECTION_NOT_OPEN]
    _open(published.inspection, people, other_sections=True)
    render(published.inspection, people)
    with pytest.raises(ValidationError) as refused:
        publish(published.inspection, people)
    assert refused.value.messages == [publishing.NOTHING_CORRECTED]


@pytest.mark.parametrize(
    ("names", "field", "message"),
    [
        ({}, "judgements", corrections.NOTHING_NAMED),
        ({"grade_ids": ["judgement"]}, "grade_reason", corrections.GRADE_REASON_REQUIRED),
        ({"judgement_ids": [999999]}, "judgements", corrections.UNKNOWN_JUDGEMENT),
    ],
)
def test_a_correction_names_what_it_changes(published, people, names, field, message):
    if names.get("grade_ids") == ["judgement"]:
        names = {"grade_ids": [_help_and_protection(published.inspection).pk]}
    with pytest.raises(ValidationError) as refused:
        _open(published.inspection, people, **names)
    assert refused.value.message_dict[field] == [message]
    assert not Correction.objects.exists()


def test_a_correction_is_opened_from_the_report_page_by_the_lead_inspector_only(
    client_for, published, people
):
    inspection = published.inspection
    url = f"/inspections/{inspection.reference}/report/correction/"
    assert client_for("cqc.lead").get(url).status_code == 403
    lead = client_for("ofsted.lead")
    assert lead.head(url).status_code == 200
    page = lead.get(url).content.decode()
    judgement = _help_and_protection(inspection)
    assert f'value="{judgement.pk}"' in page
    response = lead.post(
        url, {"reason": REASON, "grades": [judgement.pk], "grade_reason": GRADE_REASON}
    )
    assert response.status_code == 302
    overview = lead.get(f"/inspections/{inspection.reference}/report/").content.decode()
    assert "Open correction" in overview and REASON in overview
    again = lead.post(url, {"reason": REASON, "other_sections": "on"})
    assert again.status_code == 400
    assert Correction.objects.count() == 1
    history = Correction.objects.get().history.get()
    assert history.history_user == people["ofsted.lead"]
    assert history.history_date <= datetime.datetime.now(datetime.UTC)


def test_a_correction_is_withdrawn_only_while_nothing_it_unlocked_has_changed(
    client_for, published, people
):
    inspection = published.inspection
    judgement = _help_and_protection(inspection)
    _open(inspection, people, judgement_ids=[judgement.pk])
    judgement_services.judgement_reopen(
        acting_user=people["ofsted.lead"],
        judgement=judgement,
        reason="Looking again",
        seen_version=judgement.version,
    )
    lead = client_for("ofsted.lead")
    url = f"/inspections/{inspection.reference}/report/correction/"
    refused = lead.post(url, {"withdraw": "1"}, follow=True)
    assert corrections.WITHDRAW_AFTER_CHANGE in refused.content.decode()
    assert Correction.objects.get().is_open
    # Agreed again, unchanged (set-up standing in for submitting and agreeing it, tested above).
    Judgement.objects.filter(pk=judgement.pk).update(status="agreed")
    response = lead.post(url, {"withdraw": "1"})
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert not correction.is_open
    assert correction.history.latest("history_date").history_change_reason == (
        "Correction withdrawn unused"
    )
    # Withdrawn, its parts lock again, and another correction can be opened.
    with pytest.raises(PermissionDenied):
        judgement_services.judgement_reopen(
            acting_user=people["ofsted.lead"],
            judgement=_help_and_protection(inspection),
            reason="Too late",
            seen_version=_help_and_protection(inspection).version,
        )
    assert _open(inspection, people, other_sections=True).is_open
