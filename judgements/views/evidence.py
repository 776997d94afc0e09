"""Recording, reading, changing and deleting evidence."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.forms import apply_service_errors
from inspections.models import Inspection
from inspections.selectors import inspection_get_for_user
from inspectorates.models import Inspectorate
from judgements import history, permissions, selectors, services
from judgements.forms import ActionForm, EvidenceFilterForm, EvidenceForm
from judgements.models import Evidence
from judgements.views.shared import action_refusal

EVIDENCE_PER_PAGE = 50


@login_required
def evidence_list(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    participations = list(inspection.participations.select_related("inspectorate"))
    form = EvidenceFilterForm(
        request.GET or None,
        framework=inspection.framework,
        inspectorates=[p.inspectorate for p in participations],
        authors=selectors.evidence_authors(inspection=inspection),
    )
    evidence = selectors.evidence_for_inspection(inspection=inspection, **form.filters())
    page = Paginator(evidence, EVIDENCE_PER_PAGE).get_page(request.GET.get("page"))
    own = selectors.team_inspectorate(user=request.user, inspection=inspection)
    return render(
        request,
        "judgements/evidence_list.html",
        {
            "inspection": inspection,
            "access": access,
            "form": form,
            "page": page,
            "items": selectors.with_area_titles(page.object_list, inspection=inspection),
            "may_record": own is not None and permissions.may_record_evidence(access, own.code),
        },
    )


def _evidence_form(
    request: HttpRequest, *, inspection: Inspection, inspectorate: Inspectorate, **kwargs
) -> EvidenceForm:
    return EvidenceForm(
        request.POST or None,
        framework=inspection.framework.for_inspectorate(inspectorate.code),
        case_samples=list(inspection.case_samples.only("id", "internal_reference", "tracking")),
        **kwargs,
    )


def _evidence_arguments(form: EvidenceForm) -> dict:
    data = form.cleaned_data
    return {
        "observed_on": data["observed_on"],
        "source": data["source"],
        "area_codes": data["area_codes"],
        "text": data["text"],
        "case_samples": form.chosen_case_samples,
        "staff_names": data["staff_names"],
    }


def _evidence_form_page(
    request: HttpRequest,
    form: EvidenceForm,
    save: Callable[..., Evidence],
    *,
    done: str,
    inspection: Inspection,
    inspectorate: Inspectorate,
    evidence: Evidence | None,
) -> HttpResponse:
    """The evidence form; a valid post is saved (`save`: the service) and the evidence shown."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(acting_user=request.user, **_evidence_arguments(form))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(
                "judgements:evidence_detail", reference=inspection.reference, pk=saved.pk
            )
    context = {"inspection": inspection, "inspectorate": inspectorate, "evidence": evidence}
    return render(request, "judgements/evidence_form.html", {**context, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evidence_create(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    inspectorate = selectors.team_inspectorate(user=request.user, inspection=inspection)
    permissions.check_record_evidence(access, inspectorate)
    today = timezone.localdate()
    initial = {"area_codes": request.GET.getlist("area")}
    if inspection.window_start <= today <= inspection.window_end:
        initial["observed_on"] = today
    form = _evidence_form(
        request, inspection=inspection, inspectorate=inspectorate, initial=initial
    )
    save = partial(services.evidence_create, inspection=inspection)
    return _evidence_form_page(
        request,
        form,
        save,
        done="Evidence recorded.",
        inspection=inspection,
        inspectorate=inspectorate,
        evidence=None,
    )


def _evidence_or_404(inspection: Inspection, pk: int) -> Evidence:
    evidence = selectors.evidence_get(inspection=inspection, pk=pk)
    if evidence is None:
        raise Http404("No such evidence.")
    evidence.inspection = inspection
    return evidence


@login_required
def evidence_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    evidence = _evidence_or_404(inspection, pk)
    framework = inspection.framework.for_inspectorate(evidence.inspectorate.code)
    supports = [
        (framework.area(j.area_code), j)
        for j in evidence.judgements.all()
        if j.area_code in framework.area_codes
    ]
    return render(
        request,
        "judgements/evidence_detail.html",
        {
            "inspection": inspection,
            "evidence": evidence,
            "supports": supports,
            "history": history.evidence_history(evidence=evidence),
            "may_change": permissions.may_change_evidence(access, evidence, request.user),
        },
    )


def _as_saved(evidence: Evidence) -> dict:
    """The evidence form's starting values: the evidence as saved."""
    return {
        "observed_on": evidence.observed_on,
        "source": evidence.source,
        "area_codes": [area.area_code for area in evidence.areas.all()],
        "text": evidence.text,
        "case_samples": [str(sample.pk) for sample in evidence.case_samples.all()],
        "staff_names": evidence.staff_names,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evidence_update(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    evidence = _evidence_or_404(inspection, pk)
    permissions.check_change_evidence(access, evidence, request.user)
    form = _evidence_form(
        request,
        inspection=inspection,
        inspectorate=evidence.inspectorate,
        initial=_as_saved(evidence),
        submit="Save changes",
    )
    save = partial(services.evidence_update, evidence=evidence)
    return _evidence_form_page(
        request,
        form,
        save,
        done="Evidence saved.",
        inspection=inspection,
        inspectorate=evidence.inspectorate,
        evidence=evidence,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evidence_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    evidence = _evidence_or_404(inspection, pk)
    permissions.check_change_evidence(access, evidence, request.user)
    form = ActionForm()
    if request.method == "POST":
        try:
            services.evidence_delete(acting_user=request.user, evidence=evidence)
        except ValidationError as error:
            form = action_refusal(error)
        else:
            messages.success(request, "Evidence deleted. Its history is kept.")
            return redirect("judgements:evidence_list", reference=reference)
    return render(
        request,
        "judgements/evidence_delete.html",
        {"inspection": inspection, "evidence": evidence, "form": form},
    )
