"""Several processes, one programme: two web servers (gunicorn, on two ports) and Celery workers
over one PostgreSQL database, one Redis and one S3-compatible store (SeaweedFS), as production
runs (issue 19; docs/adr/0015-object-storage.md).

Through both web servers: leads sign off the LSCB judgement while it is edited (no live sign-off
ever agrees an old version), renders are asked for while a worker is killed mid-render (every
version ready exactly once, one file each), every PDF downloads the same from both, and a report
under embargo stays out of both servers' public pages, each with its own cached public state,
until its moment. `make test-processes` runs it alone.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
import time
from collections.abc import Callable

import pytest
import requests
from django.conf import settings as django_settings
from django.utils import timezone

from integrated_inspections.sessions import signed_in_session
from lscb import services as lscb_services
from lscb.models import SharedText, SharedTextStatus
from reports import services as report_services
from reports.models import ReportState, ReportVersion
from tests.conftest import require_services
from tests.integrated_inspections.browser import Browser
from tests.lscb.conftest import LEADS, save
from tests.object_store import ObjectStore, use_store
from tests.processes import Process, http_get, own_task_queue, service_env
from tests.reports.conftest import embargo, make_ready_for_publication, record_closed_round

pytestmark = [
    pytest.mark.services,
    # Committed rows: the web servers and workers are other processes.
    pytest.mark.django_db(transaction=True),
]

TIMEOUT = 120
EMBARGO_SECONDS = 12


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout} seconds waiting for {what}.")
        time.sleep(0.2)


class Stack:
    """Both web servers (`web[0]`, `web[1]`), the workers and the store of one test."""

    def __init__(self, processes, settings, store: ObjectStore, queue: str) -> None:
        self.processes = processes
        self.store = store
        self.env = service_env(
            redis_url=settings.REDIS_URL,
            media_root=settings.MEDIA_ROOT,
            **store.env(),
            CELERY_TASK_DEFAULT_QUEUE=queue,
            CELERY_VISIBILITY_TIMEOUT="2",
            # Each web server remembers the public state for 2 s, as in production.
            PUBLIC_STATE_SECONDS="2",
        )
        self.queue = queue
        self.web = [processes.gunicorn(env=self.env) for _ in range(2)]
        for server in self.web:
            _wait_for(lambda s=server: self._healthy(s), "a web server to answer", timeout=60)

    @staticmethod
    def _healthy(server: Process) -> bool:
        try:
            status, _ = http_get(f"http://127.0.0.1:{server.port}/healthz", timeout=2)
        except OSError:
            return False
        return status == 200

    def base(self, index: int) -> str:
        return f"http://127.0.0.1:{self.web[index].port}"

    def browser(self, index: int, user) -> Browser:
        browser = Browser(self.base(index))
        browser.http.cookies.set(django_settings.SESSION_COOKIE_NAME, signed_in_session(user))
        return browser

    def worker(self, **extra_env: str) -> Process:
        return self.processes.celery_worker(env={**self.env, **extra_env}, queue=self.queue)


@pytest.fixture
def stack(settings, processes, tmp_path):
    require_services(postgres=True, redis=True)
    store = ObjectStore(processes, tmp_path / "store").start()
    use_store(settings, store, "")
    with own_task_queue("several-processes", redis_url=settings.REDIS_URL) as queue:
        yield Stack(processes, settings, store, queue)


def _sign_through(browser: Browser, reference: str, code: str, version: int) -> int:
    page = f"/inspections/{reference}/shared/lscb/"
    action = f"/inspections/{reference}/shared/lscb/sign/{code}/"
    data = browser.form(page, action)
    data.update({f"{code}-decision": "agree", f"{code}-version_number": str(version)})
    return browser.post(action, data).status_code


def _assert_no_live_sign_off_names_an_old_version(shared_text: SharedText) -> None:
    shared_text.refresh_from_db()
    live = list(shared_text.sign_offs.filter(voided_at=None))
    assert all(s.version_number == shared_text.current_version for s in live), [
        (s.inspectorate_id, s.version_number, shared_text.current_version) for s in live
    ]


def _sign_offs_through_both(stack: Stack, inspection, people) -> None:
    """Leads sign version 1 through both servers while it is edited to version 2."""
    text = save(people, inspection, expected_version=0)
    text = lscb_services.shared_text_circulate(
        acting_user=people["ofsted.lead"], shared_text=text, seen_version=1
    )
    browsers = {
        code: stack.browser(index % 2, people[username])
        for index, (code, username) in enumerate(LEADS.items())
    }
    barrier = threading.Barrier(len(browsers) + 1)
    answers: dict[str, int] = {}

    def sign(code: str) -> None:
        barrier.wait()
        answers[code] = _sign_through(browsers[code], inspection.reference, code, 1)

    threads = [threading.Thread(target=sign, args=(code,)) for code in browsers]
    for thread in threads:
        thread.start()
    barrier.wait()
    save(people, inspection, expected_version=1, body="Version 2: edited while leads signed.")
    for thread in threads:
        thread.join(timeout=60)
    assert set(answers.values()) <= {302, 400}, answers
    _assert_no_live_sign_off_names_an_old_version(text)

    # Then every lead agrees the version they now see, through either server, and it is agreed.
    text.refresh_from_db()
    if text.status == SharedTextStatus.DRAFT:
        lscb_services.shared_text_circulate(
            acting_user=people["ofsted.lead"], shared_text=text, seen_version=text.current_version
        )
    for code, browser in browsers.items():
        text.refresh_from_db()
        assert _sign_through(browser, inspection.reference, code, text.current_version) == 302
    _assert_no_live_sign_off_names_an_old_version(text)
    lscb_services.shared_text_finalise(
        acting_user=people["ofsted.lead"], shared_text=text, seen_version=text.current_version
    )


def _request_render(browser: Browser, reference: str, **choices: str) -> None:
    page = f"/inspections/{reference}/report/"
    data = browser.form(page)
    data.update(choices)
    response = browser.post(page, data)
    assert response.status_code == 302, response.text[:2000]


def _state(version: ReportVersion) -> str:
    version.refresh_from_db()
    return version.state


def _renders_through_both(stack: Stack, inspection, people) -> list[ReportVersion]:
    """A draft asked for through one server, its worker killed mid-render; a final through the
    other. Each is ready exactly once, with one file in the store."""
    lead = people["ofsted.lead"]
    paused = stack.worker(**{report_services.PAUSE_ENVIRONMENT_VARIABLE: "60"})
    _request_render(stack.browser(0, lead), inspection.reference, purpose="factual_accuracy")
    draft = ReportVersion.objects.get(inspection=inspection, number=1)
    _wait_for(lambda: _state(draft) == ReportState.RENDERING and draft.stages, "the first render")
    paused.kill()
    # Its message goes back to the queue once the visibility timeout (2 s) has passed: the
    # workers started after that find it.
    time.sleep(3)
    stack.worker()
    stack.worker()
    _wait_for(lambda: _state(draft) == ReportState.READY, "the draft, rendered again")
    record_closed_round(inspection, people, draft)
    _request_render(
        stack.browser(1, lead), inspection.reference, purpose="final", publish_when="when_ready"
    )
    final = ReportVersion.objects.get(inspection=inspection, number=2)
    _wait_for(lambda: _state(final) in (ReportState.READY, ReportState.FAILED), "the final")
    versions = [draft, final]
    for version in versions:
        assert version.state == ReportState.READY, version.error
        rendered = version.history.filter(history_change_reason="Rendered and stored")
        assert rendered.count() == 1
    # Picked up again after the kill (with a 2 s visibility timeout the second worker may find
    # the message too while the first renders it: rendered and stored once all the same).
    assert draft.attempts >= 2
    stored = stack.store.objects("reports")
    assert sorted(stored) == sorted(v.pdf.name.removeprefix("reports/") for v in versions)
    for version in versions:
        content = stored[version.pdf.name.removeprefix("reports/")]
        assert hashlib.sha256(content).hexdigest() == version.sha256
        for index in (0, 1):
            address = f"/inspections/{inspection.reference}/report/versions/{version.number}.pdf"
            answer = stack.browser(index, lead).http.get(
                f"{stack.base(index)}{address}", timeout=60
            )
            assert answer.status_code == 200
            assert hashlib.sha256(answer.content).hexdigest() == version.sha256
    return versions


def _embargo_holds_on_both(stack: Stack, inspection, people, final: ReportVersion) -> None:
    """Published under an embargo: neither server shows it early, both show it on time, the
    PDF with the same ETag from each."""
    for index in (0, 1):  # each server reads (and remembers) the public state before
        assert requests.get(f"{stack.base(index)}/reports/", timeout=30).status_code == 200
    publish_at = timezone.now() + datetime.timedelta(seconds=EMBARGO_SECONDS)
    embargo(final, publish_at)
    publication = report_services.report_publish(
        acting_user=people["ofsted.lead"], inspection=inspection, seen_version=final.number
    )
    addresses = [publication.get_absolute_url(), publication.get_pdf_url()]
    early = 0
    while timezone.now() < publish_at - datetime.timedelta(seconds=1):
        for index in (0, 1):
            for address in addresses:
                answer = requests.get(f"{stack.base(index)}{address}", timeout=30)
                if timezone.now() < publish_at:
                    assert answer.status_code == 404, (index, address, answer.status_code)
                    early += 1
            listing = requests.get(f"{stack.base(index)}/reports/", timeout=30).text
            if timezone.now() < publish_at:
                assert publication.slug not in listing
        time.sleep(0.5)
    assert early
    time.sleep(max(0.0, (publish_at - timezone.now()).total_seconds()) + 0.2)
    etags = []
    for index in (0, 1):
        page = requests.get(f"{stack.base(index)}{addresses[0]}", timeout=30)
        assert page.status_code == 200
        pdf = requests.get(f"{stack.base(index)}{addresses[1]}", timeout=30)
        assert pdf.status_code == 200
        assert hashlib.sha256(pdf.content).hexdigest() == final.sha256
        etags.append(pdf.headers["ETag"])
        again = requests.get(
            f"{stack.base(index)}{addresses[1]}", headers={"If-None-Match": etags[-1]}, timeout=30
        )
        assert again.status_code == 304
    assert etags == [f'"{final.sha256}"'] * 2


def test_two_web_servers_and_several_workers_share_one_programme(stack, inspection, people):
    _sign_offs_through_both(stack, inspection, people)
    inspection = make_ready_for_publication(inspection, people, lscb=False)
    _draft, final = _renders_through_both(stack, inspection, people)
    _embargo_holds_on_both(stack, inspection, people, final)
