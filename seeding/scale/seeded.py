"""What a seeded database holds: whether the programme at scale is there, where the benchmark
inspections are, and what one `scale_write` wrote."""

from __future__ import annotations

from dataclasses import dataclass

from inspections.models import Inspection, InspectionStatus, LocalAuthority
from seeding.scale.specs import AREA_TYPES, ONS_NUMBER_BASE, BenchRole, ScalePlan

ALREADY_SEEDED = (
    "This database already holds a programme at scale: seed a fresh database, or drop this one."
)


@dataclass(frozen=True)
class ScaleResult:
    """What was written, and where the benchmarks find their inspections."""

    plan: ScalePlan
    bench_references: dict[str, str]
    published_slugs: list[str]
    shared_pdf: str
    seconds: float


def scale_already_seeded() -> bool:
    return LocalAuthority.objects.filter(ons_code__regex=r"^E\d\d8\d{5}$").exists()


def bench_inspection_references() -> dict[str, str]:
    """The benchmark inspections' references in a seeded database, by role."""
    references = {}
    for position, role in enumerate(BenchRole.ALL):
        prefix = AREA_TYPES[0][0]
        inspection = (
            Inspection.objects.filter(
                local_authority__ons_code=f"{prefix}{ONS_NUMBER_BASE + position:06d}"
            )
            .exclude(status__in=(InspectionStatus.PUBLISHED, InspectionStatus.WITHDRAWN))
            .first()
        )
        if inspection is not None:
            references[role] = inspection.reference
    return references
