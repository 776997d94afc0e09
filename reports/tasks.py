"""Celery tasks of the joint report: thin wrappers over `reports.services`."""

from __future__ import annotations

from celery import shared_task

from reports import services


@shared_task(
    name="reports.render_report_version",
    # Acknowledged only once the render has finished: a worker killed mid-render leaves the
    # message on the broker, and another worker renders the version (the service is idempotent).
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def render_report_version(version_id: int) -> str:
    return services.report_version_render(version_id=version_id).state


@shared_task(name="reports.requeue_stuck_report_versions", ignore_result=True)
def requeue_stuck_report_versions() -> int:
    """Run by Celery beat: versions left queued while the broker was down are sent again."""
    return len(services.report_requeue_stuck())
