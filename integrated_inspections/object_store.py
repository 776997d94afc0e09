"""The S3-compatible bucket's settings, read from the environment and checked at start-up.

A deployment that names a bucket must be able to use it: boto3 installed, the bucket's name a
valid one, the endpoint an http(s) address, and the access key and its secret given together
(or neither, for a role the machine holds). Anything else stops the service at start-up with a
one-line message, as a missing SECRET_KEY does, instead of failing at the first render.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# S3's rule for a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens.
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


def s3_settings(environ: Mapping[str, str], *, bucket: str) -> dict[str, Any]:
    """The django-storages settings for `bucket`, from `environ` (the process's environment)."""
    try:
        from botocore.config import Config
    except ImportError as error:  # pragma: no cover - boto3 is a runtime dependency
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME is set but boto3 is not installed: install the service's "
            "dependencies (pyproject.toml)."
        ) from error
    if not BUCKET_NAME.match(bucket):
        raise ImproperlyConfigured(
            f"AWS_STORAGE_BUCKET_NAME {bucket!r} is not a bucket name: 3 to 63 lower-case "
            "letters, digits, dots and hyphens."
        )
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "")
    if endpoint and not re.match(r"^https?://[^/\s]+", endpoint):
        raise ImproperlyConfigured(
            f"AWS_S3_ENDPOINT_URL {endpoint!r} is not an http:// or https:// address."
        )
    key = environ.get("AWS_ACCESS_KEY_ID", "")
    secret = environ.get("AWS_SECRET_ACCESS_KEY", "")
    if bool(key) != bool(secret):
        raise ImproperlyConfigured(
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (or neither, to "
            "use the role the machine holds)."
        )
    return {
        "AWS_S3_ENDPOINT_URL": endpoint or None,
        "AWS_S3_REGION_NAME": environ.get("AWS_S3_REGION_NAME") or None,
        "AWS_S3_ACCESS_KEY_ID": key or None,
        "AWS_S3_SECRET_ACCESS_KEY": secret or None,
        # The bucket stays private: files are only ever read through the service.
        "AWS_DEFAULT_ACL": None,
        "AWS_QUERYSTRING_AUTH": True,
        # Names are made from the content's SHA-256: the same name is always the same bytes.
        "AWS_S3_FILE_OVERWRITE": True,
        # A download is held in memory up to this size, beyond it in a temporary file.
        "AWS_S3_MAX_MEMORY_SIZE": 8 * 1024 * 1024,
        # A store that is down answers within seconds (a render records it and is tried again, a
        # download answers 503), instead of botocore's minute of connecting and retrying.
        "AWS_S3_CLIENT_CONFIG": Config(
            connect_timeout=float(environ.get("AWS_S3_CONNECT_TIMEOUT") or 2),
            read_timeout=float(environ.get("AWS_S3_READ_TIMEOUT") or 20),
            retries={"max_attempts": 2, "mode": "standard"},
            signature_version="s3v4",
            # Path-style addresses: S3-compatible stores (SeaweedFS, MinIO) need them.
            s3={"addressing_style": "path" if endpoint else "auto"},
        ),
    }
