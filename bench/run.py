"""`make bench`: every benchmark in one run, each figure beside its floor.

1. Rebuilds the benchmark databases (PostgreSQL; their names must contain "bench"): the demo and
   the programme at scale (`seed_scale`), and a tenth of it for the query counts.
2. Query counts of every list page at 1x and 10x data (`bench/queries.py`).
3. Render cost: WeasyPrint alone, the whole path through Redis and a worker, Chromium
   (`bench/render.py`).
4. Page latency under load: gunicorn and locust on 127.0.0.1 (`bench/load.py`).
5. The personal-data check: a 100-page report against 2,000 names (`bench/personal_data.py`).

Writes bench/results/latest.json and bench/results/p95.svg, refreshes the figures in
bench/README.md, and prints every target with its measured ratio. Needs PostgreSQL and Redis
running; see bench/common.py for the settings (BENCH_DATABASE_URL, BENCH_REDIS_URL, ...).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import chart, common, queries  # noqa: E402 - the repository root must come first

README = ROOT / "bench" / "README.md"
LATEST = common.RESULTS / "latest.json"
CHART = common.RESULTS / "p95.svg"
FIGURES_START = "<!-- figures:start (written by bench/run.py) -->"
FIGURES_END = "<!-- figures:end -->"


def recreate_database(url: str) -> None:
    """Drop and create a benchmark database: only one whose name says it is one."""
    import psycopg2

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if "bench" not in name:
        raise SystemExit(f"Refusing to rebuild {name!r}: a benchmark database's name has 'bench'.")
    connection = psycopg2.connect(
        dbname="postgres",
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password or "") or None,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def prepare(cfg: common.Config) -> dict:
    common.heading("Preparing the databases")
    shutil.rmtree(cfg.work_dir, ignore_errors=True)
    cfg.work_dir.mkdir(parents=True)
    seeded = {}
    for label, url, size in (
        ("10x", cfg.database_url, cfg.size),
        ("1x", cfg.small_database_url, cfg.size / 10),
    ):
        started = time.monotonic()
        recreate_database(url)
        media = cfg.media_root if label == "10x" else cfg.work_dir / "media-small"
        env = {"MEDIA_ROOT": str(media), "REDIS_URL": ""}  # the demo renders in-process
        common.manage(cfg, "migrate", "--noinput", database_url=url, env=env)
        common.manage(cfg, "seed_demo", database_url=url, env=env)
        summary = json.loads(
            common.manage(
                cfg,
                "seed_scale",
                "--size",
                str(size),
                "--seed",
                str(cfg.seed),
                "--json",
                database_url=url,
                env=env,
            )
        )
        seeded[label] = summary
        print(
            f"{label:>4}: {urlsplit(url).path.lstrip('/')} seeded in "
            f"{time.monotonic() - started:.0f} s (seed_scale {summary['seconds']} s): "
            f"{summary['areas']} areas, {summary['inspections']} inspections, "
            f"{summary['published_reports']} published reports, {summary['evidence']} pieces "
            f"of evidence, {summary['case_samples']} case samples",
            flush=True,
        )
    common.manage(cfg, "collectstatic", "--noinput")
    return seeded


def _script(name: str, *args: str) -> dict:
    """Run one benchmark in a process of its own, its output shown as it comes; its figures."""
    output = common.RESULTS / f".{name}.json"
    output.unlink(missing_ok=True)
    subprocess.run(
        [common.PYTHON, str(ROOT / "bench" / f"{name}.py"), "--json", str(output), *args],
        cwd=ROOT,
        check=True,
    )
    figures = json.loads(output.read_text())
    output.unlink()
    return figures


def query_counts(cfg: common.Config) -> dict:
    small = _script("queries", "--database-url", cfg.small_database_url)
    large = _script("queries", "--database-url", cfg.database_url)
    result = queries.compare(small, large)
    queries.print_comparison(result)
    return result


def targets(results: dict) -> list[dict]:
    rows = []
    for group in ("render", "load"):
        for name, target in results[group]["targets"].items():
            rows.append({"group": group, "name": name, **target})
    check = results["personal_data"]
    rows.append(
        {
            "group": "personal data",
            "name": f"check_{check['pages']}_pages_against_{check['names']}_names",
            "target": f"< {check['target_seconds']:.0f} s (worst of {len(check['seconds'])} runs)",
            "measured": f"{check['worst_seconds']:.3f} s",
            "met": check["met"],
        }
    )
    rows.append(
        {
            "group": "queries",
            "name": "same_query_count_at_1x_and_10x",
            "target": "every list page",
            "measured": sum(1 for p in results["queries"]["pages"] if p["same"]),
            "of": len(results["queries"]["pages"]),
            "met": results["queries"]["all_same"],
        }
    )
    return rows


def print_targets(rows: list[dict]) -> None:
    common.heading("Targets")
    print(
        common.table(
            [
                (
                    f"{row['group']}: {row['name']}",
                    row["target"],
                    f"{row['measured']}" + (f" of {row['of']}" if "of" in row else ""),
                    "met" if row["met"] else "MISSED",
                )
                for row in rows
            ],
            ["target", "wanted", "measured", ""],
        )
    )


def figures_markdown(results: dict) -> str:
    """The README's figures section, from the results of this run."""
    m = results["machine"]
    lines = [
        FIGURES_START,
        "",
        f"Last run: {results['finished_at']}, {results['seconds']:.0f} s in all, on {m['cpu']} "
        f"({m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, Python {m['python']}; load "
        f"average {m['load_average_at_start'][0]} at the start: the machine is shared).",
        "",
        "### Targets",
        "",
        "| target | wanted | measured | |",
        "| --- | --- | --- | --- |",
    ]
    for row in results["targets"]:
        measured = f"{row['measured']}" + (f" of {row['of']}" if "of" in row else "")
        verdict = "met" if row["met"] else "**missed**"
        name = f"{row['group']}: {row['name']}"
        lines.append(f"| {name} | {row['target']} | {measured} | {verdict} |")
    render = results["render"]
    lines += [
        "",
        "### Render",
        "",
        "| report | pages | (a) WeasyPrint alone | (b) whole path to ready | (b)/(a) | our PDF "
        "| (c) Chromium | Chromium's PDF | ours/Chromium |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, key in (("realistic", "typical"), ("long", "long")):
        r = render[key]
        lines.append(
            f"| {label} | {r['pages']} | {r['weasyprint_alone_median']:.2f} s | "
            f"{r['whole_path_median']:.2f} s | {r['whole_path_ratio']:.2f} | "
            f"{r['our_pdf_bytes'] / 1024:.0f} KiB | {r['chromium_seconds']:.2f} s | "
            f"{r['chromium_bytes'] / 1024:.0f} KiB | {r['size_ratio']:.2f} |"
        )
    fixes = render["fixes"]
    lines += [
        "",
        f"Medians of {render['long']['runs']} runs each, (a) and (b) alternating. Every run: "
        f"(a) {render['long']['weasyprint_alone_seconds']} s, (b) "
        f"{render['long']['whole_path_seconds']} s for the long report; (a) "
        f"{render['typical']['weasyprint_alone_seconds']} s, (b) "
        f"{render['typical']['whole_path_seconds']} s for the realistic one.",
        "",
        f"On the same {fixes['pages']}-page PDF in this run: text read back with pypdf "
        f"{fixes['text_pypdf_seconds']:.2f} s, with PDFium "
        f"{fixes['text_pdfium_seconds']:.2f} s; the personal-data check ({fixes['terms']} terms) "
        f"{fixes['check_seconds']:.2f} s. Without the PDF/UA "
        f"accessibility tags the long report's PDF would be "
        f"{fixes['untagged_pdf_bytes'] / 1024:.0f} KiB instead of "
        f"{fixes['pdf_bytes'] / 1024:.0f} KiB; a fifth of Chromium's is "
        f"{render['long']['chromium_bytes'] / 5 / 1024:.0f} KiB.",
        "",
        "### Load",
        "",
        f"gunicorn, {results['load']['server']['workers']} sync workers; locust in another "
        f"process; {results['load']['server']['seconds']:.0f} s measured per page and number of "
        "clients, after 1 s of warm-up.",
        "",
        "| page | clients | requests | p50 ms | p95 ms | req/s | p95 / floor |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page in results["load"]["pages"].values():
        for clients, f in page["by_clients"].items():
            lines.append(
                f"| {page['label']} | {clients} | {f['requests']} | {f['p50_ms']} | "
                f"{f['p95_ms']} | {f['rps']} | {f['p95_over_floor']:.2f}x |"
            )
    lines += [
        "",
        "![p95 latency against concurrent clients, per page](results/p95.svg)",
        "",
        "### The workspace at 20 clients, before and after issue 19",
        "",
        "Each row from its own run, with its own floor (bench/README.md, fixes 11 and 12).",
        "",
        "| when | workers | req/s | p95 ms | floor p95 ms | p95 / floor |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, load in [*_workspace_before(), ("this run", results["load"])]:
        at = "20"  # bench/load.py TARGET_CLIENTS
        page, floor = load["pages"]["workspace"]["by_clients"][at], load["pages"]["floor"]
        lines.append(
            f"| {label} | {load['server']['workers']} | {page['rps']} | {page['p95_ms']} | "
            f"{floor['by_clients'][at]['p95_ms']} | {page['p95_over_floor']:.2f}x |"
        )
    lines += [
        "",
        "### Two renders at once: one worker against two",
        "",
    ]
    workers = results.get("render_workers")
    if workers:
        lines.append(
            f"The realistic report's draft and final asked for at once: one worker "
            f"{workers['one_worker_median']:.2f} s (runs {workers['one_worker_seconds']}), two "
            f"workers {workers['two_workers_median']:.2f} s (runs "
            f"{workers['two_workers_seconds']}): {workers['speed_up']:.2f}x."
        )
    lines += [
        "",
        "### The PDF from the bucket against local disk",
        "",
        "| clients | local disk req/s | bucket req/s | bucket / disk | p95 disk | p95 bucket |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for clients, f in results.get("bucket", {}).get("by_clients", {}).items():
        lines.append(
            f"| {clients} | {f['disk_rps']} | {f['bucket_rps']} | {f['bucket_over_disk_rps']:.2f} "
            f"| {f['disk_p95_ms']} ms | {f['bucket_p95_ms']} ms |"
        )
    lines += [
        "",
        "### Query counts of list pages",
        "",
        "| page | as | 1x | 10x | |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in results["queries"]["pages"]:
        lines.append(
            f"| {row['page']} | {row['user']} | {row['queries_1x']} | {row['queries_10x']} | "
            f"{'same' if row['same'] else '**different**'} |"
        )
    sizes = results["queries"]["sizes"]
    lines += [
        "",
        f"1x: {sizes['1x']['inspections']} inspections, {sizes['1x']['evidence_total']} pieces "
        f"of evidence ({sizes['1x']['evidence_on_inspection']} on the measured inspection), "
        f"{sizes['1x']['published_reports']} published reports. 10x: "
        f"{sizes['10x']['inspections']} inspections, {sizes['10x']['evidence_total']} pieces of "
        f"evidence ({sizes['10x']['evidence_on_inspection']} on the measured inspection), "
        f"{sizes['10x']['published_reports']} published reports.",
        "",
        FIGURES_END,
    ]
    return "\n".join(lines)


# Earlier runs of the workspace under load, kept in bench/results/fixes/ (label, file).
WORKSPACE_BEFORE = (
    ("make bench before issue 19", "load_before_issue_19.json"),
    ("after fix 11 (access read with the inspection)", "load_after_access_query.json"),
    ("before fix 12, a quiet machine", "load_before_round_trips.json"),
)


def _workspace_before() -> list[tuple[str, dict]]:
    fixes = ROOT / "bench" / "results" / "fixes"
    return [(label, json.loads((fixes / name).read_text())) for label, name in WORKSPACE_BEFORE]


def update_readme(markdown: str) -> None:
    text = README.read_text()
    pattern = re.compile(re.escape(FIGURES_START) + ".*?" + re.escape(FIGURES_END), re.S)
    if not pattern.search(text):
        raise SystemExit("bench/README.md has lost its figures markers.")
    README.write_text(pattern.sub(lambda _: markdown, text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="Measured renders per report.")
    parser.add_argument("--seconds", type=float, default=5.0, help="Load per scenario.")
    parser.add_argument(
        "--reuse", action="store_true", help="Keep the databases from the last run."
    )
    args = parser.parse_args()
    cfg = common.config()
    started = time.monotonic()
    results: dict = {"machine": common.machine(), "config": {"size": cfg.size, "seed": cfg.seed}}
    common.heading("Machine")
    print(json.dumps(results["machine"]))
    common.require_tool("chromium")
    if not args.reuse:
        results["seeded"] = prepare(cfg)
    results["queries"] = query_counts(cfg)
    results["render"] = _script("render", "--repeats", str(args.repeats))
    results["personal_data"] = _script("personal_data")
    results["load"] = _script("load", "--seconds", str(args.seconds))
    # Two renders at once, one worker against two (printed, no target).
    results["render_workers"] = _script("render_workers", "--repeats", "2")
    # The PDF download from an S3-compatible bucket against local disk (printed, no target).
    results["bucket"] = _script("bucket", "--seconds", str(args.seconds))
    results["targets"] = targets(results)
    results["seconds"] = round(time.monotonic() - started, 1)
    results["finished_at"] = time.strftime("%Y-%m-%d %H:%M %Z")
    common.write_json(LATEST, results)
    CHART.write_text(
        chart.p95_chart(results["load"], "p95 latency against concurrent clients (make bench)")
    )
    update_readme(figures_markdown(results))
    print_targets(results["targets"])
    print(
        f"\nDone in {results['seconds']:.0f} s: {LATEST.relative_to(ROOT)}, "
        f"{CHART.relative_to(ROOT)}, bench/README.md."
    )


if __name__ == "__main__":
    main()
