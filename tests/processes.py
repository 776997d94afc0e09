"""Processes of their own for the tests and the benchmarks: Celery workers, gunicorn, Redis.

Every process is started here, in a session of its own, and stopped by its own process group id,
never by name: several test runs and engineers share this machine. `Processes` stops whatever was
started through it when it closes (the `processes` fixture closes it at the end of each test);
`bench/` uses the same class. Only the standard library is imported at module level, and Django
only inside the helpers that read the test run's settings, so that the benchmarks can use it.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
START_TIMEOUT = 30.0


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_for_a_server() -> int:
    """A free port below the kernel's range for outgoing connections.

    A server that listens on several ports and connects between them (SeaweedFS: master,
    volume, filer, S3, each with a gRPC port) can find a port picked with `free_port` already
    taken by one of its own outgoing connections, which get ports from that range ("bind:
    address already in use", seen in a benchmark run).
    """
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768
    for _ in range(500):
        port = random.randrange(10000, max(low, 10001))
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the outgoing-connection range")


def wait_for_port(port: int, *, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


def http_get(url: str, *, timeout: float = 15.0) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1"})  # noqa: S310 - our own test server
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local http
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class Process:
    """A child process in a session of its own, its output in a log file, ended by its own
    process group id only (a gunicorn's workers go with it)."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        env: Mapping[str, str],
        log: Path,
        cwd: Path = ROOT,
        port: int | None = None,
    ) -> None:
        self.command = list(command)
        self.log_path = log
        self.port = port  # where it listens on 127.0.0.1, if it does
        self._log = open(log, "wb")  # noqa: SIM115 - kept open for the child's lifetime
        self.popen = subprocess.Popen(
            self.command,
            cwd=cwd,
            env=dict(env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.output().splitlines()[-lines:])

    def wait_for_output(self, text: str, *, timeout: float = START_TIMEOUT) -> None:
        """Wait until the process has written `text`; an error with its log if it stops first."""
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if not self.alive() or time.monotonic() > deadline:
                state = "stopped" if not self.alive() else f"did not within {timeout:.0f} s"
                raise RuntimeError(
                    f"{Path(self.command[0]).name} {state} before writing {text!r}:\n{self.tail()}"
                )
            time.sleep(0.1)

    def kill(self) -> None:
        """At once, as a machine losing power would (a worker killed mid-task)."""
        if self.alive():
            os.killpg(self.pid, signal.SIGKILL)
        self.popen.wait()
        self._log.close()

    def stop(self, timeout: float = 15) -> None:
        """Asked to stop (SIGTERM), then killed if it has not within `timeout` seconds."""
        if self.alive():
            os.killpg(self.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
                self.popen.wait()
        self._log.close()


def celery_worker_command(*, queue: str | None = None, name: str = "worker") -> list[str]:
    """One worker process (solo pool) of the service's Celery app; on `queue` only if given.

    Without heartbeat, mingle and gossip it neither waits for nor talks to the workers of other
    test runs on the same Redis.
    """
    command = [
        str(BIN / "celery"),
        "-A",
        "integrated_inspections",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
        # INFO: the worker writes "ready." and each task's outcome, which callers wait for.
        "--loglevel=INFO",
        f"--hostname={name}@%h",
    ]
    if queue:
        command += ["-Q", queue]
    return command


def gunicorn_command(*, port: int, workers: int = 1, options: Sequence[str] = ()) -> list[str]:
    """The service's WSGI application under gunicorn on 127.0.0.1:`port`."""
    return [
        str(BIN / "gunicorn"),
        "integrated_inspections.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        *options,
    ]


def redis_server_command(*, port: int) -> list[str]:
    """A Redis server on 127.0.0.1:`port` that saves nothing to disk."""
    return [
        shutil.which("redis-server") or "redis-server",
        *("--port", str(port), "--bind", "127.0.0.1"),
        *("--save", "", "--appendonly", "no"),
    ]


def seaweedfs_command(*, data_dir: Path, s3_config: Path, ports: Sequence[int]) -> list[str]:
    """One SeaweedFS process (`weed server -s3`: master, volume, filer and the S3 gateway), every
    port on 127.0.0.1 given (`ports`: eight free ones), so that several runs share the machine.

    Identities and their keys come from `s3_config`; no bucket is made on first write, as on
    AWS; nothing is sent anywhere (its usage report is off).
    """
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = ports
    weed = BIN / "weed" if (BIN / "weed").exists() else Path(shutil.which("weed") or "weed")
    return [
        str(weed),
        "server",
        f"-dir={data_dir}",
        *("-ip=127.0.0.1", "-ip.bind=127.0.0.1"),
        *(f"-master.port={master}", f"-master.port.grpc={master_grpc}"),
        *(f"-volume.port={volume}", f"-volume.port.grpc={volume_grpc}"),
        *("-filer", f"-filer.port={filer}", f"-filer.port.grpc={filer_grpc}"),
        *("-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3_grpc}", f"-s3.config={s3_config}"),
        *("-s3.autoCreateBucket=false", "-s3.port.iceberg=0", "-s3.port.lance=0"),
        *("-master.telemetry=false", "-master.volumeSizeLimitMB=64", "-volume.max=0"),
        # A master started again over its folder leads at once (one master, no election).
        "-master.resumeState=false",
        *("-debug.port=0", "-metricsPort=0"),
    ]


class Processes:
    """Starts processes, each logging to a file in `log_dir`, and stops every one on `close()`."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.started: list[Process] = []

    def start(
        self,
        name: str,
        command: Sequence[str],
        *,
        env: Mapping[str, str],
        port: int | None = None,
    ) -> Process:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_dir / f"{name}-{len(self.started) + 1}.log"
        process = Process(command, env=env, log=log, port=port)
        self.started.append(process)
        return process

    def celery_worker(
        self, *, env: Mapping[str, str], queue: str | None = None, name: str | None = None
    ) -> Process:
        """A worker, started and ready to take tasks."""
        name = name or f"{queue or 'worker'}-{len(self.started) + 1}"
        worker = self.start("worker", celery_worker_command(queue=queue, name=name), env=env)
        worker.wait_for_output(" ready.")
        return worker

    def gunicorn(
        self,
        *,
        env: Mapping[str, str],
        port: int | None = None,
        workers: int = 1,
        options: Sequence[str] = (),
    ) -> Process:
        """gunicorn, started on `process.port`: the caller waits for the answer it needs."""
        port = port or free_port()
        command = gunicorn_command(port=port, workers=workers, options=options)
        return self.start("gunicorn", command, env=env, port=port)

    def redis_server(self, *, port: int | None = None) -> Process:
        """A Redis server of its own, listening on `process.port`."""
        port = port or free_port()
        server = self.start("redis", redis_server_command(port=port), env=os.environ, port=port)
        wait_for_port(port)
        return server

    def close(self) -> None:
        for process in reversed(self.started):
            process.stop()

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextlib.contextmanager
def own_task_queue(prefix: str, *, redis_url: str) -> Iterator[str]:
    """Tasks queued by this process go to a queue of their own, which only the workers started
    on it read, so that workers of other runs on the same Redis never take them; the queue and
    the exchange bindings Kombu keeps beside it are deleted afterwards."""
    import redis

    from integrated_inspections.celery import app

    name = f"{prefix}-{uuid.uuid4().hex[:12]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    try:
        yield name
    finally:
        app.conf.task_default_queue = previous
        redis.Redis.from_url(redis_url).delete(
            name, f"_kombu.binding.{name}", f"_kombu.binding_permanent.{name}"
        )


def database_url(settings_dict: Mapping[str, object] | None = None) -> str:
    """The address of a Django database (the test database by default), for another process."""
    if settings_dict is None:
        from django.db import connection

        settings_dict = connection.settings_dict
    credentials = quote(str(settings_dict["USER"] or ""), safe="")
    if settings_dict["PASSWORD"]:
        credentials += ":" + quote(str(settings_dict["PASSWORD"]), safe="")
    host = f"{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{settings_dict['NAME']}"


def service_env(*, redis_url: str, media_root: str | Path, **extra: str) -> dict[str, str]:
    """The environment of a service process (a worker) working on the test database: DEBUG on,
    this test's broker and stored files."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "DEBUG": "1",
        "MEDIA_ROOT": str(media_root),
        **extra,
    }


class TcpProxy:
    """Forwards a local port to another address; stopping it cuts every connection.

    Stands between the service and its database, so that a test can take the database away
    and bring it back without touching the database server other tests use.
    """

    def __init__(self, target: tuple[str, int], port: int | None = None) -> None:
        self.target = target
        self.port = port or free_port()
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update({client, upstream})
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
