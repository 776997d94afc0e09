"""The PDF download from the S3-compatible bucket against the same file from local disk.

The same published report's PDF, the same gunicorn and load (`bench/load.py`, the floor beside
it), served once with files on local disk and once from a bucket in SeaweedFS on loopback
(`weed server -s3`, as the tests start it: tests/object_store.py). Downloads are streamed
through the service (docs/adr/0015-object-storage.md): the figure says what a bucket costs a
download. Printed, not a target.

    python bench/bucket.py --json bucket.json   # needs the database `bench/run.py` prepared
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common, load  # noqa: E402 - the repository root must be importable first
from tests.object_store import BUCKET, ObjectStore  # noqa: E402 - as above
from tests.processes import Processes  # noqa: E402 - as above

CLIENTS = (1, 20)


def run(seconds: float, workers: int, clients: tuple[int, ...] = CLIENTS) -> dict:
    cfg = common.config()
    results = {"disk": load.run(seconds, workers, clients, only=("pdf",))}
    from seeding.scale import SHARED_PDF_NAME  # once load.run has set Django up

    with Processes(cfg.work_dir / "bucket") as processes:
        store = ObjectStore(processes, cfg.work_dir / "seaweedfs").start()
        store.client().put_object(
            Bucket=BUCKET, Key=SHARED_PDF_NAME, Body=(cfg.media_root / SHARED_PDF_NAME).read_bytes()
        )
        common.heading("The same PDF, from the bucket")
        results["bucket"] = load.run(seconds, workers, clients, ("pdf",), store.env())
    rows, figures = [], {}
    for users in map(str, clients):
        disk = results["disk"]["pages"]["pdf"]["by_clients"][users]
        bucket = results["bucket"]["pages"]["pdf"]["by_clients"][users]
        figures[users] = {
            "disk_rps": disk["rps"],
            "bucket_rps": bucket["rps"],
            "bucket_over_disk_rps": round(common.ratio(bucket["rps"], disk["rps"]), 2),
            "disk_p95_ms": disk["p95_ms"],
            "bucket_p95_ms": bucket["p95_ms"],
        }
        f = figures[users]
        rows.append((users, f["disk_rps"], f["bucket_rps"], f"{f['bucket_over_disk_rps']:.2f}x"))
        rows.append(("", f"p95 {f['disk_p95_ms']} ms", f"p95 {f['bucket_p95_ms']} ms", ""))
    print(common.table(rows, ["clients", "disk req/s", "bucket req/s", "bucket/disk"]))
    return {"by_clients": figures, "runs": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True, help="Where to write the figures.")
    parser.add_argument("--seconds", type=float, default=5.0, help="Measured time per scenario.")
    parser.add_argument("--workers", type=int, default=load.WORKERS)
    args = parser.parse_args()
    common.write_json(args.json, run(args.seconds, args.workers))


if __name__ == "__main__":
    main()
