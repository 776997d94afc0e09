"""Emails to inspectorate leads about shared text awaiting their sign-off.

Messages are written inside the service's transaction, so they describe exactly what it
committed, and sent only after the commit: a rolled-back change never emails anyone. Sending
goes through Django's email framework, so the backend (console, SMTP, ...) is settings alone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string

from core.links import absolute_url
from core.text import display_name
from inspections.models import Participation
from lscb.models import SharedText

logger = logging.getLogger(__name__)

CIRCULATED_SUBJECT = "{reference}: the {kind} is ready for your sign-off (version {version})"
VOIDED_SUBJECT = "{reference}: your sign-off on the {kind} is void"


def _leads(shared_text: SharedText, inspectorate_ids: Iterable[int] | None) -> list[Participation]:
    participations = shared_text.inspection.participations.select_related(
        "inspectorate", "lead"
    ).filter(lead__isnull=False)
    if inspectorate_ids is not None:
        participations = participations.filter(inspectorate_id__in=list(inspectorate_ids))
    return [p for p in participations if p.lead.email]


def _send_after_commit(messages: list[EmailMessage]) -> None:
    if not messages:
        return

    def send() -> None:
        # One message per lead, so that no lead sees another's address.
        get_connection().send_messages(messages)

    # robust: a mail server that is down must not turn a committed sign-off into an error page.
    transaction.on_commit(send, robust=True)


def _message(*, template: str, subject: str, context: dict, to: str) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )


def _context(shared_text: SharedText, participation: Participation, acting_user) -> dict:
    inspection = shared_text.inspection
    return {
        "lead_name": display_name(participation.lead),
        "inspectorate": participation.inspectorate.name,
        "acting_user": display_name(acting_user),
        "kind": shared_text.name,
        "version": shared_text.current_version,
        "reference": inspection.reference,
        "area": inspection.local_authority.name,
        "url": absolute_url(shared_text.get_absolute_url()),
    }


def notify_circulated(*, shared_text: SharedText, acting_user: AbstractBaseUser) -> None:
    """Tell every participating inspectorate's lead that the text awaits their sign-off."""
    messages = [
        _message(
            template="lscb/email/circulated.txt",
            subject=CIRCULATED_SUBJECT.format(
                reference=shared_text.inspection.reference,
                kind=shared_text.name,
                version=shared_text.current_version,
            ),
            context=_context(shared_text, participation, acting_user),
            to=participation.lead.email,
        )
        for participation in _leads(shared_text, None)
    ]
    _send_after_commit(messages)


def notify_sign_offs_voided(
    *,
    shared_text: SharedText,
    acting_user: AbstractBaseUser,
    voided: dict[int, int],
    why: str,
) -> None:
    """Tell the leads whose sign-off was made void, and why.

    `voided` maps inspectorate id to the version number the void sign-off was on.
    """
    if not voided:
        return
    messages = []
    for participation in _leads(shared_text, voided.keys()):
        context = _context(shared_text, participation, acting_user)
        context.update(signed_version=voided[participation.inspectorate_id], why=why)
        messages.append(
            _message(
                template="lscb/email/sign_off_voided.txt",
                subject=VOIDED_SUBJECT.format(
                    reference=shared_text.inspection.reference, kind=shared_text.name
                ),
                context=context,
                to=participation.lead.email,
            )
        )
    _send_after_commit(messages)
