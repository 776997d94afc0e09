"""The team's pages of the factual accuracy round, at /inspections/<reference>/factual-accuracy/.

Thin views: anyone not on the team gets 404 (through `inspection_get_for_user`); a team member
without the right gets 403 from the service's permission check.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accuracy import permissions, selectors, services
from accuracy.forms import DispositionForm
from accuracy.models import AccuracyLink, ResponseState
from core.dates import long_date
from core.forms import apply_service_errors
from core.storage import pdf_response
from core.versioning import StaleVersion
from inspections.selectors import inspection_get_for_user


def _inspection(request: HttpRequest, reference: str):
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    if not permissions.may_see_round(access):
        raise Http404("No such inspection.")
    return inspection, access


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_http_methods(["GET", "HEAD"])
def overview(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _inspection(request, reference)
    round_ = selectors.newest_round(inspection=inspection)
    names = selectors.inspectorate_names(inspection=inspection)
    context = {
        "inspection": inspection,
        "access": access,
        "round": round_,
        "may_send": permissions.may_send(access),
        "may_close": permissions.may_close(access),
        "contacts": selectors.area_contacts_active(inspection=inspection),
        "draft": selectors.newest_draft(inspection=inspection),
        "today": timezone.localdate(),
    }
    if round_ is None or not round_.is_open:
        context["send_missing"] = services.send_missing(inspection=inspection)
    if round_ is not None:
        context["groups"] = selectors.comments_by_section(round_, names)
        context["links"] = selectors.round_links(round_)
        context["close_missing"] = selectors.close_missing(round_) if round_.is_open else []
    return render(request, "accuracy/overview.html", context)


@login_required
@require_POST
def send(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _inspection(request, reference)
    permissions.check_send(access)
    try:
        round_ = services.round_send(acting_user=request.user, inspection=inspection)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            f"The draft is sent to {round_.links.count()} contacts. "
            f"Comments are due by {long_date(round_.deadline)}.",
        )
    return redirect("accuracy:overview", reference=inspection.reference)


def _link_action(request: HttpRequest, reference: str, pk: int, action, done: str):
    inspection, access = _inspection(request, reference)
    permissions.check_manage_links(access)
    link = get_object_or_404(
        AccuracyLink.objects.select_related("contact"), pk=pk, round__inspection=inspection
    )
    try:
        action(acting_user=request.user, link=link)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, done.format(name=link.contact.name))
    return redirect("accuracy:overview", reference=inspection.reference)


@login_required
@require_POST
def link_revoke(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    return _link_action(request, reference, pk, services.link_revoke, "{name}'s link is revoked.")


@login_required
@require_POST
def link_reissue(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    return _link_action(
        request, reference, pk, services.link_reissue, "A new link is sent to {name}."
    )


def _dispose(request: HttpRequest, form: DispositionForm, item) -> tuple[int, object]:
    """Record the disposition; the status to answer with (302 when done) and the comment."""
    try:
        services.comment_dispose(
            acting_user=request.user,
            comment=item,
            outcome=form.cleaned_data["outcome"],
            change_made=form.cleaned_data["change_made"],
            reason=form.cleaned_data["reason"],
            seen_version=form.version_seen,
        )
    except ValidationError as error:
        apply_service_errors(form, error)
        if isinstance(error, StaleVersion):
            # The page now shows the other person's disposition, and the form names it.
            form.data["version"] = error.current.version
            return 409, error.current
        return 400, item
    return 302, item


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, access = _inspection(request, reference)
    item = selectors.comment_get(inspection=inspection, pk=pk)
    names = selectors.inspectorate_names(inspection=inspection)
    section = {s.key: s for s in selectors.round_sections(item.round, names)}.get(item.section_key)
    owner, owner_name = (section.owner if section else ""), selectors.owner_name(section, names)
    initial = {f: getattr(item, f) for f in ("version", "outcome", "change_made", "reason")}
    form = DispositionForm(
        request.POST.copy() if request.method == "POST" else None, initial=initial
    )
    status = 200
    if request.method == "POST":
        permissions.check_dispose(access, owner, owner_name)
        status = 400
        if form.is_valid():
            status, item = _dispose(request, form, item)
            if status == 302:
                messages.success(request, f"Disposition recorded: {item.section_title}.")
                return redirect("accuracy:overview", reference=inspection.reference)
    context = {
        "inspection": inspection,
        "comment": item,
        "form": form,
        "owner_name": owner_name,
        "may_dispose": permissions.may_dispose(access, owner) and item.round.is_open,
    }
    return render(request, "accuracy/comment.html", context, status=status)


@login_required
@require_POST
def close(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _inspection(request, reference)
    permissions.check_close(access)
    try:
        services.round_close(acting_user=request.user, inspection=inspection)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, "The factual accuracy round is closed. The response document is being made."
        )
    return redirect("accuracy:overview", reference=inspection.reference)


@login_required
@require_http_methods(["GET", "HEAD"])
def response_pdf(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    inspection, _ = _inspection(request, reference)
    round_ = get_object_or_404(inspection.accuracy_rounds, pk=pk)
    return response_file(round_)


def response_file(round_) -> FileResponse:
    if round_.response_state != ResponseState.READY:
        raise Http404("The response document is not ready.")
    response = pdf_response(round_.response_pdf.name, filename=round_.response_download_name)
    response["Cache-Control"] = "private, no-store"
    return response
