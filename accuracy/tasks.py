"""Celery tasks of the factual accuracy round: thin wrappers over the services."""

from __future__ import annotations

from celery import shared_task

from accuracy import response, services


@shared_task(
    name="accuracy.render_response",
    # Acknowledged once rendered: a worker lost mid-render leaves it for another (idempotent).
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def render_response(round_id: int) -> str:
    return response.response_render(round_id=round_id).response_state


@shared_task(name="accuracy.send_reminders", ignore_result=True)
def send_reminders() -> int:
    """Run by Celery beat: remind contacts who have not answered, two working days before."""
    return len(services.reminders_send())


@shared_task(name="accuracy.requeue_stuck_responses", ignore_result=True)
def requeue_stuck_responses() -> int:
    """Run by Celery beat: response documents left queued while the broker was down."""
    return len(services.responses_requeue_stuck())
