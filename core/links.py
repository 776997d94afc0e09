"""Absolute addresses for what leaves the service: emails, the feed, the sitemap.

They come from one setting, `SITE_URL` (checked at start-up in production), never from the
request: an email sent by a Celery worker has no request, and a Host header is the sender's.
"""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as `reverse` gives it) on the service's public address."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")
