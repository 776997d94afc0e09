"""The team's report pages: ask for renders, follow their progress, and publish.

Thin views: parse the request, call a selector or service, render. Anyone not on the team gets
404 (through `inspection_get_for_user`); a team member without the right gets 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.dates import date_and_time
from core.forms import apply_service_errors
from core.storage import pdf_response
from core.versioning import StaleVersion
from inspections.models import InspectionStatus
from inspections.selectors import inspection_get_for_user
from reports import corrections, permissions, selectors, services
from reports.forms import AcknowledgeFindingForm, PublishForm, RenderRequestForm
from reports.models import RenderStage, ReportState
from reports.personal_data import selectors as personal_data
from reports.personal_data import services as personal_data_services

STAGE_TEXT = {"running": "in progress", "failed": "failed", "waiting": "waiting"}


def _team_inspection(request: HttpRequest, reference: str):
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    if not permissions.may_see_versions(access):
        raise Http404("No such inspection.")
    return inspection, access


def _refusal(form, error: ValidationError, *, now_showing: int) -> int:
    """Show a service's refusal on the form, and the status to answer with.

    After a stale press the page shows the newer version, and the form now names it: trying
    again is then a choice made on what the page shows.
    """
    apply_service_errors(form, error)
    if isinstance(error, StaleVersion):
        form.data["version"] = now_showing
        return 409
    return 400


def _overview(request, inspection, access, form, status=200) -> HttpResponse:
    render_allowed = any(
        permissions.render_allowed_now(access, purpose) for purpose in permissions.RENDER_STATUSES
    )
    return render(
        request,
        "reports/team_overview.html",
        {
            "inspection": inspection,
            "access": access,
            "versions": selectors.report_versions_for_inspection(inspection=inspection),
            "publications": selectors.inspection_publication_status(inspection=inspection),
            # Offered only when a render is possible now; kept to show errors after a refusal.
            "form": form if (render_allowed or form.is_bound) else None,
            "may_publish": permissions.may_publish(access),
            "may_open_correction": permissions.may_open_correction(access),
            "correction": corrections.correction_open_for(inspection=inspection),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_overview(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _team_inspection(request, reference)
    purposes = [p for p in permissions.RENDER_STATUSES if permissions.render_allowed_now(access, p)]
    form = RenderRequestForm(
        request.POST.copy() if request.method == "POST" else None,
        initial={"version": selectors.newest_version_number(inspection=inspection)},
        purposes=purposes,
    )
    if request.method == "POST":
        permissions.check_request_render(access)
        status = 400
        if form.is_valid():
            try:
                version = services.report_request_render(
                    acting_user=request.user,
                    inspection=inspection,
                    purpose=form.cleaned_data["purpose"],
                    publish_at=form.publish_at,
                    seen_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                newest = selectors.newest_version_number(inspection=inspection)
                status = _refusal(form, error, now_showing=newest)
            else:
                messages.success(request, f"Version {version.number} is queued for rendering.")
                return redirect(version)
        return _overview(request, inspection, access, form, status=status)
    return _overview(request, inspection, access, form)


def _done_in(seconds: float) -> str:
    # "0.0 seconds" reads as if nothing happened: a stage that quick says so.
    return "done in under 0.1 seconds" if seconds < 0.05 else f"done in {seconds:.1f} seconds"


def _findings_context(access, version, acknowledge_form) -> dict:
    return {
        "finding_groups": personal_data.finding_groups(version=version),
        # The words around a finding are children's details: the team's alone (DESIGN rule 14).
        "show_finding_words": access.is_team_member,
        "may_acknowledge": permissions.may_acknowledge_findings(access)
        and not hasattr(version, "publication"),
        "acknowledge_form": acknowledge_form,
    }


def _version_context(inspection, access, version, acknowledge_form=None) -> dict:
    done = {stage["stage"]: stage for stage in version.stages}
    stages = []
    for stage in RenderStage:
        entry = done.get(stage.value)
        if entry and entry.get("seconds") is not None:
            state = "done"
        elif entry or version.current_stage == stage.value:
            state = "failed" if version.state == ReportState.FAILED else "running"
        else:
            state = "waiting"
        seconds = entry.get("seconds") if entry else None
        stages.append(
            {
                "stage": stage.value,
                "label": stage.label,
                "state": state,
                "seconds": seconds,
                "text": _done_in(seconds) if state == "done" else STAGE_TEXT[state],
            }
        )
    return {
        "inspection": inspection,
        "access": access,
        "version": version,
        "stages": stages,
        "may_retry": permissions.may_retry(access, version),
        **_findings_context(access, version, acknowledge_form),
        "publication": getattr(version, "publication", None),
        "embargoed": bool(
            getattr(version, "publication", None)
            and version.publication.publish_at > timezone.now()
        ),
    }


@login_required
@never_cache
@require_safe
def version_detail(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    inspection, access = _team_inspection(request, reference)
    version = selectors.report_version_get(inspection=inspection, number=number)
    return render(
        request, "reports/team_version.html", _version_context(inspection, access, version)
    )


@login_required
@never_cache
@require_safe
def version_status(request: HttpRequest, reference: str, number: int) -> JsonResponse:
    """The progress the version page polls for, where JavaScript runs."""
    inspection, access = _team_inspection(request, reference)
    version = selectors.report_version_get(inspection=inspection, number=number)
    context = _version_context(inspection, access, version)
    return JsonResponse(
        {
            "state": version.state,
            "state_label": version.get_state_display(),
            "finished": version.is_finished,
            "stages": context["stages"],
        }
    )


@login_required
@require_POST
def version_retry(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    inspection, access = _team_inspection(request, reference)
    version = selectors.report_version_get(inspection=inspection, number=number)
    try:
        services.report_version_retry(acting_user=request.user, version=version)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Version {version.number} is queued for rendering again.")
    return redirect(version)


@login_required
@require_POST
def version_acknowledge(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    """A lead acknowledges one warning of the personal-data check, with a reason."""
    inspection, access = _team_inspection(request, reference)
    version = selectors.report_version_get(inspection=inspection, number=number)
    permissions.check_acknowledge_findings(access)
    form = AcknowledgeFindingForm(request.POST)
    if form.is_valid():
        try:
            personal_data_services.finding_acknowledge(
                acting_user=request.user,
                version=version,
                finding_key=form.cleaned_data["finding_key"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "The warning is acknowledged.")
            return redirect(f"{version.get_absolute_url()}#personal-data-findings")
    context = _version_context(inspection, access, version, acknowledge_form=form)
    return render(request, "reports/team_version.html", context, status=400)


@login_required
@require_safe
def version_pdf(request: HttpRequest, reference: str, number: int) -> FileResponse:
    """Any ready version, drafts included, for the team only."""
    inspection, _ = _team_inspection(request, reference)
    version = selectors.report_version_get(inspection=inspection, number=number)
    if not version.is_ready:
        raise Http404("This version has no file yet.")
    response = pdf_response(version.pdf.name, filename=version.download_name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _team_inspection(request, reference)
    correcting = inspection.status == InspectionStatus.PUBLISHED
    candidate = selectors.final_version_candidate(inspection=inspection)
    form = PublishForm(
        request.POST.copy() if request.method == "POST" else None,
        initial={"version": candidate.number if candidate else 0},
        correcting=correcting,
    )
    status = 200
    if request.method == "POST":
        permissions.check_publish(access)
        status = 400
        if form.is_valid():
            try:
                publication = services.report_publish(
                    acting_user=request.user,
                    inspection=inspection,
                    seen_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                candidate = selectors.final_version_candidate(inspection=inspection)
                status = _refusal(form, error, now_showing=candidate.number if candidate else 0)
            else:
                messages.success(request, _when_published(publication))
                return redirect("reports_team:overview", reference=inspection.reference)
    context = {"form": form, "correcting": correcting, "candidate": candidate}
    return _render_publish(request, inspection, access, context, status=status)


def _when_published(publication) -> str:
    if publication.publish_at > timezone.now():
        return f"The report will be published at {date_and_time(publication.publish_at)}."
    return "The report is published."


def _render_publish(request, inspection, access, context: dict, *, status: int) -> HttpResponse:
    missing = selectors.publication_missing_conditions(inspection=inspection)
    correction = corrections.correction_open_for(inspection=inspection)
    changes = None
    if correction is not None and not missing:
        after = corrections.content_snapshot(inspection=inspection)
        changes = corrections.correction_changes(correction=correction, after=after)
    return render(
        request,
        "reports/team_publish.html",
        {
            "inspection": inspection,
            "access": access,
            **context,
            "missing": missing,
            "render_again": any(selectors.is_date_condition(message) for message in missing),
            "correction": correction,
            "changes": changes,
            "may_publish": permissions.may_publish(access),
        },
        status=status,
    )
