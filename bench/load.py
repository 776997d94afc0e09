"""Page latency under load: gunicorn serving the app on PostgreSQL with the programme at scale.

The server runs as in production (DEBUG off, WhiteNoise serving collected static files) with the
benchmark-only floor URL added (`bench/settings.py`). A separate process (`bench/loadgen.py`,
locust headless) sends GET requests to 127.0.0.1 only, from 1, 5, 20 and 50 concurrent clients,
each scenario bounded in time and in count. For every page: p50, p95 and requests per second,
and p95 as a ratio to the floor (a bare Django view behind the same middleware, measured at the
same concurrency in the same run). The PDF download's throughput is compared with the same file
served as a static file by the same server.

    python bench/load.py --json load.json   # needs the database `bench/run.py` prepared
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - the repository root must be importable first
from tests.processes import Process, Processes  # noqa: E402 - as above

CLIENTS = (1, 5, 20, 50)
# As the service is deployed (Dockerfile, docker-compose.yml): three sync workers, each request in
# the access log. Four workers on the two cores measured about a tenth slower on the workspace:
# one more process competing with PostgreSQL and the load generator (bench/README.md, fix 12).
WORKERS = 3
TARGET_CLIENTS = 20
# Issue 19: the workspace within 5 times the floor; the public pages within 2 times (met since
# the public pages were cached). Both under 150 ms.
TARGET_P95_RATIO = {"workspace": 5.0, "public_search": 2.0, "public_report": 2.0}
TARGET_P95_MS = 150.0
TARGET_PDF_THROUGHPUT_RATIO = 0.5
# Pages whose p95 has a target: the inspector's workspace and the public pages.
P95_TARGET_PAGES = tuple(TARGET_P95_RATIO)
STATIC_PDF = "bench/report.pdf"


@dataclass(frozen=True)
class PageTarget:
    name: str
    label: str
    path: str
    user: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    expected_status: int = 200

    def django_headers(self) -> dict[str, str]:
        """The same headers, as Django's test client takes them."""
        return {"HTTP_" + k.upper().replace("-", "_"): v for k, v in self.headers}


def page_targets() -> list[PageTarget]:
    """What the load test requests, on the programme at scale (Django must be set up)."""
    from django.urls import reverse

    from reports.selectors import publications_visible
    from seeding.scale import BenchRole, bench_inspection_references

    reference = bench_inspection_references()[BenchRole.FIELDWORK]
    # The newest published report of the programme at scale: its PDF is the shared file.
    publication = (
        publications_visible()
        .filter(inspection__local_authority__ons_code__regex=r"^E\d\d8")
        .select_related("report_version")
        .order_by("-publish_at")
        .first()
    )
    slug, sha256 = publication.slug, publication.report_version.sha256
    inspection = {"reference": reference}
    return [
        PageTarget("floor", "floor: bare Django view", "/bench/floor"),
        PageTarget(
            "workspace",
            "inspector's workspace",
            reverse("judgements:workspace", kwargs=inspection),
            user="ofsted.inspector",
        ),
        PageTarget(
            "evidence_list",
            "evidence list",
            reverse("judgements:evidence_list", kwargs=inspection),
            user="ofsted.inspector",
        ),
        PageTarget(
            "sign_off",
            "sign-off page (LSCB)",
            reverse("lscb:detail", kwargs={**inspection, "kind": "lscb"}),
            user="cqc.lead",
        ),
        PageTarget("public_search", "public list, search", reverse("reports:list") + "?area=ford"),
        PageTarget("public_report", "public report page", reverse("reports:detail", args=[slug])),
        PageTarget("pdf", "PDF download", reverse("reports:pdf", args=[slug])),
        PageTarget(
            "pdf_not_modified",
            "PDF, If-None-Match (304)",
            reverse("reports:pdf", args=[slug]),
            headers=(("If-None-Match", f'"{sha256}"'),),
            expected_status=304,
        ),
        PageTarget("static_pdf", "same PDF as a static file", f"/static/{STATIC_PDF}"),
    ]


def session_cookies(users: set[str]) -> dict[str, str]:
    """A signed-in session for each demo user, made directly in the session store."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.middleware.csrf import CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    from integrated_inspections.sessions import signed_in_session

    cookies = {}
    for user in get_user_model().objects.filter(username__in=users):
        key = signed_in_session(user)
        # A browser also holds the CSRF cookie it was given with its first form; without it
        # every answer would make and set a new one.
        csrf = f"{settings.CSRF_COOKIE_NAME}={get_random_string(CSRF_SECRET_LENGTH)}"
        cookies[user.username] = f"{settings.SESSION_COOKIE_NAME}={key}; {csrf}"
    return cookies


def _static_pdf(cfg: common.Config) -> Path:
    """The report's PDF, copied among the collected static files for WhiteNoise to serve."""
    from seeding.scale import SHARED_PDF_NAME

    target = cfg.static_root / STATIC_PDF
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cfg.media_root / SHARED_PDF_NAME, target)
    return target


def _get(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wait_until_up(base: str, server: Process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise RuntimeError(f"gunicorn stopped:\n{server.tail()}")
        try:
            if _get(base + "/bench/floor", {}) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{server.tail()}")


def _check_targets(base: str, targets: list[PageTarget], cookies: dict[str, str]) -> None:
    """Each page answers as expected before any load: a signed-in page that redirects to the
    sign-in page would otherwise be measured as a very fast page."""
    urllib.request.install_opener(urllib.request.build_opener(_NoRedirect))
    for target in targets:
        headers = dict(target.headers)
        if target.user:
            headers["Cookie"] = cookies[target.user]
        status = _get(base + target.path, headers)
        if status != target.expected_status:
            raise RuntimeError(f"{target.path} answered {status}, not {target.expected_status}")


def summarise(
    results: list[dict], targets: list[PageTarget], clients: tuple[int, ...] = CLIENTS
) -> dict:
    labels = {t.name: t.label for t in targets}
    by_key = {(r["name"], r["users"]): r for r in results}
    pages: dict[str, dict] = {}
    for (name, users), result in by_key.items():
        times = result["times_ms"]
        floor = by_key[("floor", users)]
        floor_p95 = common.percentile(floor["times_ms"], 95)
        p95 = common.percentile(times, 95)
        rps = result["requests"] / result["seconds"] if result["seconds"] else 0.0
        pages.setdefault(name, {"label": labels[name], "by_clients": {}})["by_clients"][
            str(users)
        ] = {
            "requests": result["requests"],
            "failures": sum(result["failures"].values()),
            "p50_ms": round(common.percentile(times, 50), 1),
            "p95_ms": round(p95, 1),
            "rps": round(rps, 1),
            "p95_over_floor": round(common.ratio(p95, floor_p95), 2),
        }
    at = str(TARGET_CLIENTS)
    targets_met: dict[str, dict] = {}
    if TARGET_CLIENTS not in clients or set(P95_TARGET_PAGES + ("pdf", "static_pdf")) - set(pages):
        return {"pages": pages, "targets": targets_met}
    for name in P95_TARGET_PAGES:
        figures = pages[name]["by_clients"][at]
        wanted = TARGET_P95_RATIO[name]
        targets_met[f"{name}_p95_over_floor"] = {
            "target": f"<= {wanted} at {TARGET_CLIENTS} clients",
            "measured": figures["p95_over_floor"],
            "met": figures["p95_over_floor"] <= wanted,
        }
        targets_met[f"{name}_p95_ms"] = {
            "target": f"< {TARGET_P95_MS:.0f} ms at {TARGET_CLIENTS} clients",
            "measured": figures["p95_ms"],
            "met": figures["p95_ms"] < TARGET_P95_MS,
        }
    pdf_ratio = common.ratio(
        pages["pdf"]["by_clients"][at]["rps"], pages["static_pdf"]["by_clients"][at]["rps"]
    )
    targets_met["pdf_throughput_over_static"] = {
        "target": f">= {TARGET_PDF_THROUGHPUT_RATIO} at {TARGET_CLIENTS} clients",
        "measured": round(pdf_ratio, 2),
        "met": pdf_ratio >= TARGET_PDF_THROUGHPUT_RATIO,
    }
    return {"pages": pages, "targets": targets_met}


def print_summary(summary: dict) -> None:
    rows = []
    for page in summary["pages"].values():
        for users, f in page["by_clients"].items():
            rows.append(
                (
                    page["label"] if users == next(iter(page["by_clients"])) else "",
                    users,
                    f["requests"],
                    f["p50_ms"],
                    f["p95_ms"],
                    f["rps"],
                    f"{f['p95_over_floor']:.2f}x",
                    f["failures"] or "",
                )
            )
    print(
        common.table(
            rows,
            ["page", "clients", "requests", "p50 ms", "p95 ms", "req/s", "p95/floor", "failed"],
        )
    )


def run(
    seconds: float,
    workers: int,
    clients: tuple[int, ...] = CLIENTS,
    only: tuple[str, ...] = (),
    server_env: dict[str, str] | None = None,
) -> dict:
    """`server_env`: more settings for the server (bench/bucket.py: the object store's)."""
    cfg = common.config()
    common.setup_django(cfg)
    targets = [t for t in page_targets() if not only or t.name in only or t.name == "floor"]
    cookies = session_cookies({t.user for t in targets if t.user})
    _static_pdf(cfg)
    cfg.work_dir.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{cfg.port}"
    common.heading(
        f"Load: gunicorn ({workers} sync workers) on {base}, locust from another process"
    )
    with Processes(cfg.work_dir) as processes:
        server = processes.gunicorn(
            env=common.app_env(cfg, **(server_env or {})),
            port=cfg.port,
            workers=workers,
            options=["--worker-class", "sync", "--backlog", "2048", "--timeout", "120"]
            + ["--log-level", "warning", "--access-logfile", str(cfg.work_dir / "access.log")],
        )
        _wait_until_up(base, server)
        _check_targets(base, targets, cookies)
        scenarios = []
        for users in clients:
            for target in targets:
                headers = dict(target.headers)
                if target.user:
                    headers["Cookie"] = cookies[target.user]
                scenarios.append(
                    {
                        "name": target.name,
                        "path": target.path,
                        "headers": headers,
                        "expected_status": target.expected_status,
                        "users": users,
                        "warmup": 1.0,
                        "seconds": seconds,
                        "max_requests": 20_000,
                        "probe": "/bench/floor",
                    }
                )
        plan = cfg.work_dir / "load-plan.json"
        plan.write_text(json.dumps({"host": base, "scenarios": scenarios}))
        output = cfg.work_dir / "load-results.json"
        loadgen = processes.start(
            "loadgen",
            [common.PYTHON, str(ROOT / "bench" / "loadgen.py"), str(plan), str(output)],
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        budget = len(scenarios) * (seconds + 10) + 60
        deadline = time.monotonic() + budget
        shown = 0
        while loadgen.alive():
            if time.monotonic() > deadline:
                loadgen.stop()
                raise RuntimeError(f"The load generator ran over {budget:.0f} s")
            lines = loadgen.log_path.read_text(errors="replace").splitlines()
            for line in lines[shown:]:
                print(line, flush=True)
            shown = len(lines)
            time.sleep(0.5)
        loadgen.stop()
        for line in loadgen.log_path.read_text(errors="replace").splitlines()[shown:]:
            print(line, flush=True)
        if not output.exists():
            raise RuntimeError(f"The load generator failed:\n{loadgen.tail()}")
        results = json.loads(output.read_text())["results"]
        if not server.alive():
            raise RuntimeError(f"gunicorn stopped under load:\n{server.tail()}")
    summary = summarise(results, targets, clients)
    summary["server"] = {"workers": workers, "worker_class": "sync", "seconds": seconds}
    summary["clients"] = list(clients)
    print_summary(summary)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True, help="Where to write the figures.")
    parser.add_argument("--seconds", type=float, default=6.0, help="Measured time per scenario.")
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", WORKERS))
    )
    parser.add_argument("--clients", default=",".join(map(str, CLIENTS)))
    parser.add_argument("--only", default="", help="Comma-separated page names (and the floor).")
    args = parser.parse_args()
    clients = tuple(int(c) for c in args.clients.split(","))
    only = tuple(name for name in args.only.split(",") if name)
    common.write_json(args.json, run(args.seconds, args.workers, clients, only))


if __name__ == "__main__":
    main()
