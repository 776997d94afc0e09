"""The contacts' emails: their personal link, and a reminder before the deadline.

Sent through Django's email framework with absolute links (`core.links`). The subject and body
name the area and the inspection, never a child: a case-sampled child's details are not in the
draft either (the personal-data check passed before it was sent).
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from accuracy.links import token_for
from accuracy.models import AccuracyLink
from core.links import absolute_url

logger = logging.getLogger(__name__)

SUBJECT = "Factual accuracy check: draft joint inspection report for {area}"
REMINDER_SUBJECT = "Reminder: comments on the draft joint inspection report for {area} are due"


def contact_url(link: AccuracyLink) -> str:
    return absolute_url(reverse("accuracy_contact:draft", args=[token_for(link)]))


def send_links(link_ids: list[int], *, reminder: bool = False) -> int:
    """One email to each link's contact; returns how many were sent."""
    sent = 0
    links = AccuracyLink.objects.select_related(
        "round__inspection__local_authority", "round__report_version", "contact__partner_body"
    ).filter(pk__in=link_ids)
    for link in links.order_by("pk"):
        area = link.round.inspection.local_authority.name
        body = render_to_string(
            "accuracy/email_link.txt",
            {"link": link, "url": contact_url(link), "area": area, "reminder": reminder},
        )
        subject = (REMINDER_SUBJECT if reminder else SUBJECT).format(area=area)
        try:
            sent += EmailMessage(subject, body, to=[link.contact.email]).send()
        except OSError:
            # The link stands and the lead inspector can send a new one from the round's page.
            logger.exception("Email to the contact of link %s failed", link.pk)
    return sent
