"""The public side: published reports, no sign-in. Every read goes through the visibility rule in
`reports.selectors`, so an embargoed report is a 404 here until its publish-at time.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from core import report_links
from core.storage import pdf_response
from reports import caching, rendering, selectors, stamping
from reports.forms import ReportSearchForm
from reports.models import ReportVersion
from reports.selectors import ReportFilters

PAGE_SIZE = 20


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The public start at the published reports; the team's at their inspections."""
    if request.user.is_authenticated:
        return redirect("inspections:list")
    return redirect("reports:list")


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
@caching.cached_public_page
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportSearchForm(request.GET or None)
    filters = form.filters if form.is_bound else ReportFilters()
    reports = selectors.with_judgements(selectors.published_reports(filters=filters))
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/report_list.html",
        {
            "form": form,
            "page": page,
            "reports": selectors.with_headlines(page.object_list),
            "query": _query_without_page(request),
            "searched": form.is_bound,
        },
    )


@require_safe
@caching.cached_public_page
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_current(slug=slug)
    history = selectors.publications_for_slug(slug=slug)
    cover, rest = rendering.split_after_cover(publication.report_version.body_html)
    return render(
        request,
        "reports/report_detail.html",
        {
            "publication": publication,
            "version": publication.report_version,
            "cover": cover,
            "rest": rest,
            "corrections": [p for p in history if p.is_correction],
            "earlier": [p for p in history if p.pk != publication.pk],
            # Documents other apps publish with the report (the statement of action).
            "related": report_links.links_for(publication),
        },
    )


@require_safe
def report_version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    published = selectors.published_version(slug=slug, number=number)
    if published.is_current:
        return redirect("reports:detail", slug=slug)
    version = published.publication.report_version
    cover, rest = rendering.split_after_cover(version.body_html)
    return render(
        request,
        "reports/report_version.html",
        {
            "publication": published.publication,
            "version": version,
            "cover": cover,
            "rest": rest,
            "superseded_by": published.superseded_by,
        },
    )


def _pdf_response(
    request: HttpRequest, version: ReportVersion, *, filename: str, immutable: bool
) -> HttpResponse:
    """The stored file, with an ETag from its SHA-256 so that an unchanged file is a 304."""
    etag = f'"{version.sha256}"'
    last_modified = int(version.finished_at.timestamp()) if version.finished_at else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        response = not_modified
    else:
        response = pdf_response(version.pdf.name, filename=filename)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # A version's own address never changes content; the current address can, on correction.
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if immutable else "public, max-age=0, must-revalidate"
    )
    return response


@require_safe
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    publication = caching.publication_current(slug=slug)
    return _pdf_response(
        request, publication.report_version, filename=f"{slug}.pdf", immutable=False
    )


@require_safe
def report_version_pdf(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    published = selectors.published_version(slug=slug, number=number)
    response = _pdf_response(
        request,
        published.publication.report_version,
        filename=f"{slug}-version-{number}.pdf",
        immutable=True,
    )
    if not published.is_current:
        current = reverse("reports:pdf", kwargs={"slug": slug})
        response["Link"] = f'<{current}>; rel="latest-version"'
    return response


@require_safe
def report_version_pdf_superseded(request: HttpRequest, slug: str, number: int) -> FileResponse:
    """A superseded version's file marked SUPERSEDED on every page; its original stays as it is."""
    published = selectors.published_version(slug=slug, number=number)
    if published.is_current:
        raise Http404("This version is current.")
    name = stamping.superseded_copy(published.publication.report_version)
    response = pdf_response(name, filename=f"{slug}-version-{number}-superseded.pdf")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
