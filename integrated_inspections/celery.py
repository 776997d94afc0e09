import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrated_inspections.settings")

app = Celery("integrated_inspections")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
