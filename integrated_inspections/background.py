"""Tasks without a broker: the embedded demo's background executor (`make run` without Redis).

With no `REDIS_URL` there is no Celery worker, and a task run inside the request that queued it
kept the lead inspector's page waiting for the whole render (about 10 s) and never showed its
progress. Instead, with `TASKS_IN_BACKGROUND` (on by default without Redis), a task sent with
`delay` or `apply_async` runs in this web process's one background thread, one task at a time,
as a worker with one process would: the request answers at once and the version page shows the
render's stages as they happen. The task runs exactly as a worker runs it (`Task.apply`); its
database connection is its own and is closed after each task.

Production and CI use Redis and real workers; tests without Redis keep running tasks in the
request (pytest sets `TASKS_IN_BACKGROUND=0`) where a test needs the result at once.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from celery import Task

logger = logging.getLogger(__name__)

# One thread: renders queue behind each other, as on a worker with one process, so the demo's
# SQLite database has one background writer at a time.
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="background-task")


def _run(task: Task, args: tuple, kwargs: dict) -> Any:
    from django.db import close_old_connections, connection

    close_old_connections()
    try:
        return task.apply(args=args, kwargs=kwargs).get(propagate=False)
    except Exception:
        logger.exception("Background task %s failed", task.name)
        raise
    finally:
        connection.close()


def submit(task: Task, args: tuple, kwargs: dict) -> Future:
    """Run `task` in the background thread; the caller does not wait for it."""
    return _executor.submit(_run, task, tuple(args), dict(kwargs))
