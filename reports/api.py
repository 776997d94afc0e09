"""Open data: the published reports and every judgement in them, as paginated JSON.

The judgements are those printed in the published file (`ReportJudgement`), so the data and the
PDF a reader downloads always agree. Filters are the public list's (area, dates, inspectorate,
grade).
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from reports import selectors
from reports.forms import ReportSearchForm
from reports.models import Publication
from reports.selectors import ReportFilters

PAGE_SIZE = 50
PAGE_NOT_FOUND = "There is no page {page}."


def _judgement(row) -> dict:
    return {
        "inspectorate": row.inspectorate.code if row.inspectorate else None,
        "inspectorate_name": (
            row.inspectorate.name if row.inspectorate else "All inspectorates (shared)"
        ),
        "shared": row.inspectorate is None,
        "area": row.area_code,
        "area_title": row.area_title,
        "grade": row.grade or None,
        "grade_label": row.grade_label or None,
    }


def _report(request: HttpRequest, publication: Publication) -> dict:
    inspection = publication.inspection
    area = inspection.local_authority
    version = publication.report_version
    return {
        "slug": publication.slug,
        "title": f"Joint inspection of services for children in {area.name}",
        "url": request.build_absolute_uri(publication.get_absolute_url()),
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
        "judgements": [_judgement(row) for row in version.judgements.all()],
    }


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@require_safe
def report_list(request: HttpRequest) -> JsonResponse:
    form = ReportSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    filters = form.filters if form.is_bound else ReportFilters()
    reports = selectors.with_judgements(selectors.published_reports(filters=filters))
    paginator = Paginator(reports, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        message = PAGE_NOT_FOUND.format(page=request.GET.get("page"))
        return JsonResponse({"errors": {"page": [{"message": message}]}}, status=404)
    response = JsonResponse(
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
        json_dumps_params={"ensure_ascii": False},
    )
    # Open data: any web page may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response
