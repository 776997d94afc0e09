"""Production settings: refuse to start half-configured, and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests; production never sets it.
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_service_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _manage(
        "check",
        DEBUG="0",
        ALLOWED_HOSTS="inspections.example.org",
        SITE_URL="https://inspections.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_service_refuses_to_start_without_allowed_hosts_when_debug_is_off():
    result = _manage(
        "check",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="",
        SITE_URL="https://inspections.example.org",
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_service_refuses_to_start_without_its_public_address_when_debug_is_off():
    # Emails sent by a worker carry absolute links; without SITE_URL they would have none.
    result = _manage(
        "check",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="inspections.example.org",
        SITE_URL="",
    )
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr


def test_a_newcomer_without_settings_is_told_in_one_line_what_is_missing():
    # No environment at all: not even the DEBUG=1 that make run and the tests set.
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "SECRET_KEY, ALLOWED_HOSTS and SITE_URL are not set: set them, or set DEBUG=1 to run "
        "locally (make run does)."
    ]


def test_deploy_check_is_clean_under_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="inspections.example.org",
        SITE_URL="https://inspections.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _production(**env: str) -> subprocess.CompletedProcess:
    return _manage(
        "check",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="inspections.example.org",
        SITE_URL="https://inspections.example.org",
        **env,
    )


def test_a_named_bucket_is_checked_at_start_up():
    # A deployment that names a bucket fails at start-up, not at its first render.
    bad_name = _production(AWS_STORAGE_BUCKET_NAME="Reports_Bucket")
    assert bad_name.returncode != 0
    assert "is not a bucket name" in bad_name.stderr
    key_alone = _production(AWS_STORAGE_BUCKET_NAME="reports", AWS_ACCESS_KEY_ID="key")
    assert key_alone.returncode != 0
    assert "must be set together" in key_alone.stderr
    bad_endpoint = _production(AWS_STORAGE_BUCKET_NAME="reports", AWS_S3_ENDPOINT_URL="store:8333")
    assert bad_endpoint.returncode != 0
    assert "is not an http:// or https:// address" in bad_endpoint.stderr
    good = _production(
        AWS_STORAGE_BUCKET_NAME="reports",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:8333",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    assert good.returncode == 0, good.stderr
