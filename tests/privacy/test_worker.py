"""The erasure task, as Celery beat sends it, done by a real worker process over a real Redis
against the test database."""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from inspections.models import CaseSample, Inspection, InspectionStatus, LocalAuthority
from privacy.models import ErasureRecord
from privacy.tasks import erase_personal_details
from reports.models import Publication, ReportPurpose, ReportState, ReportVersion
from tests.conftest import require_services
from tests.processes import own_task_queue, service_env

pytestmark = [
    pytest.mark.services,
    # Committed rows, so that the worker (another process) sees them.
    pytest.mark.django_db(transaction=True),
]

TIMEOUT = 60


def _published_long_ago(inspection: Inspection, people) -> Inspection:
    """An inspection published 400 days ago (more than the 365 kept by default)."""
    start = timezone.localdate() - datetime.timedelta(days=500)
    published = Inspection.objects.create(
        reference="INT-TEST-ERASE",
        local_authority=LocalAuthority.objects.get(name="Dunmore"),
        kind=inspection.kind,
        framework_key=inspection.framework_key,
        window_start=start,
        window_end=start + datetime.timedelta(days=20),
        status=InspectionStatus.PUBLISHED,
    )
    version = ReportVersion.objects.create(
        inspection=published,
        number=1,
        purpose=ReportPurpose.FINAL,
        state=ReportState.READY,
        sha256="0" * 64,
        requested_by=people["ofsted.lead"],
    )
    moment = timezone.now() - datetime.timedelta(days=400)
    Publication.objects.create(
        inspection=published,
        report_version=version,
        slug="dunmore-test",
        publish_at=moment,
        published_at=moment,
        published_by=people["ofsted.lead"],
    )
    CaseSample.objects.create(
        inspection=published,
        internal_reference="DUN-T01",
        tracking="tracked",
        age_band="5_9",
        child_name="Ottoline Brackwater",
        date_of_birth=start - datetime.timedelta(days=7 * 366),
        carers="Ambrose Kettleby",
    )
    return published


def test_a_worker_erases_what_is_due_when_the_task_is_sent(inspection, people, settings, processes):
    require_services(postgres=True, redis=True)
    published = _published_long_ago(inspection, people)
    with own_task_queue("privacy-test", redis_url=settings.REDIS_URL) as queue:
        env = service_env(redis_url=settings.REDIS_URL, media_root=settings.MEDIA_ROOT)
        worker = processes.celery_worker(env=env, queue=queue)
        erase_personal_details.delay()
        deadline = time.monotonic() + TIMEOUT
        while not ErasureRecord.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    assert ErasureRecord.objects.filter(inspection=published).count() == 1, worker.tail()
    case = CaseSample.objects.get(inspection=published)
    assert (case.child_name, case.date_of_birth, case.carers) == ("", None, "")
    assert case.internal_reference == "DUN-T01" and case.age_band == "5_9"
    # The worker's log says what it did by reference, and names no child.
    log = worker.output()
    assert "Erased children's personal details on INT-TEST-ERASE (case samples: 1)." in log
    assert "Ottoline" not in log and "Ambrose" not in log
