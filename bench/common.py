"""What every benchmark shares: configuration from the environment, statistics, reporting.

The processes the benchmarks start (gunicorn, a Celery worker, the load generator) are started
and stopped by `tests/processes.py`, as the tests' are.

Configuration (all optional):

- ``BENCH_DATABASE_URL``: the PostgreSQL database the benchmarks own and rebuild
  (default ``postgres://postgres@127.0.0.1:5432/joint_inspections_bench``); a second one, the same
  name with ``_small``, holds the one-tenth programme for the query counts.
- ``BENCH_REDIS_URL``: the broker for the render benchmark (default ``redis://127.0.0.1:6379/0``).
- ``BENCH_PORT``: where the benchmark's own server listens on 127.0.0.1 (default 8190).
- ``BENCH_SIZE`` / ``BENCH_SEED``: the programme's size factor and seed (default 1 and 2015).
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")
RESULTS = ROOT / "bench" / "results"
SETTINGS_MODULE = "bench.settings"

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/joint_inspections_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True)
class Config:
    database_url: str
    small_database_url: str
    redis_url: str
    port: int
    size: float
    seed: int
    work_dir: Path

    @property
    def media_root(self) -> Path:
        return self.work_dir / "media"

    @property
    def static_root(self) -> Path:
        return self.work_dir / "static"


def config() -> Config:
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    parts = urlsplit(database_url)
    small = urlunsplit(parts._replace(path=parts.path + "_small"))
    default_work_dir = Path(tempfile.gettempdir()) / "joint-inspections-bench"
    work_dir = Path(os.environ.get("BENCH_WORK_DIR", default_work_dir))
    return Config(
        database_url=database_url,
        small_database_url=os.environ.get("BENCH_SMALL_DATABASE_URL", small),
        redis_url=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        port=int(os.environ.get("BENCH_PORT", "8190")),
        size=float(os.environ.get("BENCH_SIZE", "1")),
        seed=int(os.environ.get("BENCH_SEED", "2015")),
        work_dir=work_dir,
    )


# A key for this run only: the benchmark's server runs as in production (DEBUG off).
_SECRET_KEY = secrets.token_urlsafe(50)


def app_env(cfg: Config, *, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of every process the benchmarks start: production settings, loopback."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": database_url or cfg.database_url,
        "REDIS_URL": cfg.redis_url,
        "DEBUG": "0",
        "SECRET_KEY": _SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(cfg.media_root),
        "STATIC_ROOT": str(cfg.static_root),
        # Sign-off emails are not what is measured.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra)
    return env


def setup_django(cfg: Config, *, database_url: str | None = None, **extra: str) -> None:
    """Configure this process like the benchmark's server, then start Django."""
    os.environ.update(app_env(cfg, database_url=database_url, **extra))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def manage(
    cfg: Config,
    *args: str,
    database_url: str | None = None,
    env: dict[str, str] | None = None,
    quiet: bool = True,
) -> str:
    """Run a management command in a process of its own; its output, or an error with it."""
    result = subprocess.run(
        [PYTHON, MANAGE, *args],
        cwd=ROOT,
        env=app_env(cfg, database_url=database_url, **(env or {})),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


# --- Statistics ---------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0 to 100), interpolated between the nearest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("inf")


# --- Reporting ----------------------------------------------------------------------------------


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 94 - len(text)), flush=True)


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )

    return "\n".join([line(cells[0]), line(["-" * w for w in widths]), *map(line, cells[1:])])


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory_gib = round(pages / 2**30, 1)
    except (ValueError, OSError):
        pass
    load = os.getloadavg()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "os": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in load],
    }


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")


def clock() -> float:
    return time.perf_counter()


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed: the benchmark needs it.")
    return found
