"""Thin views: parse the request, call a selector or service, render. Programme staff only."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import apply_service_errors
from inspections.models import LocalAuthority
from selection import selectors, services
from selection.chart import score_chart
from selection.criteria import CRITERIA
from selection.export import export_rows
from selection.forms import (
    AreaIndicatorsForm,
    DecisionForm,
    IndicatorsImportForm,
    PartnerConcernForm,
    PlacesForm,
    ProgrammeYearForm,
    SelectionPolicyForm,
)
from selection.indicators import INDICATOR_FIELDS
from selection.models import DecisionOutcome, PartnerConcern, ProgrammeYear, SelectionPolicy
from selection.permissions import check_manage_selection


def programme_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to sign in; signed-in people who are not programme staff get 403."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        check_manage_selection(request.user)
        return view(request, *args, **kwargs)

    return login_required(guarded)


def _area(ons_code: str) -> LocalAuthority:
    return get_object_or_404(LocalAuthority, ons_code=ons_code)


def _year(year: int) -> ProgrammeYear:
    return get_object_or_404(ProgrammeYear, year=year)


@programme_admin_required
@require_safe
def selection_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "selection/home.html",
        {
            "programme_years": selectors.programme_years(),
            "policy": selectors.selection_policy_current(),
        },
    )


# ------------------------------------------------------------------------------------------------
# Areas and their indicators
# ------------------------------------------------------------------------------------------------


@programme_admin_required
@require_safe
def area_list(request: HttpRequest) -> HttpResponse:
    areas = selectors.areas_with_indicators()
    joint = selectors.last_joint_inspections()
    rows = [
        {
            "area": area,
            "indicators": selectors.indicators_of(area),
            "concerns": list(area.partner_concerns.all()),
            "last_joint_in_service": joint.get(area.pk),
        }
        for area in areas
    ]
    return render(request, "selection/area_list.html", {"rows": rows})


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def area_detail(request: HttpRequest, ons_code: str) -> HttpResponse:
    """The area's indicators and concerns; the form on this page records a new concern."""
    area = _area(ons_code)
    form = PartnerConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.partner_concern_record(
                acting_user=request.user,
                local_authority=area,
                inspectorate=data["inspectorate"],
                raised_on=data["raised_on"],
                raised_by=data["raised_by"],
                summary=data["summary"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Concern about {area.name} recorded.")
            return redirect("selection:area", ons_code=area.ons_code)
    return render(
        request,
        "selection/area_detail.html",
        {
            "area": area,
            "indicators": selectors.indicators_of(area),
            "concerns": area.partner_concerns.select_related("inspectorate", "recorded_by"),
            "last_joint_in_service": selectors.last_joint_inspections().get(area.pk),
            "form": form,
        },
    )


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def area_indicators_edit(request: HttpRequest, ons_code: str) -> HttpResponse:
    area = _area(ons_code)
    indicators = selectors.indicators_of(area)
    initial = {name: getattr(indicators, name) for name in INDICATOR_FIELDS} if indicators else {}
    form = AreaIndicatorsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.area_indicators_save(
                acting_user=request.user, local_authority=area, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Indicators for {area.name} saved.")
            return redirect("selection:area", ons_code=area.ons_code)
    return render(request, "selection/indicators_form.html", {"area": area, "form": form})


@programme_admin_required
@require_POST
def concern_delete(request: HttpRequest, ons_code: str, concern_id: int) -> HttpResponse:
    area = _area(ons_code)
    concern = get_object_or_404(PartnerConcern, pk=concern_id, local_authority=area)
    services.partner_concern_delete(acting_user=request.user, concern=concern)
    messages.success(request, f"Concern raised by {concern.inspectorate.name} removed.")
    return redirect("selection:area", ons_code=area.ons_code)


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def indicators_import(request: HttpRequest) -> HttpResponse:
    form = IndicatorsImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.indicators_import_csv(
                acting_user=request.user, data=upload.read(), filename=upload.name
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Indicators imported for {result.rows} areas ({result.changed} changed).",
            )
            return redirect("selection:areas")
    return render(request, "selection/indicators_import.html", {"form": form})


# ------------------------------------------------------------------------------------------------
# The policy
# ------------------------------------------------------------------------------------------------


@programme_admin_required
@require_safe
def policy_detail(request: HttpRequest, version: int | None = None) -> HttpResponse:
    policies = list(selectors.selection_policies())
    if version is None:
        policy = policies[0] if policies else None
    else:
        policy = next((p for p in policies if p.version == version), None)
        if policy is None:
            raise Http404("No such policy version.")
    return render(
        request,
        "selection/policy_detail.html",
        {
            "policy": policy,
            "policies": policies,
            "is_current": bool(policies) and policy == policies[0],
            "criteria": _criteria_rows(policy),
        },
    )


def _criteria_rows(policy: SelectionPolicy | None) -> list[dict]:
    if policy is None:
        return []
    rows = []
    for criterion in CRITERIA:
        values = policy.criteria.get(criterion.code, {})
        rows.append(
            {
                "criterion": criterion,
                "weight": values.get("weight", 0),
                "parameters": [(p.label, values.get(p.code)) for p in criterion.parameters],
            }
        )
    return rows


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def policy_edit(request: HttpRequest) -> HttpResponse:
    current = selectors.selection_policy_current()
    form = SelectionPolicyForm(request.POST or None, policy=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            policy = services.selection_policy_create(
                acting_user=request.user,
                based_on_version=data["based_on_version"],
                criteria=form.criteria(),
                revisit_always_candidate=data["revisit_always_candidate"],
                revisit_window_months=data["revisit_window_months"],
                recently_inspected_months=data["recently_inspected_months"],
                quota_fraction=form.quota_fraction,
                change_note=data["change_note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Selection policy version {policy.version} saved.")
            return redirect("selection:policy")
    return render(request, "selection/policy_form.html", {"form": form, "current": current})


# ------------------------------------------------------------------------------------------------
# Programme years, the ranked list and decisions
# ------------------------------------------------------------------------------------------------


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def programme_year_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme_year = services.programme_year_create(
                acting_user=request.user,
                year=form.cleaned_data["year"],
                places=form.cleaned_data["places"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Programme year {programme_year.label} set up.")
            return redirect("selection:year", year=programme_year.year)
    return render(request, "selection/programme_year_form.html", {"form": form})


def _ranked_context(programme_year: ProgrammeYear, places_form: PlacesForm) -> dict:
    ranked = selectors.ranked_list(programme_year=programme_year)
    return {
        "programme_year": programme_year,
        "ranked": ranked,
        "chart": score_chart(ranking=ranked.ranking) if ranked.ranking else None,
        "places_form": places_form,
    }


@programme_admin_required
@require_safe
def ranked_list(request: HttpRequest, year: int) -> HttpResponse:
    programme_year = _year(year)
    places_form = PlacesForm(initial={"places": programme_year.places})
    return render(
        request, "selection/ranked_list.html", _ranked_context(programme_year, places_form)
    )


@programme_admin_required
@require_POST
def programme_year_places(request: HttpRequest, year: int) -> HttpResponse:
    programme_year = _year(year)
    form = PlacesForm(request.POST)
    if form.is_valid():
        try:
            services.programme_year_set_places(
                acting_user=request.user,
                programme_year=programme_year,
                places=form.cleaned_data["places"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Places for {programme_year.label} changed.")
            return redirect("selection:year", year=programme_year.year)
    programme_year.refresh_from_db()
    return render(
        request,
        "selection/ranked_list.html",
        _ranked_context(programme_year, form),
        status=400,
    )


@programme_admin_required
@require_safe
def ranked_list_export(request: HttpRequest, year: int) -> HttpResponse:
    programme_year = _year(year)
    ranked = selectors.ranked_list(programme_year=programme_year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="selection-{programme_year.year}-to-{programme_year.year + 1}.csv"'
    )
    csv.writer(response).writerows(export_rows(ranked))
    return response


@programme_admin_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_record(request: HttpRequest, year: int, ons_code: str) -> HttpResponse:
    programme_year = _year(year)
    area = _area(ons_code)
    existing = selectors.decision_of(programme_year=programme_year, local_authority=area)
    initial = {"outcome": existing.outcome, "rationale": existing.rationale} if existing else {}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(
                acting_user=request.user,
                programme_year=programme_year,
                local_authority=area,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{area.name}: {decision.get_outcome_display().lower()} "
                f"for {programme_year.label}.",
            )
            return redirect(reverse("selection:year", kwargs={"year": programme_year.year}))
    ranked = selectors.ranked_list(programme_year=programme_year)
    return render(
        request,
        "selection/decision_form.html",
        {
            "programme_year": programme_year,
            "area": area,
            "form": form,
            "existing": existing,
            "policy": ranked.policy,
            "ranked_area": ranked.ranking.find(area.pk) if ranked.ranking else None,
            "selected_outcome": DecisionOutcome.SELECTED,
        },
    )
