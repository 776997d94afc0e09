from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from inspections import demo

# Each app that has demo data of its own adds it on top of the inspections' demo, in this order.
APP_DEMOS = ["judgements.demo", "lscb.demo", "reports.demo", "selection.demo"]


class Command(BaseCommand):
    help = "Create the demo users, areas and inspections (idempotent: safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            seeded = demo.seed()
            for module_name in APP_DEMOS:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as error:
                    if error.name != module_name:
                        raise
                    continue
                module.seed(seeded)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(seeded.people)} users (password from DEMO_PASSWORD), "
                f"inspection {seeded.inspection.reference} in {seeded.inspection.status}."
            )
        )
