import gc
import os

from celery import Celery, Task
from celery.signals import task_postrun, worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrated_inspections.settings")


class ServiceTask(Task):
    """A Celery task that, without a broker (`TASKS_IN_BACKGROUND`), runs in the web process's
    background thread instead of inside the request (integrated_inspections/background.py)."""

    def apply_async(self, args=None, kwargs=None, **options):
        from django.conf import settings

        if getattr(settings, "TASKS_IN_BACKGROUND", False):
            from integrated_inspections.background import submit

            return submit(self, args or (), kwargs or {})
        return super().apply_async(args, kwargs, **options)


app = Celery("integrated_inspections", task_cls=ServiceTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# A render builds hundreds of thousands of short-lived objects, and Python's cyclic garbage
# collector walks every long-lived one (Django, the app, WeasyPrint and its fonts) each time it
# runs a full collection: about a fifteenth of a render's time (bench/README.md, fix 13). In a
# worker, what exists once the rendering code is loaded, and what is left after its first task
# (the caches a render fills), is moved out of the collector's way (`gc.freeze`). Only once:
# what a frozen object points to is never collected, so later tasks' leftovers are not frozen.
_IN_WORKER = {"yes": False, "first_task_done": False}


@worker_init.connect
@worker_process_init.connect
def _freeze_what_the_worker_starts_with(**kwargs) -> None:
    import weasyprint  # noqa: F401 - loaded before freezing: every render needs it

    import reports.rendering  # noqa: F401 - the same

    _IN_WORKER["yes"] = True
    gc.collect()
    gc.freeze()


@task_postrun.connect
def _freeze_what_the_first_task_leaves(**kwargs) -> None:
    # After the task has finished (a render is already `ready`), not on its way there.
    if _IN_WORKER["yes"] and not _IN_WORKER["first_task_done"]:
        _IN_WORKER["first_task_done"] = True
        gc.collect()
        gc.freeze()
