"""Celery tasks of concern referrals: thin wrappers over `referrals.services`."""

from __future__ import annotations

from celery import shared_task

from referrals import services


@shared_task(name="referrals.escalate_overdue_referrals", ignore_result=True)
def escalate_overdue_referrals() -> int:
    """Run by Celery beat: escalate referrals without a response by the end of the next
    working day, then email any escalation whose email has not gone yet (DESIGN rule 13)."""
    escalated = services.referrals_escalate_overdue()
    services.escalation_emails_send()
    return len(escalated)
