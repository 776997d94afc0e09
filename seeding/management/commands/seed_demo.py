from django.core.management.base import BaseCommand

from seeding.demo import seed_demo


class Command(BaseCommand):
    help = "Create the demo users, areas and inspections (idempotent: safe to run again)."

    def handle(self, *args, **options):
        seeded = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(seeded.people)} users (password from DEMO_PASSWORD), "
                f"inspection {seeded.inspection.reference} in {seeded.inspection.status}."
            )
        )
