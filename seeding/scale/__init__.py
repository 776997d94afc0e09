"""A whole programme at scale, for the benchmarks (`bench/`) and their small-size test.

`scale_plan(seed=..., size=..., today=...)` decides everything as plain data (`plan.py`; the
specs in `specs.py`, areas and staff in `places.py`), deterministically: the same seed, size and
day give the same programme. `scale_write(plan)` (`write.py`) puts it in the database with
`bulk_create`, so that the full size (152 areas, five programme years, 300 published reports,
20,000 pieces of evidence, 2,000 case samples) takes
about a minute.

The areas, people and findings are made up (`words.py`), so that no real council is shown with
invented findings, and their ONS codes sit in a range (``E??8?????``) that neither real areas
nor the demo (``E??0009??``) use: `seed_demo` and `seed_scale` can share a database.

Two shortcuts, both on purpose:

- Bulk writes skip django-simple-history: the programme has no history before the seed.
- Every published report points at the same stored PDF, rendered once for real from the first
  published inspection (its SHA-256, size and page count are stored on every version). Each
  version's web page, `ReportJudgement` rows and search data are its own; only the file is shared.
"""

from seeding.scale.plan import scale_plan
from seeding.scale.seeded import (
    ALREADY_SEEDED,
    ScaleResult,
    bench_inspection_references,
    scale_already_seeded,
)
from seeding.scale.specs import FULL_SIZE, BenchRole, ScalePlan, ScaleSize, scale_size
from seeding.scale.write import SHARED_PDF_NAME, scale_write

__all__ = [
    "ALREADY_SEEDED",
    "FULL_SIZE",
    "SHARED_PDF_NAME",
    "BenchRole",
    "ScalePlan",
    "ScaleResult",
    "ScaleSize",
    "bench_inspection_references",
    "scale_already_seeded",
    "scale_plan",
    "scale_size",
    "scale_write",
]
