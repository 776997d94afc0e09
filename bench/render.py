"""Render cost: WeasyPrint alone, the whole path through a real worker, and Chromium.

For the long report (about 100 pages: the benchmark inspection with long findings) and a realistic
one (about 40 pages), in one run:

(a) WeasyPrint alone turns the report's print HTML into a PDF, in this process, with the same
    stylesheets and options the worker uses;
(b) the whole path: the lead inspector's render request through `report_request_render`, the task
    through Redis to a real Celery worker process, the PDF stored and the version `ready`, timed
    from the request until this process reads `ready` from the database;
(c) Debian's Chromium prints the same HTML (with the same stylesheets inlined) to PDF, headless.

Each run alternates (a) and (b) so that the machine's noise falls on both; the medians are
compared. Targets: (b)/(a) at most 1.05 for each report; our PDF at most a fifth of Chromium's;
the 40-page report ready within 10 s of the request.

    python bench/render.py --json render.json   # needs the database `bench/run.py` prepared
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - the repository root must be importable first
from tests.processes import Processes, own_task_queue  # noqa: E402 - as above

WHOLE_PATH_TIMEOUT = 300
POLL_SECONDS = 0.02
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TARGET_WHOLE_PATH_RATIO = 1.05
TARGET_SIZE_RATIO = 0.20
TARGET_TYPICAL_READY_SECONDS = 10.0


def whole_path(inspection, lead) -> dict:
    """(b): request to `ready`, through the service, Redis and the worker."""
    from reports import selectors, services
    from reports.models import ReportPurpose, ReportState, ReportVersion

    started = common.clock()
    version = services.report_request_render(
        acting_user=lead,
        inspection=inspection,
        purpose=ReportPurpose.FINAL,
        seen_version=selectors.newest_version_number(inspection=inspection),
    )
    deadline = time.monotonic() + WHOLE_PATH_TIMEOUT
    while True:
        state = ReportVersion.objects.filter(pk=version.pk).values_list("state", flat=True)[0]
        if state in (ReportState.READY, ReportState.FAILED):
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"Version {version.number} not ready after {WHOLE_PATH_TIMEOUT} s")
        time.sleep(POLL_SECONDS)
    seconds = common.clock() - started
    version.refresh_from_db()
    if version.state != ReportState.READY:
        raise RuntimeError(f"The render failed: {version.error}")
    return {
        "version": version,
        "seconds": seconds,
        "bytes": version.size_bytes,
        "pages": version.page_count,
        "queued_seconds": (version.started_at - version.created_at).total_seconds(),
        "stages": {stage["stage"]: stage["seconds"] for stage in version.stages},
    }


def print_html(version) -> str:
    """The print document the worker rendered for this version, rebuilt from what it stored."""
    from reports import rendering
    from reports.content import report_content

    return rendering.render_print_document(
        content=report_content(inspection=version.inspection),
        body_html=version.body_html,
        draft=False,
        created=version.created_at,
    )


def weasyprint_alone(html: str) -> dict:
    """(a): WeasyPrint's own API, the same stylesheets and PDF options as the worker."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    from reports import rendering

    # Every print stylesheet the worker lays the report out with (reports/rendering.py), parsed
    # anew each time as the worker does: before issue 19 only the last of the three was given,
    # so (a) styled less than (b) and the ratio read high.
    stylesheets = [finders.find(name) for name in rendering.PRINT_STYLESHEETS]
    started = common.clock()
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=path) for path in stylesheets], **rendering.PDF_OPTIONS
    )
    return {"seconds": common.clock() - started, "bytes": len(pdf)}


def chromium_print(html: str, work_dir: Path) -> dict:
    """(c): Debian's Chromium printing the same HTML, its stylesheets inlined, headless."""
    import subprocess

    from django.contrib.staticfiles import finders
    from pypdf import PdfReader

    from reports import rendering

    chromium = common.require_tool("chromium")
    css = "\n".join(Path(finders.find(name)).read_text() for name in rendering.PRINT_STYLESHEETS)
    source = work_dir / "chromium-input.html"
    source.write_text(html.replace("</head>", f"<style>\n{css}\n</style>\n</head>", 1))
    output = work_dir / "chromium-output.pdf"
    output.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir) as profile:
        started = common.clock()
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={output}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        seconds = common.clock() - started
    return {
        "seconds": seconds,
        "bytes": output.stat().st_size,
        "pages": len(PdfReader(output).pages),
    }


def measure_report(label: str, inspection, lead, work_dir: Path, repeats: int) -> dict:
    common.heading(f"Render: {label} ({inspection.reference})")
    warm = whole_path(inspection, lead)  # warms the worker: imports, fonts, templates
    html = print_html(warm["version"])
    weasyprint_alone(html)  # warms this process the same way
    print(f"warm-up: {warm['pages']} pages, whole path {warm['seconds']:.2f} s", flush=True)
    alone, whole = [], []
    for run in range(repeats):
        # Alternate the order, so that neither side always runs on the busier moment.
        if run % 2 == 0:
            alone.append(weasyprint_alone(html))
            whole.append(whole_path(inspection, lead))
        else:
            whole.append(whole_path(inspection, lead))
            alone.append(weasyprint_alone(html))
        print(
            f"run {run + 1}: (a) WeasyPrint alone {alone[-1]['seconds']:.2f} s, "
            f"(b) whole path {whole[-1]['seconds']:.2f} s "
            f"(stages {_stages(whole[-1]['stages'])}; queued {whole[-1]['queued_seconds']:.2f} s)",
            flush=True,
        )
    chromium = chromium_print(html, work_dir)
    a = common.median([r["seconds"] for r in alone])
    b = common.median([r["seconds"] for r in whole])
    ours = whole[-1]["bytes"]
    result = {
        "reference": inspection.reference,
        "pages": whole[-1]["pages"],
        "runs": repeats,
        "weasyprint_alone_seconds": [round(r["seconds"], 3) for r in alone],
        "whole_path_seconds": [round(r["seconds"], 3) for r in whole],
        "whole_path_stages": [r["stages"] for r in whole],
        "queued_seconds": [round(r["queued_seconds"], 3) for r in whole],
        "weasyprint_alone_median": round(a, 3),
        "whole_path_median": round(b, 3),
        "whole_path_ratio": round(common.ratio(b, a), 3),
        "our_pdf_bytes": ours,
        "weasyprint_alone_bytes": alone[-1]["bytes"],
        "chromium_seconds": round(chromium["seconds"], 3),
        "chromium_bytes": chromium["bytes"],
        "chromium_pages": chromium["pages"],
        "size_ratio": round(common.ratio(ours, chromium["bytes"]), 3),
    }
    print(
        common.table(
            [
                ("(a) WeasyPrint alone", f"{a:.2f} s", f"{alone[-1]['bytes'] / 1024:.0f} KiB", ""),
                (
                    "(b) whole path to ready",
                    f"{b:.2f} s",
                    f"{ours / 1024:.0f} KiB",
                    f"(b)/(a) = {result['whole_path_ratio']:.2f}",
                ),
                (
                    "(c) Chromium headless",
                    f"{chromium['seconds']:.2f} s",
                    f"{chromium['bytes'] / 1024:.0f} KiB",
                    f"ours/Chromium size = {result['size_ratio']:.2f}",
                ),
            ],
            ["", "time (median)", "PDF size", "ratio"],
        ),
        flush=True,
    )
    return result


def check_costs(version) -> dict:
    """Reading the text back, before and after its fix, on the same PDF in the same run (pypdf,
    as before, against PDFium), and the personal-data check's time on that PDF (one
    multi-pattern pass, ADR 0013; bench/personal_data.py measures it against 2,000 names)."""
    import io

    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.files.storage import default_storage
    from pypdf import PdfReader
    from weasyprint import CSS, HTML

    from reports import rendering
    from reports.personal_data import find_personal_data, personal_data_terms

    with default_storage.open(version.pdf.name, "rb") as stored:
        pdf = stored.read()
    started = common.clock()
    reader = PdfReader(io.BytesIO(pdf))
    pypdf_pages = [page.extract_text() or "" for page in reader.pages]
    pypdf_seconds = common.clock() - started
    started = common.clock()
    pages = rendering.read_pdf(pdf).page_texts
    pdfium_seconds = common.clock() - started
    terms = personal_data_terms(inspection=version.inspection)
    started = common.clock()
    find_personal_data(terms=terms, html=version.body_html, pdf_pages=pages)
    check_seconds = common.clock() - started
    result = {
        "pages": len(pages),
        "terms": len(terms),
        "pdf_bytes": len(pdf),
        # The same HTML without the accessibility tags that PDF/UA requires: what they cost.
        "untagged_pdf_bytes": len(
            HTML(string=print_html(version), base_url=str(settings.BASE_DIR)).write_pdf(
                stylesheets=[
                    CSS(filename=finders.find(name)) for name in rendering.PRINT_STYLESHEETS
                ]
            )
        ),
        "text_pypdf_seconds": round(pypdf_seconds, 3),
        "text_pdfium_seconds": round(pdfium_seconds, 3),
        "check_seconds": round(check_seconds, 3),
        "pypdf_pages": len(pypdf_pages),
    }
    print(
        f"fixes, same PDF ({len(pages)} pages, {len(terms)} terms): text read back: pypdf "
        f"{pypdf_seconds:.2f} s -> PDFium {pdfium_seconds:.2f} s; personal-data check "
        f"{check_seconds:.2f} s",
        flush=True,
    )
    return result


def _stages(stages: dict) -> str:
    return ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items() if seconds)


def run(repeats: int) -> dict:
    cfg = common.config()
    common.setup_django(cfg)
    from django.contrib.auth import get_user_model

    from inspections.models import Inspection
    from seeding.scale import BenchRole, bench_inspection_references

    references = bench_inspection_references()
    lead = get_user_model().objects.get(username="ofsted.lead")
    cfg.work_dir.mkdir(parents=True, exist_ok=True)
    # Tasks queued by this process go to a queue of this run's own, which only its worker reads.
    with (
        own_task_queue("bench-render", redis_url=cfg.redis_url) as queue,
        Processes(cfg.work_dir) as processes,
    ):
        worker = processes.celery_worker(env=common.app_env(cfg), queue=queue)
        results = {}
        for role, label in ((BenchRole.TYPICAL, "realistic report"), (BenchRole.LONG, "long")):
            inspection = Inspection.objects.get(reference=references[role])
            results[role] = measure_report(label, inspection, lead, cfg.work_dir, repeats)
            if not worker.alive():
                raise RuntimeError(f"The worker died:\n{worker.tail()}")
        latest = inspection.report_versions.order_by("-number").first()
        fixes = check_costs(latest)
    long, typical = results[BenchRole.LONG], results[BenchRole.TYPICAL]
    return {
        "long": long,
        "typical": typical,
        "fixes": fixes,
        "targets": {
            # Both reports' ratios, each printed and checked (issue 19).
            **{
                f"whole_path_over_weasyprint_{name}": {
                    "target": f"<= {TARGET_WHOLE_PATH_RATIO:.2f}",
                    "measured": report["whole_path_ratio"],
                    "met": report["whole_path_ratio"] <= TARGET_WHOLE_PATH_RATIO,
                }
                for name, report in (("long", long), ("typical", typical))
            },
            "pdf_size_over_chromium": {
                "target": f"<= {TARGET_SIZE_RATIO}",
                "measured": long["size_ratio"],
                "met": long["size_ratio"] <= TARGET_SIZE_RATIO,
            },
            "typical_ready_seconds": {
                "target": f"<= {TARGET_TYPICAL_READY_SECONDS} s",
                "measured": max(typical["whole_path_seconds"]),
                "met": max(typical["whole_path_seconds"]) <= TARGET_TYPICAL_READY_SECONDS,
            },
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True, help="Where to write the figures.")
    parser.add_argument("--repeats", type=int, default=3, help="Measured runs per report.")
    args = parser.parse_args()
    common.write_json(args.json, run(args.repeats))


if __name__ == "__main__":
    main()
