"""Children's personal details are erased a set time after publication, everywhere they were
kept (the case samples and their history), by a daily Celery beat task; the reference, age
band, agencies and counts stay, the published report is unchanged, a second run changes
nothing, and an erasure that fails half way leaves the inspection as it was (DESIGN rule 14)."""

from __future__ import annotations

import datetime
import hashlib
import logging

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from inspections.models import CaseSample
from privacy import erasure
from privacy.models import ChildDetailView, ErasureRecord
from privacy.tasks import erase_personal_details
from reports.models import Publication, ReportVersion

PERSONAL = (
    "child_name",
    "date_of_birth",
    "agency_references",
    "family_members",
    "carers",
    "aliases",
    "school",
)


def _published_days_ago(inspection, days: int) -> None:
    moment = timezone.now() - datetime.timedelta(days=days)
    Publication.objects.filter(inspection=inspection).update(publish_at=moment)


def _cases(inspection) -> list[dict]:
    return list(
        CaseSample.objects.filter(inspection=inspection)
        .order_by("pk")
        .values("pk", "internal_reference", "age_band", "tracking", *PERSONAL)
    )


def _history_values(inspection) -> list[tuple]:
    return list(
        CaseSample.history.model.objects.filter(inspection_id=inspection.pk)
        .order_by("history_id")
        .values_list(*PERSONAL)
    )


def _reports(inspection) -> list[tuple]:
    """Every version of the report: its row as stored, and the SHA-256 of its PDF's bytes."""
    rows = []
    for version in ReportVersion.objects.filter(inspection=inspection).order_by("number"):
        with version.pdf.open("rb") as pdf:
            digest = hashlib.sha256(pdf.read()).hexdigest()
        rows.append((version.number, version.sha256, digest, version.body_html, version.state))
    return rows


@pytest.fixture
def published(demo_data):
    """The demo's published inspection, its case samples given the people around them."""
    inspection = demo_data.published
    # Any other published demo report is recent: only this one can fall due.
    Publication.objects.exclude(inspection=inspection).update(publish_at=timezone.now())
    people = {
        "family_members": "Hester Marchbank",
        "carers": "Lorcan Tate",
        "aliases": "Elly",
        "school": "Fenby",
    }
    CaseSample.objects.filter(inspection=inspection, internal_reference="CAL-T01").update(**people)
    # As if recorded through the service during fieldwork: the history holds them too.
    CaseSample.history.filter(inspection_id=inspection.pk, internal_reference="CAL-T01").update(
        **people
    )
    return inspection


def test_nothing_is_erased_before_the_time_is_up(published, demo_data):
    _published_days_ago(published, settings.PERSONAL_DETAILS_KEPT_DAYS - 1)
    cases = _cases(published)
    assert erasure.erase_due() == []
    assert _cases(published) == cases
    assert not ErasureRecord.objects.exists()


def test_personal_details_are_erased_after_the_configured_time_and_the_rest_stays(
    published, demo_data, settings
):
    settings.PERSONAL_DETAILS_KEPT_DAYS = 30
    _published_days_ago(published, 31)
    before = _cases(published)
    agencies = {
        c.pk: set(c.agencies_involved.values_list("code", flat=True))
        for c in CaseSample.objects.filter(inspection=published)
    }
    evidence_links = {
        c.pk: c.evidence.count() for c in CaseSample.objects.filter(inspection=published)
    }
    fieldwork_cases = _cases(demo_data.inspection)
    reports = _reports(published)

    [record] = erasure.erase_due()

    after = _cases(published)
    assert [(c["internal_reference"], c["age_band"], c["tracking"]) for c in after] == [
        (c["internal_reference"], c["age_band"], c["tracking"]) for c in before
    ]
    for case in after:
        assert [case[name] for name in PERSONAL] == ["", None, "", "", "", "", ""]
    for case in CaseSample.objects.filter(inspection=published):
        assert case.personal_details_erased_at is not None
        assert set(case.agencies_involved.values_list("code", flat=True)) == agencies[case.pk]
        assert case.evidence.count() == evidence_links[case.pk]
    # The published report is as it was: the rows and every PDF's bytes.
    assert _reports(published) == reports
    # The inspection in fieldwork is not due: untouched.
    assert _cases(demo_data.inspection) == fieldwork_cases
    assert (record.inspection, record.case_samples, record.kept_days) == (published, 3, 30)
    assert record.history_records > 0
    assert record.erased_by == "scheduled task"
    assert "child's name" in record.fields and "carers" in record.fields


def test_the_history_keeps_no_copy_of_an_erased_detail(published, demo_data):
    _published_days_ago(published, settings.PERSONAL_DETAILS_KEPT_DAYS + 1)
    names = [c["child_name"] for c in _cases(published)]
    assert any(any(values) for values in _history_values(published))

    erasure.erase_due()

    assert all(not any(values) for values in _history_values(published))
    # Nowhere in the case samples' history tables, in any column.
    table = CaseSample.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a table name from the model
        dump = repr(cursor.fetchall())
    for secret in [*names, "Hester Marchbank", "Lorcan Tate", "CSC-20931", "Fenby"]:
        assert secret not in dump
    # The erasure is itself in the history: by the service, with its reason.
    newest = CaseSample.history.filter(inspection_id=published.pk).latest("history_id")
    assert newest.history_user is None
    assert newest.history_change_reason.startswith("Personal details erased")


def test_a_second_run_changes_nothing_and_records_nothing(published, demo_data):
    _published_days_ago(published, settings.PERSONAL_DETAILS_KEPT_DAYS + 1)
    assert len(erasure.erase_due()) == 1
    cases, history = _cases(published), _history_values(published)
    erased_at = list(
        CaseSample.objects.filter(inspection=published).values_list(
            "personal_details_erased_at", flat=True
        )
    )

    assert erase_personal_details() == 0

    assert _cases(published) == cases and _history_values(published) == history
    assert (
        list(
            CaseSample.objects.filter(inspection=published).values_list(
                "personal_details_erased_at", flat=True
            )
        )
        == erased_at
    )
    assert ErasureRecord.objects.count() == 1


def test_other_apps_erase_in_the_same_transaction_and_are_recorded(published, demo_data):
    calls = []

    def erase_referrals(inspection) -> int:
        # Inside the erasure's own transaction, with the case samples already erased.
        calls.append(
            (
                inspection.pk,
                connection.in_atomic_block,
                CaseSample.objects.filter(inspection=inspection, child_name="").count(),
            )
        )
        return 2 if len(calls) == 1 else 0

    erasure.register(erase_referrals, name="concern referrals")
    try:
        _published_days_ago(published, settings.PERSONAL_DETAILS_KEPT_DAYS + 1)
        [record] = erasure.erase_due()
        assert erasure.erase_due() == []
    finally:
        erasure.unregister(erase_referrals)
    assert calls == [(published.pk, True, 3), (published.pk, True, 3)]
    assert record.other_records == {"concern referrals": 2}


def test_an_erasure_that_fails_half_way_leaves_the_inspection_untouched(
    published, demo_data, caplog
):
    def broken(inspection) -> int:
        raise RuntimeError(f"cannot erase {inspection.case_samples.first().child_name}")

    _published_days_ago(published, settings.PERSONAL_DETAILS_KEPT_DAYS + 1)
    cases, history = _cases(published), _history_values(published)
    erasure.register(broken)
    try:
        with caplog.at_level(logging.INFO), pytest.raises(erasure.ErasureFailed) as failed:
            erase_personal_details()
    finally:
        erasure.unregister(broken)
    # The case samples were erased before the broken eraser ran: all of it was rolled back.
    assert _cases(published) == cases and _history_values(published) == history
    assert not CaseSample.objects.filter(personal_details_erased_at__isnull=False).exists()
    assert not ErasureRecord.objects.exists()
    # Said by reference, never by a child's detail.
    assert published.reference in str(failed.value)
    logged = caplog.text + str(failed.value)
    assert published.reference in caplog.text
    for case in cases:
        assert case["child_name"] not in logged
    # The next run, with the eraser mended, erases it.
    assert len(erasure.erase_due()) == 1


def test_erased_case_pages_show_no_details_and_are_not_logged(published, demo_data, client):
    _published_days_ago(published, settings.PERSONAL_DETAILS_KEPT_DAYS + 1)
    erasure.erase_due()
    case = CaseSample.objects.filter(inspection=published).first()
    client.force_login(demo_data.people["ofsted.inspector"])
    page = client.get(f"/inspections/{published.reference}/cases/{case.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "personal details were erased on" in text
    assert "Child&#x27;s name" not in text and "Child's name" not in text
    assert not ChildDetailView.objects.filter(inspection=published).exists()
    listing = client.get(f"/inspections/{published.reference}/cases/").content.decode()
    assert "Erased" in listing


def test_programme_administrators_see_what_was_erased(published, demo_data, client):
    _published_days_ago(published, settings.PERSONAL_DETAILS_KEPT_DAYS + 1)
    erasure.erase_due()
    client.force_login(demo_data.people["programme.admin"])
    page = client.get(f"/audit/erasures/?inspection={published.reference}")
    text = page.content.decode()
    assert page.status_code == 200
    assert published.reference in text
    assert "3 case samples" in text and "by the scheduled task" in text
    assert "Child&#x27;s name, date of birth" in text
    assert f"kept for {settings.PERSONAL_DETAILS_KEPT_DAYS} days" in text


def test_the_erasure_runs_daily_from_celery_beat():
    from integrated_inspections.celery import app

    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "privacy.erase_personal_details"
    ]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    # Once a day: the next run is within a day of any moment, and never twice in one day.
    remaining = schedule.remaining_estimate(timezone.now())
    assert datetime.timedelta(0) <= remaining <= datetime.timedelta(days=1)
    assert schedule.hour == {2} and schedule.minute == {30}
    app.loader.import_default_modules()
    assert app.tasks["privacy.erase_personal_details"].run is erase_personal_details.run


def test_the_personal_data_checks_quotes_are_erased_too(published, demo_data):
    # A finding quotes the words it found (a child's name, say), and a reviewer's reason may
    # repeat them: both go with the children's details; where the finding was stays.
    from reports.models import FindingAcknowledgement

    version = ReportVersion.objects.filter(inspection=published).order_by("number").first()
    finding = {
        "key": "k1",
        "what": "a given name alone",
        "record": "case sample CAL-T01",
        "blocking": False,
        "where": "Ofsted, page 4",
        "section": "Ofsted",
        "page": 4,
        "before": "we met ",
        "match": "Hester",
        "after": " and her carer",
        "count": 1,
    }
    ReportVersion.objects.filter(pk=version.pk).update(personal_data_findings=[finding])
    ReportVersion.history.filter(id=version.pk).update(personal_data_findings=[finding])
    FindingAcknowledgement.objects.create(
        version=version,
        finding_key="k1",
        acknowledged_by=demo_data.people["ofsted.lead"],
        reason="Hester is the name of a road",
    )
    _published_days_ago(published, settings.PERSONAL_DETAILS_KEPT_DAYS + 1)

    erasure.erase_due()

    version.refresh_from_db()
    [kept] = version.personal_data_findings
    assert (kept["before"], kept["match"], kept["after"]) == ("", "", "")
    assert (kept["where"], kept["record"], kept["page"]) == (
        "Ofsted, page 4",
        "case sample CAL-T01",
        4,
    )
    assert not ReportVersion.history.filter(
        id=version.pk, personal_data_findings__contains=[{"match": "Hester"}]
    ).exists()
    assert FindingAcknowledgement.objects.get(version=version).reason == "[erased]"
    # A second run finds nothing left to erase.
    assert erasure.erase_due() == []
