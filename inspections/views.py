"""Thin views: parse the request, call a selector or service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import child_views, dashboard
from core.forms import apply_service_errors
from inspections import case_samples, permissions, selectors, services
from inspections.forms import (
    CaseSampleEditForm,
    CaseSampleForm,
    FieldworkContinuesForm,
    InspectionCreateForm,
    InspectionSetUpForm,
    StageMoveForm,
    TeamMemberAddForm,
)
from inspections.models import CaseSample, InspectionStatus, TeamMember


def _stage_url(inspection) -> str:
    return reverse("inspections:move_stage", kwargs={"reference": inspection.reference})


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = selectors.inspections_for_user(user=request.user)
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "inspections": inspections,
            "can_create": permissions.is_programme_admin(request.user),
            # Each app says what awaits the user in its own work.
            "awaiting": dashboard.awaiting_for_user(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    permissions.check_manage_programme(request.user)
    # Selection links here with the chosen area filled in (?local_authority=<id>).
    initial = {"local_authority": request.GET.get("local_authority")}
    form = InspectionCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.inspection_create(
                acting_user=request.user,
                local_authority=data["local_authority"],
                kind=data["kind"],
                window_start=data["window_start"],
                window_end=data["window_end"],
                inspectorate_codes=[i.code for i in data["inspectorates"]],
                lead_inspector=data["lead_inspector"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Inspection {inspection.reference} set up.")
            return redirect(inspection)
    return render(request, "inspections/inspection_form.html", {"form": form, "creating": True})


def _continues_url(inspection) -> str:
    return reverse("inspections:fieldwork_continues", kwargs={"reference": inspection.reference})


def _detail(request, inspection, access, *, stage_form=None, continues_form=None, status=200):
    """The inspection's page; a refused form is shown again with its errors."""
    allowed = sorted(services.STAGE_MOVES[inspection.status])
    if stage_form is None and allowed:
        stage_form = StageMoveForm(allowed=allowed, action=_stage_url(inspection))
    if continues_form is None and inspection.fieldwork_overrun and access.can_move_stage:
        continues_form = FieldworkContinuesForm(action=_continues_url(inspection))
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "access": access,
            "participations": selectors.participations_for_inspection(inspection=inspection),
            "team": selectors.team_for_inspection(inspection=inspection),
            "inspection_links": dashboard.inspection_links(inspection=inspection, access=access),
            "stage_form": stage_form,
            "continues_form": continues_form,
            "allowed": allowed,
        },
        status=status,
    )


@login_required
@require_safe
def inspection_detail(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = selectors.inspection_get_for_user(user=request.user, reference=reference)
    return _detail(request, inspection, access)


@login_required
@require_POST
def inspection_fieldwork_continues(request: HttpRequest, reference: str) -> HttpResponse:
    """DESIGN rule 1: fieldwork after the window closed goes on only with a recorded reason."""
    inspection, access = selectors.inspection_get_for_user(user=request.user, reference=reference)
    permissions.check_move_stage(access)
    form = FieldworkContinuesForm(request.POST, action=_continues_url(inspection))
    if form.is_valid():
        try:
            services.inspection_record_fieldwork_continues(
                acting_user=request.user, inspection=inspection, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "The reason for continuing fieldwork is recorded.")
            return redirect(inspection)
    return _detail(request, inspection, access, continues_form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inspection_set_up(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, _ = selectors.inspection_get_for_user(user=request.user, reference=reference)
    permissions.check_manage_programme(request.user)
    initial = {
        "window_start": inspection.window_start,
        "window_end": inspection.window_end,
        "inspectorates": [p.inspectorate for p in inspection.participations.all()],
    }
    form = InspectionSetUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_update_set_up(
                acting_user=request.user,
                inspection=inspection,
                window_start=form.cleaned_data["window_start"],
                window_end=form.cleaned_data["window_end"],
                inspectorate_codes=[i.code for i in form.cleaned_data["inspectorates"]],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Window and participants saved.")
            return redirect(inspection)
    return render(
        request,
        "inspections/inspection_form.html",
        {"form": form, "inspection": inspection, "creating": False},
    )


@login_required
@require_POST
def inspection_move_stage(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = selectors.inspection_get_for_user(user=request.user, reference=reference)
    permissions.check_move_stage(access)
    form = StageMoveForm(request.POST, allowed=None, action=_stage_url(inspection))
    if form.is_valid():
        try:
            services.inspection_move_stage(
                acting_user=request.user,
                inspection=inspection,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            label = InspectionStatus(form.cleaned_data["to_status"]).label.lower()
            messages.success(request, f"The inspection is now at {label}.")
            return redirect(inspection)
    return _detail(request, inspection, access, stage_form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_manage(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, _ = selectors.inspection_get_for_user(user=request.user, reference=reference)
    permissions.check_manage_programme(request.user)
    form = TeamMemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.team_member_add(
                acting_user=request.user,
                inspection=inspection,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, f"{member.user} added to the team as {member.get_role_display().lower()}."
            )
            return redirect("inspections:team", reference=inspection.reference)
    return render(
        request,
        "inspections/team.html",
        {
            "inspection": inspection,
            "team": selectors.team_for_inspection(inspection=inspection),
            "form": form,
        },
    )


@login_required
@require_POST
def team_member_remove(request: HttpRequest, reference: str, member_id: int) -> HttpResponse:
    inspection, _ = selectors.inspection_get_for_user(user=request.user, reference=reference)
    permissions.check_manage_programme(request.user)
    member = get_object_or_404(TeamMember, pk=member_id, inspection=inspection)
    services.team_member_remove(acting_user=request.user, inspection=inspection, member=member)
    messages.success(request, f"{member.user} removed from the team.")
    return redirect("inspections:team", reference=inspection.reference)


# --- Case samples ------------------------------------------------------------------------------


def _case_samples_or_404(request: HttpRequest, reference: str):
    """Case pages carry children's personal details: anyone not on the team gets 404."""
    inspection, access = selectors.inspection_get_for_user(user=request.user, reference=reference)
    if not permissions.case_samples_visible(access):
        raise Http404("No such inspection.")
    return inspection, access


# What the read log calls each page that shows a child's personal details (DESIGN rule 14).
CASE_PAGE = "case sample"
CASE_EDIT_PAGE = "case sample (edit form)"


def _case_or_404(inspection, pk: int) -> CaseSample:
    return get_object_or_404(
        CaseSample.objects.select_related("added_by").prefetch_related("agencies_involved"),
        pk=pk,
        inspection=inspection,
    )


def _record_view(request: HttpRequest, inspection, case: CaseSample, page: str) -> None:
    """Every page served with a child's personal details is in the read log (a HEAD too: the
    page was served), by the case's internal reference. Once erased, there are none to see."""
    if case.personal_details_erased_at is None:
        child_views.record_child_view(
            viewer=request.user,
            inspection=inspection,
            child_reference=case.internal_reference,
            page=page,
        )


def _case_details(data: dict) -> case_samples.CaseDetails:
    return case_samples.CaseDetails(
        **{name: data[name] for name in case_samples.CaseDetails.__dataclass_fields__}
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def case_list(request: HttpRequest, reference: str) -> HttpResponse:
    """References, age bands and agencies only: no personal details, so nothing to log."""
    inspection, access = _case_samples_or_404(request, reference)
    return render(
        request,
        "inspections/case_list.html",
        {
            "inspection": inspection,
            "cases": inspection.case_samples.prefetch_related("agencies_involved"),
            "may_add": permissions.case_sample_may_add(access),
        },
    )


# A case's form carries a child's personal details: an error report (the DEBUG page, an email to
# the administrators) shows none of what was posted, nor the view's variables.
@sensitive_variables()
@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def case_create(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _case_samples_or_404(request, reference)
    permissions.check_add_case_sample(access)
    form = CaseSampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = case_samples.case_sample_create(
                acting_user=request.user,
                inspection=inspection,
                agencies_involved=list(form.cleaned_data["agencies_involved"]),
                **vars(_case_details(form.cleaned_data)),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Case {case.internal_reference} added.")
            return redirect("inspections:case_detail", reference=reference, pk=case.pk)
    return render(
        request,
        "inspections/case_form.html",
        {"inspection": inspection, "form": form, "kept_days": settings.PERSONAL_DETAILS_KEPT_DAYS},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def case_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, access = _case_samples_or_404(request, reference)
    case = _case_or_404(inspection, pk)
    _record_view(request, inspection, case, CASE_PAGE)
    return render(
        request,
        "inspections/case_detail.html",
        {
            "inspection": inspection,
            "case": case,
            "evidence": case.evidence.select_related("author", "inspectorate"),
            "history": case_samples.case_sample_history(case=case),
            "may_change": permissions.case_sample_may_change(access),
        },
    )


def _as_saved(case: CaseSample) -> dict:
    fields = case_samples.CaseDetails.__dataclass_fields__
    return {
        **{name: getattr(case, name) for name in fields},
        "agencies_involved": [agency.code for agency in case.agencies_involved.all()],
        "version": case_samples.case_sample_version(case),
    }


# A case's form carries a child's personal details: an error report (the DEBUG page, an email to
# the administrators) shows none of what was posted, nor the view's variables.
@sensitive_variables()
@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def case_update(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, access = _case_samples_or_404(request, reference)
    case = _case_or_404(inspection, pk)
    permissions.check_change_case_sample(access)
    form = CaseSampleEditForm(request.POST or None, initial=_as_saved(case))
    if request.method == "POST" and form.is_valid():
        try:
            case_samples.case_sample_update(
                acting_user=request.user,
                case=case,
                seen_version=form.version_seen,
                details=_case_details(form.cleaned_data),
                agencies_involved=list(form.cleaned_data["agencies_involved"]),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Case {form.cleaned_data['internal_reference']} saved.")
            return redirect("inspections:case_detail", reference=reference, pk=case.pk)
    _record_view(request, inspection, case, CASE_EDIT_PAGE)
    context = {
        "inspection": inspection,
        "form": form,
        "case": case,
        "kept_days": settings.PERSONAL_DETAILS_KEPT_DAYS,
    }
    return render(request, "inspections/case_form.html", context)
