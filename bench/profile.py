"""Where the time goes: pyinstrument profiles of a render or of a page, for when a target is missed.

    python bench/profile.py render long          # the 100-page render, in this process
    python bench/profile.py page workspace 50    # 50 requests of a page, through Django's client

Reports go to bench/results/profiles/ as text (pyinstrument's call tree). Uses the database that
`bench/run.py` prepared (BENCH_DATABASE_URL).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - the repository root must be importable first

PROFILES = common.RESULTS / "profiles"


def profile_render(role: str) -> Path:
    from django.contrib.auth import get_user_model
    from pyinstrument import Profiler

    from inspections.models import Inspection
    from integrated_inspections.celery import app as celery_app
    from reports import selectors, services
    from reports.models import ReportPurpose
    from seeding.scale import bench_inspection_references

    reference = bench_inspection_references()[f"bench_{role}"]
    inspection = Inspection.objects.get(reference=reference)
    lead = get_user_model().objects.get(username="ofsted.lead")
    # The task runs here, as soon as the request commits, instead of in a worker: the profile
    # holds the request and the whole render, without the broker.
    celery_app.conf.task_always_eager = True

    def request_and_render() -> None:
        services.report_request_render(
            acting_user=lead,
            inspection=inspection,
            purpose=ReportPurpose.FINAL,
            seen_version=selectors.newest_version_number(inspection=inspection),
        )

    request_and_render()  # warm: imports, fonts, templates
    profiler = Profiler()
    with profiler:
        request_and_render()
    return _write(profiler, f"render-{role}")


def profile_page(name: str, requests: int) -> Path:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from pyinstrument import Profiler

    from bench.load import page_targets

    targets = {target.name: target for target in page_targets()}
    target = targets[name]
    client = Client(HTTP_HOST="127.0.0.1")
    if target.user:
        client.force_login(get_user_model().objects.get(username=target.user))
    client.get(target.path, **target.django_headers())
    profiler = Profiler()
    with profiler:
        for _ in range(requests):
            response = client.get(target.path, **target.django_headers())
    print(f"{name}: HTTP {response.status_code}")
    return _write(profiler, f"page-{name}")


def _write(profiler, name: str) -> Path:
    PROFILES.mkdir(parents=True, exist_ok=True)
    path = PROFILES / f"{name}.txt"
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    print(profiler.output_text(unicode=True, color=False))
    print(f"Written to {path.relative_to(ROOT)}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    render = sub.add_parser("render")
    render.add_argument("role", choices=["long", "typical"])
    page = sub.add_parser("page")
    page.add_argument("name")
    page.add_argument("requests", type=int, nargs="?", default=50)
    args = parser.parse_args()
    cfg = common.config()
    common.setup_django(cfg, OTP_REQUIRED="0")
    if args.what == "render":
        profile_render(args.role)
    else:
        profile_page(args.name, args.requests)


if __name__ == "__main__":
    main()
