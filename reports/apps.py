import logging

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Joint reports"

    def ready(self) -> None:
        # WeasyPrint logs every layout step at INFO; a worker's log should show tasks, not pages.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
