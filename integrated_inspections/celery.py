import os

from celery import Celery, Task

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
