"""The daily erasure of children's personal details (DESIGN rule 14), run by Celery beat."""

from __future__ import annotations

from celery import shared_task

from privacy import erasure


@shared_task(name="privacy.erase_personal_details", ignore_result=True)
def erase_personal_details() -> int:
    """Erase what is due; how many inspections had something erased. Safe to run any time, as
    often as wanted: what is erased is not erased again."""
    return len(erasure.erase_due())
