"""The programme at scale, seeded small, for the benchmarks' tests."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

SIZE = 0.01
SEED = 7


@pytest.fixture
def scale(seeded) -> dict:
    """The demo, then the programme at scale beside it, as `make bench` seeds them; the
    command's summary (counts, the benchmark inspections' references, the shared PDF)."""
    output = StringIO()
    call_command("seed_scale", size=SIZE, seed=SEED, as_json=True, stdout=output)
    return json.loads(output.getvalue())
