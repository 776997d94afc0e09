"""Thin views: the public overview (HTML and JSON) and the programme administrator's pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import apply_service_errors
from inspectorates.registry import InspectionKind, framework_current
from thematic import selectors, services
from thematic.forms import AddLetterForm, SeriesForm
from thematic.models import Series
from thematic.permissions import check_keep_series


@require_safe
def overview_list(request: HttpRequest) -> HttpResponse:
    return render(request, "thematic/list.html", {"series": selectors.published_series()})


@require_safe
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request, "thematic/overview.html", {"overview": selectors.published_overview(slug=slug)}
    )


@require_safe
def overview_json(request: HttpRequest, slug: str) -> JsonResponse:
    return JsonResponse(selectors.published_overview(slug=slug).as_json())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    check_keep_series(request.user)
    framework = framework_current(InspectionKind.JOINT_TARGETED_AREA)
    form = SeriesForm(request.POST or None, themes=framework.themes)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(
                acting_user=request.user, framework_key=framework.key, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "The series is created.")
            return redirect("thematic:manage_series", slug=series.slug)
    context = {"form": form, "series": selectors.series_for_admin()}
    return render(request, "thematic/manage.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage_series(request: HttpRequest, slug: str) -> HttpResponse:
    check_keep_series(request.user)
    series = get_object_or_404(Series, slug=slug)
    candidates = selectors.candidate_inspections(series)
    form = AddLetterForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        inspection = next(i for i in candidates if str(i.pk) == form.cleaned_data["inspection"])
        try:
            services.series_add_inspection(
                acting_user=request.user, series=series, inspection=inspection
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{inspection.reference} is added to the series.")
            return redirect("thematic:manage_series", slug=slug)
    context = {"series": series, "form": form, "overview": selectors.overview_for(series)}
    return render(request, "thematic/manage_series.html", context)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    check_keep_series(request.user)
    series = get_object_or_404(Series, slug=slug)
    try:
        services.series_publish(acting_user=request.user, series=series)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("thematic:manage_series", slug=slug)
    messages.success(request, "The overview is published.")
    return redirect(series.get_absolute_url())
