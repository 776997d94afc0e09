"""Thin views: parse the request, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import apply_service_errors
from inspections.selectors import inspection_get_for_user
from narrative import permissions, selectors, services
from narrative.forms import FindingForm, ThemeForm
from narrative.models import Finding


def _findings_url(reference: str) -> str:
    return reverse("narrative:findings", args=[reference])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theme(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    if not permissions.is_narrative(access):
        raise Http404("A graded inspection has no theme.")
    chosen = selectors.theme_for(inspection=inspection)
    form = None
    if permissions.may_choose_theme(access):
        initial = {"theme": chosen.code} if chosen else {}
        form = ThemeForm(request.POST or None, themes=inspection.framework.themes, initial=initial)
    elif request.method == "POST":
        permissions.check_choose_theme(access)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_choose(
                acting_user=request.user,
                inspection=inspection,
                theme_code=form.cleaned_data["theme"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "The theme is saved.")
            return redirect(inspection.get_absolute_url())
    context = {"inspection": inspection, "access": access, "chosen": chosen, "form": form}
    return render(request, "narrative/theme.html", context)


@login_required
@require_safe
def findings(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    if not permissions.is_narrative(access):
        raise Http404("A graded inspection has no narrative findings.")
    chosen = selectors.theme_for(inspection=inspection)
    agencies = selectors.findings_by_agency(inspection=inspection, theme=chosen)
    writable = {a.code for a in agencies if permissions.may_write_findings(access, a.code)}
    context = {
        "inspection": inspection,
        "theme": chosen,
        "agencies": agencies,
        "writable": writable,
    }
    return render(request, "narrative/findings.html", context)


def _save_finding(request: HttpRequest, form: FindingForm, save) -> bool:
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(**form.cleaned_data)
    except ValidationError as error:
        apply_service_errors(form, error)
        return False
    messages.success(request, "The finding is saved.")
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def finding_add(request: HttpRequest, reference: str, inspectorate: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    participation = get_object_or_404(
        inspection.participations.select_related("inspectorate"), inspectorate__code=inspectorate
    )
    name = participation.inspectorate.name
    permissions.check_write_findings(access, inspectorate, name)
    chosen = selectors.theme_for(inspection=inspection)
    if chosen is None:
        messages.error(request, services.THEME_NOT_CHOSEN)
        return redirect(_findings_url(reference))
    form = FindingForm(request.POST or None, theme=chosen)

    def save(**data):
        services.finding_add(
            acting_user=request.user, inspection=inspection, inspectorate_code=inspectorate, **data
        )

    if _save_finding(request, form, save):
        return redirect(_findings_url(reference))
    context = {"inspection": inspection, "agency_name": name, "form": form, "finding": None}
    return render(request, "narrative/finding_form.html", context)


def _finding(request: HttpRequest, reference: str, pk: int):
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    finding = get_object_or_404(
        Finding.objects.select_related("inspectorate"), pk=pk, inspection=inspection
    )
    permissions.check_write_findings(access, finding.inspectorate.code, finding.inspectorate.name)
    return inspection, finding


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def finding_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, finding = _finding(request, reference, pk)
    chosen = selectors.theme_for(inspection=inspection)
    initial = {"kind": finding.kind, "text": finding.text, "sub_themes": finding.sub_themes}
    form = FindingForm(request.POST or None, theme=chosen, initial=initial)

    def save(**data):
        services.finding_update(acting_user=request.user, finding=finding, **data)

    if _save_finding(request, form, save):
        return redirect(_findings_url(reference))
    context = {
        "inspection": inspection,
        "agency_name": finding.inspectorate.name,
        "form": form,
        "finding": finding,
    }
    return render(request, "narrative/finding_form.html", context)


@login_required
@require_POST
def finding_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    _, finding = _finding(request, reference, pk)
    try:
        services.finding_delete(acting_user=request.user, finding=finding)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The finding is deleted.")
    return redirect(_findings_url(reference))
