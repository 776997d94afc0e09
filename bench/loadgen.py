"""The load generator: locust, headless, run as a library in a process of its own.

`bench/load.py` starts this with a plan (JSON) and reads the results (JSON) back:

    python bench/loadgen.py plan.json results.json

For each scenario in turn (one page at one number of concurrent clients), locust starts that many
users, each sending the same GET again as soon as the last answer arrives (no think time), lets
them run for `warmup` seconds unmeasured, then records every response time for `seconds` or until
`max_requests` answers, whichever comes first, and stops them. Only 127.0.0.1 is ever a target:
a plan naming any other host is refused.
"""

from __future__ import annotations

# locust patches the standard library for gevent as it is imported: this process is its own.
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, constant, task
from locust.env import Environment

ALLOWED_HOSTS = {"127.0.0.1", "localhost"}


def _user_class(host: str, scenario: dict) -> type[FastHttpUser]:
    headers = scenario.get("headers", {})
    expected = scenario.get("expected_status", 200)

    class PageUser(FastHttpUser):
        wait_time = constant(0)
        # Connections are opened anew when the server closes them, as gunicorn's sync workers do.
        network_timeout = 30.0
        connection_timeout = 10.0

        @task
        def get(self) -> None:
            with self.client.get(
                scenario["path"],
                headers=headers,
                name=scenario["name"],
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != expected:
                    response.failure(f"HTTP {response.status_code}")
                else:
                    response.success()

    PageUser.host = host
    return PageUser


def _wait_until_idle(host: str, probe: str | None, limit: float = 20.0) -> None:
    """Requests the stopped users left queued in the server finish before the next scenario:
    wait until the floor page answers quickly twice in a row."""
    if not probe:
        return
    from geventhttpclient import URL, HTTPClient

    client = HTTPClient.from_url(URL(host + probe), connection_timeout=5, network_timeout=limit)
    quick = 0
    deadline = time.perf_counter() + limit
    try:
        while quick < 2 and time.perf_counter() < deadline:
            started = time.perf_counter()
            response = client.get(probe)
            response.read()
            quick = quick + 1 if time.perf_counter() - started < 0.02 else 0
            gevent.sleep(0.05)
    finally:
        client.close()


def run_scenario(host: str, scenario: dict) -> dict:
    times: list[float] = []
    failures: dict[str, int] = {}
    state = {"measuring": False, "bytes": 0}

    def on_request(response_time, response_length, exception, **kwargs) -> None:
        if not state["measuring"]:
            return
        if exception is not None:
            key = str(exception)[:80]
            failures[key] = failures.get(key, 0) + 1
            return
        times.append(response_time)
        state["bytes"] += response_length or 0

    env = Environment(user_classes=[_user_class(host, scenario)])
    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    users = scenario["users"]
    runner.start(users, spawn_rate=min(users * 10, 100))
    gevent.sleep(scenario["warmup"])
    state["measuring"] = True
    started = time.perf_counter()
    deadline = started + scenario["seconds"]
    while time.perf_counter() < deadline and len(times) < scenario["max_requests"]:
        gevent.sleep(0.05)
    state["measuring"] = False
    elapsed = time.perf_counter() - started
    runner.stop()
    runner.quit()
    _wait_until_idle(host, scenario.get("probe"))
    return {
        "name": scenario["name"],
        "users": users,
        "seconds": round(elapsed, 3),
        "requests": len(times),
        "failures": failures,
        "bytes": state["bytes"],
        "times_ms": times,
    }


def main() -> None:
    plan = json.loads(Path(sys.argv[1]).read_text())
    host = plan["host"]
    if urlsplit(host).hostname not in ALLOWED_HOSTS:
        raise SystemExit(f"Refusing to send load to {host}: only the loopback address.")
    results = []
    for scenario in plan["scenarios"]:
        result = run_scenario(host, scenario)
        results.append(result)
        failed = sum(result["failures"].values())
        print(
            f"  {scenario['name']:<26} {scenario['users']:>3} clients: "
            f"{result['requests']:>6} requests in {result['seconds']:.1f} s"
            + (f", {failed} FAILED {result['failures']}" if failed else ""),
            flush=True,
        )
    Path(sys.argv[2]).write_text(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
