"""Caching the public side, keyed on what is published, so that it is never stale.

Every public page and download depends on the visible publications. The key of anything cached
here holds `publication_state()`: how many publications are visible now and when the newest of
them last changed. A new publication, a correction or an embargo running out changes the state,
and with it every key: nothing embargoed is ever served early. What the state does not cover (an
area renamed in the admin) lasts at most `PUBLIC_CACHE_SECONDS`.

Reading the state is one small query, which was still half the cost of a PDF download; so each
process remembers it for settings.PUBLIC_STATE_SECONDS (two seconds in production; not at all
with DEBUG on, as in development and the tests), never past the moment the next embargo runs
out. Another process may
therefore show a new publication up to two seconds late; publishing forgets the state in the
process that published.

Only anonymous requests are served cached pages: a signed-in user's page (with their name and
sign-out form) is rendered for them every time. The cache is Django's default (per process, in
memory). Before this, the public pages ran at a tenth of the floor's throughput under load
(bench/README.md).
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from reports import selectors
from reports.models import Publication

PUBLIC_CACHE_SECONDS = 300
# (state, monotonic time until which it may be used) for this process.
_remembered: tuple[str, float] | None = None


def _state_seconds() -> float:
    return float(getattr(settings, "PUBLIC_STATE_SECONDS", 0))


def publication_state() -> str:
    """Changes whenever what the public may see changes."""
    global _remembered
    seconds = _state_seconds()
    clock = time.monotonic()
    if seconds > 0 and _remembered is not None and clock < _remembered[1]:
        return _remembered[0]
    now = timezone.now()
    visible = selectors.publications_visible(now=now)
    state = visible.aggregate(visible=Count("id"), changed=Max("modified_at"))
    changed = state["changed"].timestamp() if state["changed"] else 0
    value = f"{state['visible']}:{changed}"
    if seconds > 0:
        next_embargo = Publication.objects.exclude(pk__in=visible.values("pk")).aggregate(
            at=Min("publish_at")
        )["at"]
        until = clock + seconds
        if next_embargo is not None:
            until = min(until, clock + (next_embargo - now).total_seconds())
        _remembered = (value, until)
    return value


def forget_publication_state() -> None:
    """After a publication: this process reads the state afresh on its next request."""
    global _remembered
    _remembered = None


def _key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"reports:{kind}:{digest}"


def _anonymous(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve an anonymous visitor's GET from the cache while the publications are unchanged."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "GET" or not _anonymous(request):
            return view(request, *args, **kwargs)
        key = _key("page", publication_state(), request.get_full_path())
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            # Only a plain page, the same for everyone: never a 404 (an embargoed report stays
            # a 404 only until its time), never one that sets a cookie.
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, response, PUBLIC_CACHE_SECONDS)
        return response

    return wrapper


def publication_current(*, slug: str) -> Publication:
    """`selectors.publication_current` for the PDF download, without the report's HTML, cached
    while the publications are unchanged. Raises Http404 as the selector does."""
    key = _key("current", publication_state(), slug)
    publication = cache.get(key)
    if publication is None:
        publication = selectors.publication_current(slug=slug, without_body=True)
        cache.set(key, publication, PUBLIC_CACHE_SECONDS)
    return publication
