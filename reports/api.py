"""Open data: the published reports and every judgement in them, as JSON.

`/api/reports/` lists them (paginated, with the public list's filters: area, dates,
inspectorate, grade); `/api/reports/<slug>/` is one report with every judgement and its scale,
its corrections and its file. The judgements are those printed in the published file
(`ReportJudgement`), so the data and the PDF a reader downloads always agree.

Every answer carries an ETag (a digest of its body), so a client asking again with
If-None-Match gets 304 while nothing changed; every error, whatever its status, has one shape:
`{"error": {"status": 404, "code": "not_found", "message": "...", "fields": {...}}}`.
Dates and times are ISO 8601 (DESIGN rule 21).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response

from reports import selectors
from reports.forms import ReportSearchForm
from reports.models import Publication, ReportJudgement
from reports.selectors import ReportFilters

PAGE_SIZE = 50
PAGE_NOT_FOUND = "There is no page {page}."
REPORT_NOT_FOUND = "There is no published report at this address."
INVALID_QUERY = "The search is not valid: see fields."
NOTHING_HERE = "There is nothing at this address."
METHOD_NOT_ALLOWED = "This address answers GET and HEAD only."
SAFE_METHODS = ("GET", "HEAD")


def error_response(
    status: int, code: str, message: str, *, fields: dict | None = None
) -> HttpResponse:
    """The one shape of every error the API gives."""
    error = {"status": status, "code": code, "message": message}
    if fields:
        error["fields"] = fields
    response = _json(status, {"error": error})
    if status == 405:
        response["Allow"] = ", ".join(SAFE_METHODS)
    return response


def _json(status: int, data: dict) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=False).encode()
    response = HttpResponse(body, status=status, content_type="application/json")
    # Open data: any web page may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _conditional(request: HttpRequest, data: dict) -> HttpResponse:
    """200 with an ETag, or 304 when the client's copy (If-None-Match) is still the answer."""
    response = _json(200, data)
    etag = '"' + hashlib.sha256(response.content).hexdigest() + '"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["Access-Control-Allow-Origin"] = "*"
        response = not_modified
    response["ETag"] = etag
    # Anyone may keep a copy, but must ask again (cheaply, with the ETag) before using it.
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only, and a missing report answered in the API's error shape."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            return error_response(405, "method_not_allowed", METHOD_NOT_ALLOWED)
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return error_response(404, "not_found", REPORT_NOT_FOUND)

    return wrapper


def _scale(publication: Publication, row: ReportJudgement):
    framework = publication.inspection.framework
    if row.inspectorate is None:
        return framework.grade_scale
    try:
        return framework.scale_for(row.inspectorate.code, row.area_code)
    except KeyError:
        # An area no longer in the framework's data: its version's own scale.
        return framework.grade_scale


def _judgement(publication: Publication, row: ReportJudgement) -> dict:
    scale = _scale(publication, row)
    return {
        "inspectorate": row.inspectorate.code if row.inspectorate else None,
        # The name as the inspection's framework version gives it (HMIC became HMICFRS in 2017).
        "inspectorate_name": (
            publication.inspection.framework.inspectorate_name(row.inspectorate.code)
            if row.inspectorate
            else "All inspectorates (shared)"
        ),
        "shared": row.inspectorate is None,
        "area": row.area_code,
        "area_title": row.area_title,
        "grade": row.grade or None,
        "grade_label": row.grade_label or None,
        "scale": {"code": scale.code, "name": scale.name},
    }


def _report(request: HttpRequest, publication: Publication) -> dict:
    inspection = publication.inspection
    area = inspection.local_authority
    version = publication.report_version
    return {
        "slug": publication.slug,
        "title": f"Joint inspection of services for children in {area.name}",
        "url": request.build_absolute_uri(publication.get_absolute_url()),
        "api_url": request.build_absolute_uri(
            reverse("reports:api_detail", kwargs={"slug": publication.slug})
        ),
        "area": {"name": area.name, "ons_code": area.ons_code, "region": area.region},
        "inspection": {
            "reference": inspection.reference,
            "kind": inspection.kind,
            "window_start": inspection.window_start.isoformat(),
            "window_end": inspection.window_end.isoformat(),
            "inspectorates": [p.inspectorate.code for p in inspection.participations.all()],
        },
        "published_at": publication.publish_at.isoformat(),
        "version": version.number,
        "correction_note": publication.correction_note or None,
        "pdf": {
            "url": request.build_absolute_uri(publication.get_pdf_url()),
            "size_bytes": version.size_bytes,
            "page_count": version.page_count,
            "sha256": version.sha256,
        },
        "judgements": [_judgement(publication, row) for row in version.judgements.all()],
    }


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api_view
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        fields = {
            name: [error["message"] for error in errors]
            for name, errors in form.errors.get_json_data().items()
        }
        return error_response(400, "invalid_query", INVALID_QUERY, fields=fields)
    filters = form.filters if form.is_bound else ReportFilters()
    reports = selectors.with_judgements(selectors.published_reports(filters=filters))
    paginator = Paginator(reports, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        message = PAGE_NOT_FOUND.format(page=request.GET.get("page"))
        return error_response(404, "page_not_found", message, fields={"page": [message]})
    return _conditional(
        request,
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_url(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "results": [_report(request, publication) for publication in page.object_list],
        },
    )


@api_view
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One published report: its current version, every judgement and scale, its corrections."""
    publication = selectors.publication_for_api(slug=slug)
    history = selectors.publications_for_slug(slug=slug)
    data = _report(request, publication)
    data["corrections"] = [
        {
            "version": earlier.report_version.number,
            "published_at": earlier.publish_at.isoformat(),
            "note": earlier.correction_note,
        }
        for earlier in history
        if earlier.is_correction
    ]
    data["versions"] = [
        {
            "version": earlier.report_version.number,
            "published_at": earlier.publish_at.isoformat(),
            "current": earlier.pk == publication.pk,
            "url": request.build_absolute_uri(earlier.get_version_url()),
            "pdf_url": request.build_absolute_uri(earlier.get_version_pdf_url()),
            "sha256": earlier.report_version.sha256,
        }
        for earlier in history
    ]
    return _conditional(request, data)


@api_view
def not_found(request: HttpRequest, rest: str) -> HttpResponse:
    """Any other address under /api/: the API's own 404, in its one shape."""
    return error_response(404, "not_found", NOTHING_HERE)
