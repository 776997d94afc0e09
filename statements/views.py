"""Thin views of the written statement of action: programme staff record it; the public, once it
is published, downloads it from the report's address."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import apply_service_errors
from core.storage import read_stored
from inspections.models import Inspection
from statements import selectors, services
from statements.forms import ActionChangeForm, ActionForm, NoteForm, PublishForm, ReceiptForm
from statements.models import StatementAction, StatementOfAction
from statements.permissions import check_manage_statements


def programme_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to sign in; signed-in people who are not programme staff get 403."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        check_manage_statements(request.user)
        return view(request, *args, **kwargs)

    return login_required(guarded)


def _owed(reference: str) -> tuple[Inspection, selectors.OwedStatement]:
    """The inspection and the statement it owes; 404 when it owes none."""
    inspection = selectors.inspection_get(reference=reference)
    owed = selectors.statement_owed(inspection=inspection)
    if owed is None:
        raise Http404("No statement of action is owed.")
    return inspection, owed


@programme_admin_required
@require_safe
def statement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "statements/statement_list.html",
        {"owed": selectors.statements_owed(), "today": selectors.today()},
    )


@programme_admin_required
@require_safe
def overdue_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "statements/overdue.html",
        {"overdue": selectors.overdue(), "today": selectors.today()},
    )


@programme_admin_required
@require_safe
def statement_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """The inspection's statement: owed or not, received, its actions and monitoring notes."""
    inspection = selectors.inspection_get(reference=reference)
    owed = selectors.statement_owed(inspection=inspection)
    statement = owed.statement if owed else None
    return render(
        request,
        "statements/statement_detail.html",
        {
            "inspection": inspection,
            "owed": owed,
            "statement": statement,
            "notes": statement.notes.select_related("recorded_by") if statement else [],
            "today": selectors.today(),
        },
    )


def _form_page(request, template: str, form, owed, heading: str, **context) -> HttpResponse:
    context = {"form": form, "owed": owed, "inspection": owed.inspection, "heading": heading}
    return render(request, template, context)


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def statement_receive(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, owed = _owed(reference)
    form = ReceiptForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_receive(
                acting_user=request.user,
                inspection=inspection,
                received_on=form.cleaned_data["received_on"],
                upload=form.cleaned_data["pdf"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Written statement of action recorded.")
            return redirect("statements:detail", reference=reference)
    heading = "Replace the statement" if owed.statement else "Record the statement received"
    return _form_page(request, "statements/receipt_form.html", form, owed, heading)


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_edit(request: HttpRequest, reference: str, action_id: int | None = None) -> HttpResponse:
    """Add an action of the statement (no `action_id`) or change one."""
    inspection, owed = _owed(reference)
    if owed.statement is None:
        raise Http404("No statement received.")
    action = None
    if action_id is not None:
        action = get_object_or_404(StatementAction, pk=action_id, statement=owed.statement)
    form = (ActionChangeForm if action else ActionForm)(
        request.POST or None,
        initial=_action_initial(action),
        bodies=selectors.partner_bodies(inspection=inspection),
        submit="Save the action" if action else "Add the action",
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["seen_version"] = data.pop("version", None)
        try:
            services.action_save(
                acting_user=request.user, inspection=inspection, action=action, **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Action saved." if action else "Action added.")
            return redirect("statements:detail", reference=reference)
    heading = "Change the action" if action else "Add an action"
    return _form_page(request, "statements/action_form.html", form, owed, heading)


def _action_initial(action: StatementAction | None) -> dict:
    if action is None:
        return {}
    return {
        "description": action.description,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "status": action.status,
        "version": action.version,
    }


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def note_create(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, owed = _owed(reference)
    if owed.statement is None:
        raise Http404("No statement received.")
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_add(acting_user=request.user, inspection=inspection, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Monitoring note added.")
            return redirect("statements:detail", reference=reference)
    return _form_page(request, "statements/note_form.html", form, owed, "Add a monitoring note")


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def statement_publish(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, owed = _owed(reference)
    if owed.statement is None or owed.statement.published_on is not None:
        raise Http404("No statement to publish.")
    form = PublishForm(request.POST or None, initial={"published_on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_publish(
                acting_user=request.user, inspection=inspection, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "The statement is published: the report's page links it.")
            return redirect("statements:detail", reference=reference)
    return _form_page(request, "statements/publish_form.html", form, owed, "Publish the statement")


def _pdf_response(request: HttpRequest, statement: StatementOfAction) -> HttpResponse:
    """The stored file, with an ETag from its SHA-256 so that an unchanged file is a 304."""
    etag = f'"{statement.sha256}"'
    last_modified = int(statement.modified_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(content_type="application/pdf")
        if request.method != "HEAD":
            response.content = read_stored(statement.pdf.name)
        response["Content-Length"] = str(statement.size_bytes)
        response["Content-Disposition"] = f'attachment; filename="{statement.download_name}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response


@programme_admin_required
@require_safe
def statement_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """The statement as received, for programme staff, published or not."""
    _inspection, owed = _owed(reference)
    if owed.statement is None:
        raise Http404("No statement received.")
    # Kept out of caches as every signed-in page is (KeepPrivatePagesOutOfCachesMiddleware).
    return _pdf_response(request, owed.statement)


@require_safe
def public_statement_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The published statement, at the report's address; 404 before it is published."""
    statement = selectors.published_statement_for_slug(slug=slug)
    response = _pdf_response(request, statement)
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response
