"""The audit log page: read-only, for programme administrators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.forms import AuditFilterForm
from audit.selectors import AuditEvent, audit_entries, audit_events
from inspections.permissions import is_programme_admin

NOT_ALLOWED = "Only programme administrators can read the audit log."
ENTRIES_PER_PAGE = 50


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not is_programme_admin(request.user):
        raise PermissionDenied(NOT_ALLOWED)
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v is not None}
    page: Page | None = None
    events: list[AuditEvent] = []
    if not form.errors:
        page = Paginator(audit_entries(**filters), ENTRIES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        events = audit_events(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_log.html",
        {
            "form": form,
            "page": page,
            "events": events,
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )
