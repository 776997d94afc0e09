import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from seeding.scale import scale_already_seeded, scale_plan, scale_write


class Command(BaseCommand):
    help = (
        "Fill the database with a whole programme at scale, for the benchmarks: 152 areas, five "
        "programme years, 300 published reports, 20,000 pieces of evidence and 2,000 case "
        "samples at --size 1. Deterministic for a given --seed, --size and day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2015, help="Random seed (default 2015).")
        parser.add_argument(
            "--size", type=float, default=1.0, help="Factor on every count (default 1)."
        )
        parser.add_argument(
            "--json",
            dest="as_json",
            action="store_true",
            help="Print a summary as JSON, for scripts.",
        )

    def handle(self, *args, seed: int, size: float, as_json: bool, **options):
        if size <= 0:
            raise CommandError("--size must be positive.")
        if scale_already_seeded():
            raise CommandError(
                "This database already holds a programme at scale: seed a fresh database."
            )
        plan = scale_plan(seed=seed, size=size, today=timezone.localdate())
        result = scale_write(plan)
        summary = {
            "seed": seed,
            "size": size,
            "digest": plan.digest(),
            "areas": len(plan.areas),
            "inspections": len(plan.inspections),
            "published_reports": plan.published_total,
            "evidence": plan.evidence_total,
            "case_samples": plan.case_sample_total,
            "bench_inspections": result.bench_references,
            "shared_pdf": result.shared_pdf,
            "seconds": round(result.seconds, 1),
        }
        if as_json:
            self.stdout.write(json.dumps(summary, indent=2))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Programme at scale ready in {summary['seconds']} s: {summary['areas']} areas, "
                f"{summary['inspections']} inspections, {summary['published_reports']} published "
                f"reports, {summary['evidence']} pieces of evidence, "
                f"{summary['case_samples']} case samples."
            )
        )
        for role, reference in result.bench_references.items():
            self.stdout.write(f"  {role}: {reference}")
