"""Celery tasks of the written statement of action: thin wrappers over its services."""

from __future__ import annotations

from celery import shared_task

from statements import notices


@shared_task(name="statements.remind_statements_due", ignore_result=True)
def remind_statements_due() -> int:
    """Run daily by Celery beat: emails areas that owe a statement, each email once."""
    return len(notices.statements_remind())
