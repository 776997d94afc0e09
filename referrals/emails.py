"""The escalation email: the inspection's reference, the referral's number and a link, and
nothing about the child (no name, no reference, no concern), in the subject or the body."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from core.links import absolute_url
from core.text import display_name


def send_escalation(notice) -> None:
    referral = notice.referral
    context = {
        "recipient": display_name(notice.recipient),
        "role": notice.role,
        "number": referral.number,
        "inspection_reference": referral.inspection.reference,
        "due_day": referral.response_due_day,
        "link": absolute_url(referral.get_absolute_url()),
    }
    subject = render_to_string("referrals/email/escalation_subject.txt", context).strip()
    body = render_to_string("referrals/email/escalation_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [notice.email])
