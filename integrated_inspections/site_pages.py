"""The pages every public web service keeps: the footer's accessibility statement, privacy
notice, cookies, licence and service status, and `robots.txt` and the favicon for machines.

The cookies page names the cookies from settings, so it cannot drift from what the service
sets; the status page says in words what `/healthz` gives load balancers as JSON.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.links import absolute_url
from integrated_inspections.health import broker_status, database_status


def _page(name: str):
    """A view of one of the footer's pages: `templates/site/<name>.html`, no sign-in."""

    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, f"site/{name}.html")

    view.__name__ = name
    return view


accessibility = _page("accessibility")
privacy = _page("privacy")
licence = _page("licence")


@require_safe
def cookies(request: HttpRequest) -> HttpResponse:
    """Only essential cookies, named as the settings name them."""
    return render(
        request,
        "site/cookies.html",
        {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "session_minutes": settings.SESSION_COOKIE_AGE // 60,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "messages_cookie": CookieStorage.cookie_name,
        },
    )


@never_cache
@require_safe
def service_status(request: HttpRequest) -> HttpResponse:
    database, broker = database_status(), broker_status()
    return render(
        request,
        "site/status.html",
        {
            "database": database,
            "broker": broker,
            "working": database == "ok",
            "checked_at": timezone.now(),
        },
        status=200 if database == "ok" else 503,
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Published reports are for everyone to find; the team's pages are not for indexing."""
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /inspections/",
        "Disallow: /factual-accuracy/",
        "Disallow: /selection/",
        "Disallow: /areas/",
        "Disallow: /audit/",
        "Disallow: /statements/",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {absolute_url(reverse('reports:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever a page links to."""
    return redirect(static("govuk/images/favicon.ico"), permanent=True)


# The header's and footer's links, on every page: worked out once per process rather than seven
# times a request (bench/README.md, fix 12). URL patterns do not change while a process runs.
SITE_LINKS = ("accessibility", "privacy", "cookies", "service_status", "licence", "login", "logout")


_FOUND: dict[str, dict[str, str]] = {}


def _site_links() -> dict[str, str]:
    # Per script prefix, should the service ever be served under a sub-path.
    prefix = get_script_prefix()
    links = _FOUND.get(prefix)
    if links is None:
        links = {name: reverse(name) for name in SITE_LINKS}
        links["inspections"] = reverse("inspections:list")
        _FOUND[prefix] = links
    return links


def site_links(request: HttpRequest) -> dict[str, dict[str, str]]:
    """Context processor: `site_links.<name>` in every template."""
    return {"site_links": _site_links()}
