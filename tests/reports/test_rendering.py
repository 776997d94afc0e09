"""Asking for renders, the render service and task, failures and retries, the progress page."""

import contextlib
import datetime
import os

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from inspections.models import InspectionStatus
from reports import selectors as report_selectors
from reports import services
from reports.models import ReportPurpose, ReportState, ReportVersion
from reports.tasks import render_report_version
from tests.processes import own_task_queue
from tests.reports.conftest import render

pytestmark = pytest.mark.django_db


def _stored_files(settings) -> list[str]:
    found = []
    for folder, _, files in os.walk(settings.MEDIA_ROOT):
        found.extend(os.path.join(folder, name) for name in files)
    return found


def _overview(inspection) -> str:
    return f"/inspections/{inspection.reference}/report/"


def test_the_lead_inspector_asks_for_a_render_and_it_is_queued_after_commit(
    client_for, ready_inspection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for("ofsted.lead").post(
            _overview(ready_inspection),
            {"purpose": ReportPurpose.FINAL, "publish_when": "when_ready", "version": 0},
        )
    version = ReportVersion.objects.get(inspection=ready_inspection)
    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    assert version.state == ReportState.QUEUED
    assert version.purpose == ReportPurpose.FINAL
    assert version.publication_date == timezone.localdate()
    assert len(callbacks) == 1


def test_the_queued_task_renders_the_version_and_stores_its_file(
    ready_inspection, people, settings
):
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="final",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    assert render_report_version(version.pk) == ReportState.READY
    version.refresh_from_db()
    assert version.pdf.name == (
        f"reports/{ready_inspection.reference}/v1-{version.sha256[:12]}.pdf"
    )
    assert default_storage.exists(version.pdf.name)
    assert [stage["stage"] for stage in version.stages] == [
        "collecting",
        "laying_out",
        "writing",
        "checking",
        "storing",
    ]
    assert all(stage["seconds"] is not None for stage in version.stages)
    assert version.judgements.filter(inspectorate__code="ofsted").count() == 6
    assert version.judgements.get(area_code="lscb").grade_label == "Good"


def test_a_task_delivered_twice_stores_one_file(ready_inspection, people, settings):
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="final",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    render_report_version(version.pk)
    render_report_version(version.pk)
    version.refresh_from_db()
    assert version.attempts == 1
    assert _stored_files(settings) == [default_storage.path(version.pdf.name)]


def test_two_deliveries_rendering_at_once_store_one_file(ready_inspection, people, settings):
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="final",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    first = services._claim(version.pk)
    # A second delivery starts while the first is still rendering, and finishes first.
    second = services.report_version_render(version_id=version.pk)
    late = services._render(first)
    assert second.state == late.state == ReportState.READY
    assert late.sha256 == second.sha256
    assert _stored_files(settings) == [default_storage.path(second.pdf.name)]


def test_a_render_that_cannot_store_its_file_waits_shows_why_and_resumes(
    client_for, ready_inspection, people, settings, tmp_path
):
    # The store refuses (here local disk: a file where the media folder should be). Nothing is
    # stored, the version goes back to the queue with the error, and beat sends it again once
    # the store answers (docs/adr/0015-object-storage.md).
    media = settings.MEDIA_ROOT
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = str(blocker)
    version = render(ready_inspection, people)
    assert version.state == ReportState.QUEUED
    assert version.error.startswith("The file store could not save the file")
    assert not version.sha256 and not version.pdf.name
    lead = client_for("ofsted.lead")
    page = lead.get(version.get_absolute_url()).content.decode()
    assert "The render is waiting." in page
    assert "tried again by itself" in page

    settings.MEDIA_ROOT = media
    # Sent on a queue of this test's own (no other run's worker takes it), rendered here;
    # without a broker the task runs as it is sent.
    queue = own_task_queue("waiting", redis_url=settings.REDIS_URL) if settings.REDIS_URL else None
    with queue or contextlib.nullcontext():
        requeued = services.report_requeue_stuck(older_than=datetime.timedelta(0))
    assert requeued == [version.pk]
    render_report_version(version.pk)
    version.refresh_from_db()
    assert version.state == ReportState.READY
    assert version.error == ""
    assert _stored_files(settings) == [default_storage.path(version.pdf.name)]


def test_a_ready_render_cannot_be_retried(client_for, final_version):
    response = client_for("ofsted.lead").post(f"{final_version.get_absolute_url()}retry/")
    assert response.status_code == 302
    final_version.refresh_from_db()
    assert final_version.state == ReportState.READY
    assert final_version.attempts == 1


def test_a_render_stuck_in_the_queue_can_be_retried(ready_inspection, people):
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="final",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    long_ago = timezone.now() - datetime.timedelta(minutes=11)
    ReportVersion.objects.filter(pk=version.pk).update(modified_at=long_ago)
    version.refresh_from_db()
    retried = services.report_version_retry(acting_user=people["ofsted.lead"], version=version)
    assert retried.state == ReportState.QUEUED
    assert retried.modified_at > long_ago


def test_a_render_interrupted_three_times_is_given_up_as_failed(ready_inspection, people):
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="final",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    ReportVersion.objects.filter(pk=version.pk).update(
        state=ReportState.RENDERING, attempts=services.MAX_ATTEMPTS
    )
    version = services.report_version_render(version_id=version.pk)
    assert version.state == ReportState.FAILED
    assert version.error == services.RENDER_INTERRUPTED.format(attempts=3)


def test_the_progress_page_lists_the_stages_and_offers_a_plain_refresh_link(
    client_for, ready_inspection, people
):
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="final",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    page = client_for("cqc.inspector").get(version.get_absolute_url()).content.decode()
    assert "Queued" in page
    for label in ("Collecting the content", "Laying out the pages", "Storing the file"):
        assert f"{label}: <span data-stage-text>waiting</span>" in page
    assert (
        f'<a class="govuk-link" href="{version.get_absolute_url()}">Refresh this page</a>' in page
    )
    assert "reports/progress.mjs" in page


def test_the_status_endpoint_reports_each_stage_with_its_time(client_for, final_version):
    status = client_for("ofsted.lead").get(f"{final_version.get_absolute_url()}status/").json()
    assert status["state"] == "ready"
    assert status["finished"] is True
    assert [stage["state"] for stage in status["stages"]] == ["done"] * 5
    assert status["stages"][1]["text"].startswith("done in ")


def test_a_ready_version_shows_its_file_facts_and_no_refresh_link(client_for, final_version):
    page = client_for("ofsted.lead").get(final_version.get_absolute_url()).content.decode()
    assert final_version.sha256 in page
    assert f"{final_version.page_count} pages" in page
    assert "Refresh this page" not in page
    assert "progress.mjs" not in page


def test_the_team_downloads_a_factual_accuracy_draft(client_for, ready_inspection, people):
    version = render(ready_inspection, people, purpose=ReportPurpose.FACTUAL_ACCURACY)
    response = client_for("hmic.inspector").get(f"{version.get_absolute_url()[:-1]}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_someone_not_on_the_team_gets_404_for_drafts_and_the_report_pages(
    client_for, ready_inspection, people
):
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=ready_inspection,
        purpose="factual_accuracy",
        seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
    )
    outsider = client_for("outsider")
    for address in (
        _overview(ready_inspection),
        version.get_absolute_url(),
        f"{version.get_absolute_url()[:-1]}.pdf",
        f"{_overview(ready_inspection)}publish/",
    ):
        assert outsider.get(address).status_code == 404


def test_only_the_lead_inspector_asks_for_a_render(client_for, ready_inspection):
    response = client_for("cqc.lead").post(
        _overview(ready_inspection),
        {"purpose": "final", "publish_when": "when_ready", "version": 0},
    )
    assert response.status_code == 403
    assert not ReportVersion.objects.exists()


def test_a_render_is_refused_while_the_inspection_is_in_fieldwork(client_for, inspection):
    response = client_for("ofsted.lead").post(
        f"/inspections/{inspection.reference}/report/",
        {"purpose": "factual_accuracy", "version": 0},
    )
    assert response.status_code == 400
    assert services.RENDER_WRONG_STAGE["factual_accuracy"] in response.content.decode()
    assert not ReportVersion.objects.exists()


def test_a_second_render_of_the_same_kind_waits_for_the_first(client_for, ready_inspection):
    lead = client_for("ofsted.lead")
    lead.post(
        _overview(ready_inspection),
        {"purpose": "final", "publish_when": "when_ready", "version": 0},
    )
    # Asked again from the page reloaded after the first: it shows version 1, still queued.
    response = lead.post(
        _overview(ready_inspection),
        {"purpose": "final", "publish_when": "when_ready", "version": 1},
    )
    assert response.status_code == 400
    assert services.RENDER_IN_PROGRESS.format(number=1) in response.content.decode()
    assert ReportVersion.objects.count() == 1


def test_a_factual_accuracy_draft_is_refused_after_publication(ready_inspection, people):
    ready_inspection.status = InspectionStatus.PUBLISHED
    ready_inspection.save()
    with pytest.raises(services.ValidationError) as refused:
        services.report_request_render(
            acting_user=people["ofsted.lead"],
            inspection=ready_inspection,
            purpose="factual_accuracy",
            seen_version=report_selectors.newest_version_number(inspection=ready_inspection),
        )
    assert refused.value.messages == [services.RENDER_WRONG_STAGE["factual_accuracy"]]


def test_each_render_leaves_history_naming_who_asked_and_what_happened(final_version, people):
    records = list(final_version.history.order_by("history_date", "history_id"))
    assert records[0].history_user == people["ofsted.lead"]
    assert records[0].history_change_reason == "Final requested"
    assert [r.history_change_reason for r in records[1:]] == [
        "Rendering started (attempt 1)",
        "Rendered and stored",
    ]
    assert records[-1].state == ReportState.READY
