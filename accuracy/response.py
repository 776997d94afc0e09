"""The response document for the area: every comment, its section, kind, lateness, disposition
and reason, rendered to a tagged PDF by the worker once the round closes.

Stored through Django's default storage with its SHA-256, under a name made from the round and
the digest, so a task delivered twice stores one file.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string

from accuracy import selectors
from accuracy.models import FactualAccuracyRound, ResponseState
from core.models import record_change
from core.storage import StoreUnavailable, store_once
from reports.rendering import PDF_OPTIONS

logger = logging.getLogger(__name__)


def response_html(round_: FactualAccuracyRound) -> str:
    names = selectors.inspectorate_names(inspection=round_.inspection)
    return render_to_string(
        "accuracy/response_print.html",
        {
            "round": round_,
            "inspection": round_.inspection,
            "groups": selectors.comments_by_section(round_, names),
            "links": selectors.round_links(round_),
        },
    )


STYLESHEET = "css/accuracy_response.css"


def _pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    path = finders.find(STYLESHEET)
    if path is None:
        raise FileNotFoundError(f"The stylesheet {STYLESHEET} is missing.")
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=path)], **PDF_OPTIONS
    )


def response_render(*, round_id: int) -> FactualAccuracyRound:
    """Render and store the response document; safe to call any number of times."""
    round_ = FactualAccuracyRound.objects.select_related(
        "inspection__local_authority", "report_version", "closed_by"
    ).get(pk=round_id)
    if round_.response_state == ResponseState.READY or round_.is_open:
        return round_
    try:
        pdf = _pdf(response_html(round_))
    except Exception as error:
        logger.exception("The response document of round %s failed", round_id)
        with transaction.atomic():
            locked = FactualAccuracyRound.objects.select_for_update().get(pk=round_id)
            if locked.response_state != ResponseState.READY:
                locked.response_state = ResponseState.FAILED
                locked.response_error = str(error) or type(error).__name__
                record_change(locked, acting_user=None, reason="Response document failed")
                locked.save()
            return locked
    sha256 = hashlib.sha256(pdf).hexdigest()
    name = f"accuracy/{round_.inspection.reference}/round-{round_.pk}-response-{sha256[:12]}.pdf"
    try:
        return _store(round_id, name, pdf, sha256)
    except StoreUnavailable as error:
        # Stays queued with the store's error: `responses_requeue_stuck` sends it again.
        logger.warning("The response document of round %s waits for the store", round_id)
        with transaction.atomic():
            locked = FactualAccuracyRound.objects.select_for_update().get(pk=round_id)
            if locked.response_state == ResponseState.QUEUED:
                locked.response_error = str(error)
                record_change(locked, acting_user=None, reason="Waiting for the file store")
                locked.save()
            return locked


@transaction.atomic
def _store(round_id: int, name: str, pdf: bytes, sha256: str) -> FactualAccuracyRound:
    locked = FactualAccuracyRound.objects.select_for_update().get(pk=round_id)
    if locked.response_state != ResponseState.READY:
        store_once(name, pdf)
        locked.response_pdf.name = name
        locked.response_sha256 = sha256
        locked.response_state = ResponseState.READY
        locked.response_error = ""
        record_change(locked, acting_user=None, reason="Response document rendered")
        locked.save()
    return locked
