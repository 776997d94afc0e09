"""Production settings and responses, read from a separate process started with DEBUG off.

The test process runs with DEBUG on; the settings module reads DEBUG once at import, so the
production behaviour is only seen in a process of its own.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = r"""
import json
import django
django.setup()
from django.conf import settings
from django.test import Client

names = [
    "DEBUG", "OTP_REQUIRED", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_AGE",
    "SESSION_SAVE_EVERY_REQUEST", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT",
    "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY", "SECURE_CONTENT_TYPE_NOSNIFF",
]
result = {name: getattr(settings, name) for name in names}
client = Client()
plain = client.get("/reports/")
secure = client.get("/healthz", secure=True)
result["plain_status"] = plain.status_code
result["plain_location"] = plain.get("Location", "")
result["secure_headers"] = dict(secure.headers)
print("RESULT " + json.dumps(result))
"""


@functools.cache
def production_settings() -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"OTP_REQUIRED"}}
    environment.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,inspections.example.org",
        SITE_URL="https://inspections.example.org",
        DJANGO_SETTINGS_MODULE="integrated_inspections.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))
