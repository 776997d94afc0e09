"""The audit pages: read-only, for programme administrators.

The audit log of every recorded change; the read log of every view of a child's personal
details (DESIGN rule 14), by reference only; and the erasures of those details.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from audit.forms import AuditFilterForm, ChildViewFilterForm, ErasureFilterForm
from audit.selectors import AuditEvent, audit_entries, audit_events
from inspections.permissions import is_programme_admin
from privacy import selectors as privacy_selectors

NOT_ALLOWED = "Only programme administrators can read the audit log."
ENTRIES_PER_PAGE = 50


def _check_programme_admin(request: HttpRequest) -> None:
    if not is_programme_admin(request.user):
        raise PermissionDenied(NOT_ALLOWED)


def _filters(form: forms.Form) -> dict:
    if form.is_bound and form.is_valid():
        return {k: v for k, v in form.cleaned_data.items() if v is not None}
    return {}


def _page(request: HttpRequest, rows: QuerySet | list) -> Page:
    return Paginator(rows, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    """The filters in the address, for the pages' links (without the page number)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    _check_programme_admin(request)
    form = AuditFilterForm(request.GET or None)
    filters = _filters(form)
    page: Page | None = None
    events: list[AuditEvent] = []
    if not form.errors:
        page = _page(request, audit_entries(**filters))
        events = audit_events(list(page.object_list))
    return render(
        request,
        "audit/audit_log.html",
        {"form": form, "page": page, "events": events, "query": _query(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def child_views(request: HttpRequest) -> HttpResponse:
    """Who saw which child's personal details, when, on which page: newest first."""
    _check_programme_admin(request)
    form = ChildViewFilterForm(request.GET or None)
    filters = _filters(form)
    if "user" in filters:
        filters["viewer"] = filters.pop("user")
    page = None if form.errors else _page(request, privacy_selectors.child_detail_views(**filters))
    return render(
        request,
        "audit/child_views.html",
        {"form": form, "page": page, "query": _query(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def erasures(request: HttpRequest) -> HttpResponse:
    """What was erased of children's personal details, when, on which inspection."""
    _check_programme_admin(request)
    form = ErasureFilterForm(request.GET or None)
    filters = _filters(form)
    page = None if form.errors else _page(request, privacy_selectors.erasure_records(**filters))
    return render(
        request,
        "audit/erasures.html",
        {"form": form, "page": page, "query": _query(request)},
        status=400 if form.errors else 200,
    )
