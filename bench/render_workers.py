"""Renders asked for at once, finished by one Celery worker process and then by two.

The realistic report (about 40 pages) is asked for twice at once, a factual accuracy draft and
a final version (the service renders one version of each kind at a time), through
`report_request_render` and Redis to real worker processes on a queue of this run's own; timed
from the first request until both are ready. Each run alternates one worker and two so that the
machine's noise falls on both; the medians are compared: the ratio says what a second worker
buys on this machine's two cores. Printed, not a target.

    python bench/render_workers.py --json workers.json   # the database `bench/run.py` prepared
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - the repository root must be importable first
from tests.processes import Processes, own_task_queue  # noqa: E402 - as above

TIMEOUT = 300


def _batch(inspection, lead) -> float:
    """Both kinds asked for at once; seconds until both are ready."""
    from reports import selectors, services
    from reports.models import ReportPurpose, ReportState, ReportVersion

    started = common.clock()
    versions = []
    for purpose in (ReportPurpose.FACTUAL_ACCURACY, ReportPurpose.FINAL):
        versions.append(
            services.report_request_render(
                acting_user=lead,
                inspection=inspection,
                purpose=purpose,
                seen_version=selectors.newest_version_number(inspection=inspection),
            ).pk
        )
    deadline = time.monotonic() + TIMEOUT
    while True:
        states = set(ReportVersion.objects.filter(pk__in=versions).values_list("state", flat=True))
        if ReportState.FAILED in states:
            raise RuntimeError("A render failed")
        if states == {ReportState.READY}:
            return common.clock() - started
        if time.monotonic() > deadline:
            raise RuntimeError(f"Not ready after {TIMEOUT} s")
        time.sleep(0.05)


def run(repeats: int) -> dict:
    cfg = common.config()
    common.setup_django(cfg)
    from django.contrib.auth import get_user_model

    from inspections.models import Inspection
    from seeding.scale import BenchRole, bench_inspection_references

    inspection = Inspection.objects.get(reference=bench_inspection_references()[BenchRole.TYPICAL])
    lead = get_user_model().objects.get(username="ofsted.lead")
    seconds: dict[int, list[float]] = {1: [], 2: []}
    common.heading("Two renders at once: one worker against two")
    with (
        own_task_queue("bench-workers", redis_url=cfg.redis_url) as queue,
        Processes(cfg.work_dir / "workers") as processes,
    ):
        workers = [processes.celery_worker(env=common.app_env(cfg), queue=queue) for _ in (1, 2)]
        _batch(inspection, lead)  # warm both: imports, fonts, templates
        for run_number in range(repeats):
            for count in (1, 2):
                if count == 1:
                    workers[1].stop()
                seconds[count].append(round(_batch(inspection, lead), 2))
                if count == 1:
                    workers[1] = processes.celery_worker(env=common.app_env(cfg), queue=queue)
                print(f"  run {run_number + 1}, {count} worker(s): {seconds[count][-1]:.2f} s")
    one, two = statistics.median(seconds[1]), statistics.median(seconds[2])
    print(f"  median: one worker {one:.2f} s, two workers {two:.2f} s, speed-up {one / two:.2f}x")
    return {
        "renders_at_once": 2,
        "one_worker_seconds": seconds[1],
        "two_workers_seconds": seconds[2],
        "one_worker_median": one,
        "two_workers_median": two,
        "speed_up": round(one / two, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True, help="Where to write the figures.")
    parser.add_argument("--repeats", type=int, default=2, help="Measured runs of each.")
    args = parser.parse_args()
    common.write_json(args.json, run(args.repeats))


if __name__ == "__main__":
    main()
