"""Request checks that belong to no one page."""

from __future__ import annotations

import logging
import time

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from core.prepared import planned_once
from core.storage import StoreUnavailable

logger = logging.getLogger(__name__)


class RejectNulBytesMiddleware:
    """Answer 400 to an address or query string holding a NUL byte.

    No address of the service contains one, and PostgreSQL cannot compare text with one: a
    lookup such as an inspection reference from the address would fail as a server error.
    Form fields are checked by their forms (Django refuses NUL in text fields).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "\x00" in request.path_info or self._in_query(request):
            raise BadRequest("NUL byte in the address")
        return self.get_response(request)

    @staticmethod
    def _in_query(request: HttpRequest) -> bool:
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        )


class PlanOnceMiddleware:
    """Every read a request makes is planned once per database connection (core/prepared.py).

    Before the session middleware, so that the session and the user are read this way too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with planned_once():
            return self.get_response(request)


class KeepPrivatePagesOutOfCachesMiddleware:
    """Send every page that is not public with `Cache-Control: private, no-store`.

    Signed-in pages show children's details and unpublished judgements: a browser must not keep
    them, or a shared computer shows them from its cache after sign-out, and no proxy may store
    them. Public pages (the published reports, their PDFs, the feed and the open-data API: the
    `reports` namespace, and a published statement of action: `statements_public`) keep their
    own caching and ETags; static files are answered before this
    runs. Anything else, including a redirect to sign in or an error, is private: a new page is
    kept out of caches unless it is added to the public side.
    """

    PUBLIC_NAMESPACES = frozenset({"reports", "statements_public", "thematic_public"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not self.is_public(request):
            # Added to what the view said (a health check's no-cache stays), never replaced by it.
            patch_cache_control(response, private=True, no_store=True)
        return response

    @classmethod
    def is_public(cls, request: HttpRequest) -> bool:
        # Set once the address is resolved; a request answered before that (a redirect to give a
        # second factor, a lockout) is not a public page.
        match = getattr(request, "resolver_match", None)
        return match is not None and bool(cls.PUBLIC_NAMESPACES & set(match.namespaces))


class StoreUnavailableMiddleware:
    """Answer 503 with a GOV.UK page when the file store is down (a download, an upload).

    The store's error is logged, never shown; nothing was saved (the service's transaction
    rolled back with the error), and the page says to try again later (ADR 0015).
    """

    RETRY_AFTER_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, StoreUnavailable):
            return None
        logger.error("File store unavailable for %s: %s", request.path, exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        patch_cache_control(response, no_store=True)
        return response


class RefreshSessionMiddleware:
    """Restart a signed-in session's hour of inactivity at most once a minute.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) was a database write on
    every page of a signed-in user, the busiest of them the workspace (bench/README.md). Now a
    session that a request read is saved, with a new expiry and cookie, only when it was last
    refreshed a minute ago or more: a session still ends between 59 and 60 minutes after its
    user's last request. A session no request read (an anonymous public page) is left alone.
    """

    REFRESHED_AT = "_refreshed_at"
    EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        if now - int(session.get(self.REFRESHED_AT, 0)) >= self.EVERY_SECONDS:
            session[self.REFRESHED_AT] = now  # modified: SessionMiddleware saves it
        return response
