"""Inspectors record, list, change and delete their own inspectorate's evidence."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from inspections import services as inspection_services
from inspections.case_samples import age_band_for
from judgements import history, rules, services
from judgements.models import Evidence, EvidenceArea
from tests.judgements.conftest import date_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(inspection, people):
    return inspection_services.case_sample_create(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        internal_reference="ASH-T09",
        tracking="tracked",
        age_band=age_band_for(
            date_of_birth=datetime.date(2008, 2, 1), start=inspection.window_start
        ),
        child_name="Rowan Pemberton",
        date_of_birth=datetime.date(2008, 2, 1),
        agency_references="CSC-99120",
    )


def test_an_inspector_records_evidence_in_the_browser(client_for, inspection, people, today, case):
    response = client_for("ofsted.inspector").post(
        f"/inspections/{inspection.reference}/evidence/new/",
        {
            **date_fields("observed_on", today),
            "source": "case_audit",
            "area_codes": ["help_and_protection", "care_leavers"],
            "text": "Strategy discussion held within a day.",
            "case_samples": [str(case.pk)],
            "staff_names": "Sam Okafor\n\n  Jo Reyes ",
        },
    )
    evidence = Evidence.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (f"/inspections/{inspection.reference}/evidence/{evidence.pk}/")
    assert evidence.inspectorate.code == "ofsted"
    assert evidence.author == people["ofsted.inspector"]
    assert sorted(a.area_code for a in evidence.areas.all()) == [
        "care_leavers",
        "help_and_protection",
    ]
    assert list(evidence.case_samples.all()) == [case]
    assert evidence.staff_name_list == ["Sam Okafor", "Jo Reyes"]
    assert evidence.history.earliest().history_user == people["ofsted.inspector"]


def test_the_evidence_form_offers_only_the_authors_own_areas(client_for, inspection):
    page = (
        client_for("cqc.inspector")
        .get(f"/inspections/{inspection.reference}/evidence/new/")
        .content.decode()
    )
    assert "Safeguarding children in health services" in page
    assert "Children who need help and protection" not in page
    assert "Staff named (one per line)" in page


def test_evidence_dated_outside_the_window_is_refused(client_for, inspection):
    before = inspection.window_start - datetime.timedelta(days=1)
    response = client_for("ofsted.inspector").post(
        f"/inspections/{inspection.reference}/evidence/new/",
        {
            **date_fields("observed_on", before),
            "source": "case_audit",
            "area_codes": ["help_and_protection"],
            "text": "Seen before the window opened.",
        },
    )
    assert response.status_code == 200
    expected = rules.DATE_OUTSIDE_WINDOW.format(
        start=f"{inspection.window_start.day} {inspection.window_start:%B %Y}",
        end=f"{inspection.window_end.day} {inspection.window_end:%B %Y}",
    )
    assert expected in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_dated_after_the_window_is_refused_by_the_service(inspection, people):
    with pytest.raises(ValidationError) as error:
        services.evidence_create(
            acting_user=people["ofsted.inspector"],
            inspection=inspection,
            observed_on=inspection.window_end + datetime.timedelta(days=1),
            source="data",
            area_codes=["help_and_protection"],
            text="Too late",
        )
    assert "observed_on" in error.value.message_dict
    assert not Evidence.objects.exists()


def test_html_and_script_typed_into_evidence_are_shown_escaped(
    client_for, inspection, record_evidence
):
    typed = '<script>alert("x")</script><b>bold</b>'
    evidence = record_evidence(
        "ofsted.inspector", ["help_and_protection"], text=typed, staff_names="<i>Staff</i>"
    )
    client = client_for("cqc.inspector")
    base = f"/inspections/{inspection.reference}"
    for path in (f"{base}/evidence/", f"{base}/evidence/{evidence.pk}/", f"{base}/coverage/"):
        page = client.get(path).content.decode()
        assert "<script>alert" not in page, path
        assert "<b>bold</b>" not in page, path
        assert "<i>Staff</i>" not in page, path
    detail = client.get(f"{base}/evidence/{evidence.pk}/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in detail
    assert "&lt;i&gt;Staff&lt;/i&gt;" in detail


def test_the_evidence_list_filters_by_area_source_and_author(
    client_for, inspection, people, record_evidence
):
    record_evidence("ofsted.inspector", ["help_and_protection"], text="Alpha audit")
    record_evidence("ofsted.lead", ["leadership"], text="Bravo documents", source="documents")
    record_evidence("cqc.inspector", ["safeguarding"], text="Charlie discussion")
    client = client_for("hmic.inspector")
    url = f"/inspections/{inspection.reference}/evidence/"

    def shown(query):
        page = client.get(url, query).content.decode()
        return [t for t in ("Alpha", "Bravo", "Charlie") if t in page]

    assert shown({}) == ["Alpha", "Bravo", "Charlie"]
    assert shown({"area": "ofsted:help_and_protection"}) == ["Alpha"]
    assert shown({"area": "ofsted"}) == ["Alpha", "Bravo"]
    assert shown({"source": "documents"}) == ["Bravo"]
    assert shown({"author": people["cqc.inspector"].pk}) == ["Charlie"]


def test_the_author_changes_their_evidence_and_the_old_values_stay_in_history(
    client_for, inspection, people, record_evidence, today
):
    evidence = record_evidence("ofsted.inspector", ["help_and_protection"], text="First account")
    response = client_for("ofsted.inspector").post(
        f"/inspections/{inspection.reference}/evidence/{evidence.pk}/edit/",
        {
            **date_fields("observed_on", today),
            "source": "observation",
            "area_codes": ["leadership"],
            "text": "Corrected account",
        },
    )
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.text == "Corrected account"
    assert [a.area_code for a in evidence.areas.all()] == ["leadership"]
    latest = evidence.history.latest()
    assert latest.history_user == people["ofsted.inspector"]
    assert latest.history_change_reason == services.EVIDENCE_CHANGED
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["text"] == ("First account", "Corrected account")
    assert changes["source"] == ("case_audit", "observation")
    removed = EvidenceArea.history.filter(evidence_id=evidence.pk, history_type="-").get()
    assert (removed.area_code, removed.history_user) == (
        "help_and_protection",
        people["ofsted.inspector"],
    )
    page = (
        client_for("cqc.inspector")
        .get(f"/inspections/{inspection.reference}/evidence/{evidence.pk}/")
        .content.decode()
    )
    assert "First account" in page and "Corrected account" in page
    assert "Leadership, management and governance" in page


def test_the_author_deletes_evidence_and_it_stays_attributed_in_history(
    client_for, inspection, people, record_evidence
):
    evidence = record_evidence("ofsted.inspector", ["help_and_protection"])
    pk = evidence.pk
    client = client_for("ofsted.inspector")
    assert client.get(f"/inspections/{inspection.reference}/evidence/{pk}/delete/").status_code == (
        200
    )
    response = client.post(f"/inspections/{inspection.reference}/evidence/{pk}/delete/")
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=pk).exists()
    records = Evidence.history.filter(id=pk).order_by("history_date")
    assert [r.history_type for r in records] == ["+", "-"]
    assert records.last().author_id == people["ofsted.inspector"].pk
    assert records.last().history_user == people["ofsted.inspector"]
    assert records.last().history_change_reason == services.EVIDENCE_DELETED


def test_deleting_evidence_takes_it_off_a_draft_judgement_with_a_history_record(
    people, record_evidence, save_judgement
):
    keep = record_evidence("ofsted.inspector", ["help_and_protection"], text="Keep")
    gone = record_evidence("ofsted.inspector", ["help_and_protection"], text="Gone")
    judgement = save_judgement(
        "ofsted.lead", "ofsted", "help_and_protection", evidence=[keep, gone]
    )
    services.evidence_delete(acting_user=people["ofsted.inspector"], evidence=gone)
    assert list(judgement.evidence.all()) == [keep]
    latest = judgement.history.latest()
    assert latest.history_user == people["ofsted.inspector"]
    assert latest.history_change_reason == services.EVIDENCE_UNLINKED.format(pk=gone.pk)


def test_evidence_behind_a_submitted_judgement_cannot_be_deleted(
    client_for, inspection, people, ofsted_evidence, save_judgement
):
    judgement = save_judgement(
        "ofsted.inspector", "ofsted", "help_and_protection", evidence=[ofsted_evidence]
    )
    services.judgement_submit(
        acting_user=people["ofsted.inspector"], judgement=judgement, seen_version=judgement.version
    )
    response = client_for("ofsted.inspector").post(
        f"/inspections/{inspection.reference}/evidence/{ofsted_evidence.pk}/delete/"
    )
    assert response.status_code == 200
    assert "Reopen the judgement before deleting the evidence." in response.content.decode()
    assert Evidence.objects.filter(pk=ofsted_evidence.pk).exists()


def test_evidence_pages_call_case_samples_by_internal_reference_only(
    client_for, inspection, record_evidence, case
):
    evidence = record_evidence("ofsted.inspector", ["help_and_protection"], case_samples=[case])
    client = client_for("cqc.inspector")
    base = f"/inspections/{inspection.reference}"
    for path in (f"{base}/evidence/", f"{base}/evidence/{evidence.pk}/", f"{base}/workspace/"):
        page = client.get(path).content.decode()
        assert "Rowan Pemberton" not in page, path
        assert "CSC-99120" not in page, path
    assert "ASH-T09" in client.get(f"{base}/evidence/{evidence.pk}/").content.decode()


def test_a_case_sample_from_another_inspection_cannot_be_linked(
    inspection, people, record_evidence
):
    other = inspection_services.inspection_create(
        acting_user=people["programme.admin"],
        local_authority=inspection.local_authority.__class__.objects.get(name="Brackenfield"),
        kind="integrated",
        window_start=inspection.window_start,
        window_end=inspection.window_end,
        inspectorate_codes=["ofsted", "cqc"],
    )
    stranger = other.case_samples.model(
        inspection=other, internal_reference="BRK-1", tracking="sampled", age_band="5_9"
    )
    stranger.save()
    with pytest.raises(ValidationError) as error:
        record_evidence("ofsted.inspector", ["help_and_protection"], case_samples=[stranger])
    assert error.value.message_dict["case_samples"] == [rules.CASE_SAMPLE_ELSEWHERE]


def test_the_evidence_history_shows_each_change_once_with_areas_and_cases(
    people, record_evidence, case, today
):
    evidence = record_evidence("ofsted.inspector", ["help_and_protection"], case_samples=[case])
    services.evidence_update(
        acting_user=people["ofsted.inspector"],
        evidence=evidence,
        observed_on=today,
        source="data",
        area_codes=["leadership"],
        text="Changed",
    )
    entries = history.evidence_history(evidence=evidence)
    assert [(e.kind, e.who, e.reason) for e in entries] == [
        ("Created", "Oscar Reid", services.EVIDENCE_RECORDED),
        ("Changed", "Oscar Reid", services.EVIDENCE_CHANGED),
    ]
    created = {c.label: c.new for c in entries[0].changes}
    assert created["Case samples"] == "ASH-T09"
    assert created["Judgement areas"] == "Children who need help and protection"
    changed = {c.label: (c.old, c.new) for c in entries[1].changes}
    assert changed["Judgement areas"] == (
        "Children who need help and protection",
        "Leadership, management and governance",
    )
    assert changed["Case samples"] == ("ASH-T09", "")
    assert changed["Source"] == ("Case audit", "Data")
