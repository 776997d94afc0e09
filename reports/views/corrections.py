"""The lead inspector opens a correction of the published report (DESIGN rule 11)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.forms import apply_service_errors
from judgements.selectors import workspace_for_inspection
from reports import corrections, permissions
from reports.forms import CorrectionForm
from reports.views.team import _team_inspection


def _judgement_choices(inspection) -> list[tuple[str, str]]:
    """Every judgement of the inspection, as "Inspectorate: area" (only written ones)."""
    choices = []
    for section in workspace_for_inspection(inspection=inspection):
        for row in section.rows:
            if row.judgement is not None:
                name = section.inspectorate.name
                choices.append((str(row.judgement.pk), f"{name}: {row.area.title}"))
    return choices


def _withdraw(request: HttpRequest, inspection) -> HttpResponse:
    try:
        corrections.correction_withdraw(acting_user=request.user, inspection=inspection)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("reports_team:correction", reference=inspection.reference)
    messages.success(request, "The correction is withdrawn: the published report stands.")
    return redirect("reports_team:overview", reference=inspection.reference)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def correction_open(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _team_inspection(request, reference)
    permissions.check_open_correction(access)
    if request.method == "POST" and "withdraw" in request.POST:
        return _withdraw(request, inspection)
    form = CorrectionForm(request.POST or None, judgement_choices=_judgement_choices(inspection))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                corrections.correction_open(
                    acting_user=request.user,
                    inspection=inspection,
                    reason=data["reason"],
                    judgement_ids=[int(pk) for pk in data["judgements"]],
                    grade_ids=[int(pk) for pk in data["grades"]],
                    grade_reason=data["grade_reason"],
                    shared_kinds=data["shared_texts"],
                    other_sections=data["other_sections"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, "The correction is open: only what it names can change.")
                return redirect("reports_team:overview", reference=inspection.reference)
    context = {
        "inspection": inspection,
        "access": access,
        "form": form,
        "open_correction": corrections.correction_open_for(inspection=inspection),
    }
    return render(request, "reports/team_correction.html", context, status=status)
