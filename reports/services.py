"""Rendering and publishing the joint report.

`report_request_render` and `report_publish` are the lead inspector's actions: each checks who
is acting, applies the rules, and leaves a history record naming them and the reason, in one
transaction. Rendering itself runs in a Celery worker (`reports.tasks`), which calls
`report_version_render`: idempotent, so a task delivered twice, or redelivered after a worker
died mid-render, stores one file.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import logging
import os
import time
from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from core.models import record_change
from core.storage import StoreUnavailable, store_once
from core.versioning import check_version_seen
from inspections.models import Inspection, InspectionStatus
from inspections.permissions import inspection_access
from reports import rendering, selectors
from reports.content import report_content, report_judgement_rows
from reports.models import (
    OPEN_CORRECTION,
    PersonalDataCheck,
    RenderStage,
    ReportJudgement,
    ReportPurpose,
    ReportState,
    ReportVersion,
)
from reports.permissions import (
    RENDER_STATUSES,
    check_request_render,
    check_retry,
    may_retry,
)
from reports.personal_data import find_personal_data, personal_data_terms, terms_digest

logger = logging.getLogger(__name__)

UNKNOWN_PURPOSE = "Select a factual accuracy draft or a final version."
RENDER_WRONG_STAGE = {
    ReportPurpose.FACTUAL_ACCURACY: (
        "A factual accuracy draft can only be rendered while the inspection is in drafting or "
        "the factual accuracy check."
    ),
    ReportPurpose.FINAL: (
        "A final version can only be rendered while the inspection is in drafting or the "
        "factual accuracy check, or to correct a published report."
    ),
}
RENDER_IN_PROGRESS = "Version {number} is still being rendered: wait until it is ready."
PUBLISH_AT_ONLY_FINAL = "Only a final version is published, so only it has a publication time."
RETRY_NOT_NEEDED = (
    "Only a failed render, or one that has not moved for ten minutes, can be tried again."
)
PUBLISH_AT_IN_PAST = "The publication time must be in the future, or choose as soon as it is ready."
CORRECTION_NOT_OPEN = (
    "The report is published: open a correction, naming what it changes, before rendering a "
    "corrected version."
)
RENDER_MOVED = (
    "The report has changed since you opened this page: version {version} is now the newest, "
    "not version {seen}. Nothing has been queued: check the versions below, then ask again if "
    "you still need a new one."
)
RENDER_INTERRUPTED = "Rendering was interrupted {attempts} times. Try it again from this page."
STORE_WAIT = "{error} The render is tried again by itself once the file store answers."

# A render found half-done this many times (its worker died each time) is given up as failed.
MAX_ATTEMPTS = 3
# Test-only: seconds to wait after collecting, so that a test can kill a worker mid-render.
PAUSE_ENVIRONMENT_VARIABLE = "REPORT_RENDER_PAUSE_SECONDS"


def _send(version_id: int) -> bool:
    """Put the render task on the broker; False, and the version stays queued, if it is down.

    Asking for a render must not fail because Redis is unreachable: the version is saved as
    queued, and `report_requeue_stuck` (run every minute by Celery beat) sends it again.
    """
    from reports.tasks import render_report_version

    try:
        render_report_version.delay(version_id)
    except (BrokerError, OSError):
        logger.warning("Broker unreachable: report version %s stays queued", version_id)
        return False
    return True


def _enqueue(version: ReportVersion) -> None:
    version_id = version.pk
    # Only after commit: the worker must find the queued row, and a rolled-back request must
    # not leave a task behind.
    transaction.on_commit(lambda: _send(version_id))


# A queued version that has not started after this long is sent to the broker again.
REQUEUE_AFTER = datetime.timedelta(minutes=2)


def report_requeue_stuck(*, older_than: datetime.timedelta = REQUEUE_AFTER) -> list[int]:
    """Send the render task again for versions still queued after `older_than`.

    Their first message may never have reached the broker (it was down when the render was
    asked for), or was lost with it. Rendering is idempotent, so a version whose first message
    was only slow is still rendered once. Changes no row: the worker records the render.
    """
    cutoff = timezone.now() - older_than
    stuck = list(
        ReportVersion.objects.filter(state=ReportState.QUEUED, modified_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return [pk for pk in stuck if _send(pk)]


# --- Asking for a render -----------------------------------------------------------------------


@transaction.atomic
def report_request_render(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    purpose: str,
    publish_at: datetime.datetime | None = None,
    seen_version: int | None,
) -> ReportVersion:
    """Queue a new version of the report; a worker renders it after the transaction commits.

    A final version is rendered for the moment it will be published: `publish_at` (an embargo),
    or, when None, as soon as it is ready on the day it is asked for. Its cover prints that day,
    and publication uses exactly that moment (DESIGN rule 20).

    `seen_version` is the newest version number the lead inspector's page showed (0 for none):
    a render someone else asked for since is not doubled.
    """
    inspection = (
        Inspection.objects.select_for_update()
        .select_related("local_authority")
        .get(pk=inspection.pk)
    )
    check_request_render(inspection_access(acting_user, inspection))
    newest = selectors.newest_version_number(inspection=inspection)
    check_version_seen(inspection, seen_version, version=newest, message=RENDER_MOVED)
    if purpose not in ReportPurpose.values:
        raise ValidationError({"purpose": UNKNOWN_PURPOSE})
    if inspection.status not in RENDER_STATUSES[purpose]:
        raise ValidationError(RENDER_WRONG_STAGE[purpose])
    if publish_at is not None and purpose != ReportPurpose.FINAL:
        raise ValidationError({"publish_at": PUBLISH_AT_ONLY_FINAL})
    if publish_at is not None and publish_at <= timezone.now():
        raise ValidationError({"publish_at": PUBLISH_AT_IN_PAST})
    if (
        inspection.status == InspectionStatus.PUBLISHED
        and not inspection.corrections.filter(OPEN_CORRECTION).exists()
    ):
        raise ValidationError(CORRECTION_NOT_OPEN)
    busy = (
        ReportVersion.objects.filter(
            inspection=inspection,
            purpose=purpose,
            state__in=[ReportState.QUEUED, ReportState.RENDERING],
        )
        .order_by("-number")
        .first()
    )
    if busy is not None:
        raise ValidationError(RENDER_IN_PROGRESS.format(number=busy.number))
    version = ReportVersion(
        inspection=inspection,
        number=newest + 1,
        purpose=purpose,
        publication_date=(
            timezone.localdate(publish_at) if purpose == ReportPurpose.FINAL else None
        ),
        planned_publish_at=publish_at,
        requested_by=acting_user,
    )
    record_change(
        version,
        acting_user=acting_user,
        reason=f"{ReportPurpose(purpose).label} requested",
    )
    version.save()
    _enqueue(version)
    return version


@transaction.atomic
def report_version_retry(*, acting_user: AbstractBaseUser, version: ReportVersion) -> ReportVersion:
    """Queue a failed (or lost) render again."""
    version = (
        ReportVersion.objects.select_for_update().select_related("inspection").get(pk=version.pk)
    )
    access = inspection_access(acting_user, version.inspection)
    check_retry(access)
    if not may_retry(access, version):
        raise ValidationError(RETRY_NOT_NEEDED)
    version.state = ReportState.QUEUED
    version.error = ""
    version.attempts = 0
    version.current_stage = ""
    version.stages = []
    record_change(version, acting_user=acting_user, reason="Render tried again")
    version.save()
    _enqueue(version)
    return version


# --- Rendering (the worker) --------------------------------------------------------------------


def _claim(version_id: int) -> ReportVersion | None:
    """Start an attempt, or None when there is nothing to do (ready, failed or given up)."""
    with transaction.atomic():
        version = (
            ReportVersion.objects.select_for_update()
            .select_related("inspection__local_authority")
            .get(pk=version_id)
        )
        if version.state in (ReportState.READY, ReportState.FAILED):
            return None
        if version.state == ReportState.RENDERING and version.attempts >= MAX_ATTEMPTS:
            version.state = ReportState.FAILED
            version.error = RENDER_INTERRUPTED.format(attempts=version.attempts)
            version.finished_at = timezone.now()
            record_change(version, acting_user=None, reason="Render given up")
            version.save()
            return None
        version.state = ReportState.RENDERING
        version.attempts += 1
        version.started_at = timezone.now()
        version.finished_at = None
        version.error = ""
        version.current_stage = ""
        version.stages = []
        record_change(
            version, acting_user=None, reason=f"Rendering started (attempt {version.attempts})"
        )
        version.save()
        return version


class _Stages:
    """Times each stage and shows it on the version's page as it happens."""

    def __init__(self, version: ReportVersion) -> None:
        self.version = version
        self.stages: list[dict] = []

    def _publish(self, current: str) -> None:
        # A plain update: progress is not a change worth a history record, and it commits at
        # once so that the page can show it while the worker carries on.
        ReportVersion.objects.filter(pk=self.version.pk).update(
            current_stage=current, stages=self.stages, modified_at=timezone.now()
        )

    def begin(self, stage: RenderStage) -> float:
        self.stages.append(
            {
                "stage": stage.value,
                "label": stage.label,
                "started_at": timezone.now().isoformat(timespec="seconds"),
                "seconds": None,
            }
        )
        self._publish(stage.value)
        return time.monotonic()

    def end(self, started: float) -> None:
        self.stages[-1]["seconds"] = round(time.monotonic() - started, 3)

    @contextlib.contextmanager
    def run(self, stage: RenderStage) -> Iterator[None]:
        # The stage's time is shown when the next stage begins (and the last one, storing, is
        # saved with the file): one write a stage, each a commit on the worker's path to ready.
        started = self.begin(stage)
        yield
        self.end(started)


def _pause_for_tests() -> None:
    seconds = float(os.environ.get(PAUSE_ENVIRONMENT_VARIABLE) or 0)
    if seconds > 0:
        time.sleep(seconds)


def _file_name(version: ReportVersion, sha256: str) -> str:
    # The same version and content always get the same name, so that a duplicate delivery
    # finds the file already there instead of storing a second one.
    return f"reports/{version.inspection.reference}/v{version.number}-{sha256[:12]}.pdf"


def _check_result(findings: list) -> str:
    if any(finding.blocking for finding in findings):
        return PersonalDataCheck.FAILED
    return PersonalDataCheck.WARNINGS if findings else PersonalDataCheck.PASSED


def _render(version: ReportVersion) -> ReportVersion:
    stages = _Stages(version)
    draft = version.purpose == ReportPurpose.FACTUAL_ACCURACY
    with stages.run(RenderStage.COLLECTING):
        content = report_content(inspection=version.inspection)
        terms = personal_data_terms(inspection=version.inspection)
        body_html = rendering.render_body(
            content=content,
            version_number=version.number,
            draft=draft,
            publication_date=version.publication_date,
            first_published=selectors.first_published(inspection=version.inspection),
        )
        print_html = rendering.render_print_document(
            content=content, body_html=body_html, draft=draft, created=version.created_at
        )
    _pause_for_tests()
    with stages.run(RenderStage.LAYING_OUT):
        document = rendering.lay_out(print_html)
    with stages.run(RenderStage.WRITING):
        pdf = rendering.write_pdf(document)
        facts = rendering.read_pdf(pdf)
        sha256 = hashlib.sha256(pdf).hexdigest()
    with stages.run(RenderStage.CHECKING):
        # The headings laid out on each page name the section of a finding on a PDF page.
        findings = find_personal_data(
            terms=terms,
            html=body_html,
            pdf_pages=facts.page_texts,
            page_anchors=[list(page.anchors) for page in document.pages],
        )
    started = stages.begin(RenderStage.STORING)
    with transaction.atomic():
        locked = ReportVersion.objects.select_for_update().get(pk=version.pk)
        if locked.state != ReportState.RENDERING:
            # Another delivery of the same task finished first (or it was given up): its file
            # stands, and this attempt stores nothing.
            return locked
        name = _file_name(version, sha256)
        store_once(name, pdf)
        stages.end(started)
        locked.pdf.name = name
        locked.sha256 = sha256
        locked.page_count = facts.page_count
        locked.size_bytes = len(pdf)
        locked.body_html = body_html
        locked.content_digest = content.digest()
        locked.personal_data_check = _check_result(findings)
        locked.personal_data_findings = [finding.as_dict() for finding in findings]
        locked.personal_data_terms_digest = terms_digest(terms)
        locked.stages = stages.stages
        locked.current_stage = ""
        locked.state = ReportState.READY
        locked.finished_at = timezone.now()
        record_change(locked, acting_user=None, reason="Rendered and stored")
        locked.save()
        ReportJudgement.objects.filter(version=locked).delete()
        ReportJudgement.objects.bulk_create(report_judgement_rows(version=locked, content=content))
    return locked


def _record_failure(version_id: int, stage: str, error: Exception) -> ReportVersion:
    with transaction.atomic():
        version = ReportVersion.objects.select_for_update().get(pk=version_id)
        if version.state == ReportState.READY:
            return version
        label = RenderStage(stage).label if stage else "Starting"
        version.state = ReportState.FAILED
        version.error = f"{label}: {error}" if str(error) else f"{label}: {type(error).__name__}"
        version.finished_at = timezone.now()
        record_change(version, acting_user=None, reason="Render failed")
        version.save()
        return version


def _wait_for_store(version_id: int, error: StoreUnavailable) -> ReportVersion:
    """Back to the queue, the store's error recorded: `report_requeue_stuck` sends it again.

    Nothing was stored and the version never became ready, so nothing half-written can be
    published (docs/adr/0015-object-storage.md).
    """
    with transaction.atomic():
        version = ReportVersion.objects.select_for_update().get(pk=version_id)
        if version.state != ReportState.RENDERING:
            return version
        version.state = ReportState.QUEUED
        version.error = STORE_WAIT.format(error=error)
        version.attempts = 0
        version.current_stage = ""
        record_change(version, acting_user=None, reason="Render waiting for the file store")
        version.save()
        return version


def report_version_render(*, version_id: int) -> ReportVersion:
    """Render one version to PDF and store it; safe to call any number of times.

    A version already ready is left alone; two deliveries at once both render, but only the
    first to reach the (locked) storing step stores a file.
    """
    version = _claim(version_id)
    if version is None:
        return ReportVersion.objects.get(pk=version_id)
    try:
        return _render(version)
    except StoreUnavailable as error:
        logger.warning("Report version %s waits for the file store: %s", version_id, error)
        return _wait_for_store(version_id, error)
    except Exception as error:
        # Recorded on the version for the lead inspector, who can try again from its page.
        logger.exception("Rendering report version %s failed", version_id)
        current = (
            ReportVersion.objects.filter(pk=version_id)
            .values_list("current_stage", flat=True)
            .first()
        )
        return _record_failure(version_id, current or "", error)


# Publication and corrections have their own modules; their names stay importable from here.
from reports.publishing import (  # noqa: E402, F401
    CORRECTION_BEFORE_ORIGINAL,
    PUBLISH_MOVED,
    publication_slug,
    report_publish,
)
