"""The response document, rendered by a real Celery worker process over Redis once the lead
inspector closes the round, against the test database."""

from __future__ import annotations

import hashlib
import time

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from accuracy import links, services
from accuracy.models import CommentKind, FactualAccuracyRound, Outcome, ResponseState
from inspections import demo
from reports.rendering import read_pdf
from tests.accuracy.conftest import Ready, draft_ready, send
from tests.conftest import require_services
from tests.processes import own_task_queue, service_env

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

TIMEOUT = 90


def test_closing_the_round_has_a_worker_render_the_response_document(
    settings, processes, client_for
):
    require_services(postgres=True, redis=True)
    seeded = demo.seed()
    inspection = draft_ready(seeded)
    lead = seeded.people["ofsted.lead"]
    round_ = send(Ready(inspection=inspection, people=seeded.people))
    first, second = round_.links.order_by("pk")
    comment = services.comment_add(
        token=links.token_for(first),
        section_key="inspectorate-cqc",
        kind=CommentKind.MISSING_EVIDENCE,
        text="The health visiting audit of March is not mentioned.",
        proposed_change="Add the March audit to the findings.",
    )
    services.comment_dispose(
        acting_user=seeded.people["cqc.lead"],
        comment=comment,
        outcome=Outcome.PARTLY_ACCEPTED,
        change_made="The audit is now mentioned.",
        reason="Its results came after the fieldwork.",
        seen_version=0,
    )
    services.no_comments_record(token=links.token_for(second))
    with own_task_queue("accuracy-test", redis_url=settings.REDIS_URL) as queue:
        env = service_env(redis_url=settings.REDIS_URL, media_root=settings.MEDIA_ROOT)
        processes.celery_worker(env=env, queue=queue)
        response = client_for("ofsted.lead").post(
            f"/inspections/{inspection.reference}/factual-accuracy/close/"
        )
        assert response.status_code == 302
        deadline = time.monotonic() + TIMEOUT
        round_ = FactualAccuracyRound.objects.get(pk=round_.pk)
        while round_.response_state == ResponseState.QUEUED and time.monotonic() < deadline:
            time.sleep(0.3)
            round_.refresh_from_db()
    assert round_.closed_by == lead
    assert round_.response_state == ResponseState.READY, round_.response_error
    with default_storage.open(round_.response_pdf.name, "rb") as stored:
        pdf = stored.read()
    assert hashlib.sha256(pdf).hexdigest() == round_.response_sha256
    text = " ".join(" ".join(read_pdf(pdf).page_texts).split())
    for expected in (
        "Response to the factual accuracy comments: Ashdown",
        "The health visiting audit of March is not mentioned.",
        "Missing evidence",
        "Partly accepted",
        "Its results came after the fieldwork.",
        "No comments",
    ):
        assert expected in text, expected
    # The team and the contact (through their link) download it.
    download = client_for("cqc.inspector").get(
        f"/inspections/{inspection.reference}/factual-accuracy/rounds/{round_.pk}/response.pdf"
    )
    assert b"".join(download.streaming_content) == pdf
    contact = Client().get(reverse("accuracy_contact:response_pdf", args=[links.token_for(first)]))
    assert b"".join(contact.streaming_content) == pdf
