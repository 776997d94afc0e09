"""Thin views for evidence and judgements: parse the request, call a selector or service, render.

Every view first fetches the inspection for the user, so anyone not on the team gets 404. Team
members who try a write they may not make get 403 from the permission predicates here or from
the service, which checks again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import apply_service_errors
from core.versioning import StaleVersion, VersionSeenForm
from inspections.models import Inspection
from inspections.permissions import InspectionAccess
from inspections.selectors import inspection_get_for_user
from inspectorates.frameworks import JudgementArea
from inspectorates.models import Inspectorate
from judgements import history, permissions, selectors, services
from judgements.forms import (
    ActionForm,
    EvidenceFilterForm,
    EvidenceForm,
    JudgementForm,
    ReopenForm,
)
from judgements.models import Evidence, Judgement

EVIDENCE_PER_PAGE = 50


def _refusal(error: ValidationError) -> ActionForm:
    """A service's refusal of a button press, ready for the page's error summary."""
    form = ActionForm({})
    form.is_valid()
    apply_service_errors(form, error)
    return form


def _writable_codes(access: InspectionAccess) -> set[str]:
    return {code for code in access.contributes_for if access.may_write_for(code)}


# --- Workspace and coverage --------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    return render(
        request,
        "judgements/workspace.html",
        {
            "inspection": inspection,
            "access": access,
            "sections": selectors.workspace_for_inspection(inspection=inspection),
            "writable_codes": _writable_codes(access),
        },
    )


@login_required
def coverage(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    return render(
        request,
        "judgements/coverage.html",
        {
            "inspection": inspection,
            "access": access,
            "sections": selectors.coverage_for_inspection(inspection=inspection),
        },
    )


# --- Evidence ----------------------------------------------------------------------------------


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


@login_required
@require_http_methods(["GET", "POST"])
def evidence_create(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    inspectorate = selectors.team_inspectorate(user=request.user, inspection=inspection)
    if inspectorate is None:
        raise PermissionDenied(services.NOT_ON_TEAM)
    if not permissions.may_record_evidence(access, inspectorate.code):
        raise PermissionDenied(services.INSPECTION_NOT_OPEN)
    today = timezone.localdate()
    initial = {"area_codes": request.GET.getlist("area")}
    if inspection.window_start <= today <= inspection.window_end:
        initial["observed_on"] = today
    form = _evidence_form(
        request, inspection=inspection, inspectorate=inspectorate, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.evidence_create(
                acting_user=request.user, inspection=inspection, **_evidence_arguments(form)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Evidence recorded.")
            return redirect("judgements:evidence_detail", reference=reference, pk=evidence.pk)
    return render(
        request,
        "judgements/evidence_form.html",
        {"inspection": inspection, "inspectorate": inspectorate, "form": form, "evidence": None},
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


@login_required
@require_http_methods(["GET", "POST"])
def evidence_update(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    evidence = _evidence_or_404(inspection, pk)
    if not permissions.may_change_evidence(access, evidence, request.user):
        raise PermissionDenied(services.NOT_AUTHOR)
    initial = {
        "observed_on": evidence.observed_on,
        "source": evidence.source,
        "area_codes": [area.area_code for area in evidence.areas.all()],
        "text": evidence.text,
        "case_samples": [str(sample.pk) for sample in evidence.case_samples.all()],
        "staff_names": evidence.staff_names,
    }
    form = _evidence_form(
        request,
        inspection=inspection,
        inspectorate=evidence.inspectorate,
        initial=initial,
        submit="Save changes",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_update(
                acting_user=request.user, evidence=evidence, **_evidence_arguments(form)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Evidence saved.")
            return redirect("judgements:evidence_detail", reference=reference, pk=evidence.pk)
    return render(
        request,
        "judgements/evidence_form.html",
        {
            "inspection": inspection,
            "inspectorate": evidence.inspectorate,
            "form": form,
            "evidence": evidence,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    evidence = _evidence_or_404(inspection, pk)
    if not permissions.may_change_evidence(access, evidence, request.user):
        raise PermissionDenied(services.NOT_AUTHOR)
    form = ActionForm()
    if request.method == "POST":
        try:
            services.evidence_delete(acting_user=request.user, evidence=evidence)
        except ValidationError as error:
            form = _refusal(error)
        else:
            messages.success(request, "Evidence deleted. Its history is kept.")
            return redirect("judgements:evidence_list", reference=reference)
    return render(
        request,
        "judgements/evidence_delete.html",
        {"inspection": inspection, "evidence": evidence, "form": form},
    )


# --- Judgements --------------------------------------------------------------------------------


@dataclass
class _JudgementPage:
    inspection: Inspection
    access: InspectionAccess
    inspectorate: Inspectorate
    area: JudgementArea
    judgement: Judgement | None

    @property
    def url(self) -> str:
        return reverse(
            "judgements:judgement",
            kwargs={
                "reference": self.inspection.reference,
                "inspectorate_code": self.inspectorate.code,
                "area_code": self.area.code,
            },
        )


def _judgement_page(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> _JudgementPage:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    participation = (
        inspection.participations.select_related("inspectorate")
        .filter(inspectorate__code=inspectorate_code)
        .first()
    )
    framework = inspection.framework
    if participation is None or inspectorate_code not in framework.inspectorates:
        raise Http404("That inspectorate is not taking part.")
    try:
        area = framework.for_inspectorate(inspectorate_code).area(area_code)
    except KeyError as error:
        raise Http404("No such judgement area.") from error
    judgement = selectors.judgement_for_area(
        inspection=inspection, inspectorate=participation.inspectorate, area_code=area_code
    )
    return _JudgementPage(inspection, access, participation.inspectorate, area, judgement)


def _judgement_form(
    page: _JudgementPage, data=None, *, judgement: Judgement | None = None
) -> JudgementForm:
    judgement = judgement or page.judgement
    initial = {"version": judgement.version if judgement else None}
    if judgement is not None:
        initial.update(
            grade=judgement.grade,
            rationale=judgement.rationale,
            strengths=judgement.strengths,
            areas_for_improvement=judgement.areas_for_improvement,
            recommendations=judgement.recommendations,
            evidence=[str(item.pk) for item in judgement.evidence.all()],
        )
    return JudgementForm(
        data,
        initial=initial,
        framework=page.inspection.framework,
        area=page.area,
        evidence=selectors.evidence_choices_for_judgement(
            inspection=page.inspection,
            inspectorate=page.inspectorate,
            area_code=page.area.code,
            judgement=judgement,
        ),
    )


def _render_judgement(
    request: HttpRequest,
    page: _JudgementPage,
    *,
    form: JudgementForm | None = None,
    action_form: ActionForm | None = None,
    stale: StaleVersion | None = None,
    status: int = 200,
) -> HttpResponse:
    access, judgement = page.access, page.judgement
    may_edit = permissions.may_edit_judgement(access, page.inspectorate.code, judgement)
    if form is None and may_edit:
        form = _judgement_form(page)
    return render(
        request,
        "judgements/judgement.html",
        {
            "inspection": page.inspection,
            "inspectorate": page.inspectorate,
            "area": page.area,
            "judgement": judgement,
            "graded": page.inspection.framework.is_graded(page.area),
            "form": form if may_edit else None,
            "action_form": action_form,
            **_compare(page, stale),
            "may_submit": permissions.may_submit_judgement(access, judgement),
            "may_agree": permissions.may_agree_judgement(access, judgement),
            "may_reopen": permissions.may_reopen_judgement(access, judgement),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def judgement_detail(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = _judgement_page(request, reference, inspectorate_code, area_code)
    if request.method == "GET":
        return _render_judgement(request, page)
    if not permissions.may_edit_judgement(page.access, page.inspectorate.code, page.judgement):
        if not page.access.may_write_for(page.inspectorate.code):
            raise PermissionDenied(services.NOT_YOUR_INSPECTORATE)
        raise PermissionDenied(
            services.ONLY_DRAFTS_CHANGE.format(status=page.judgement.get_status_display().lower())
        )
    form = _judgement_form(page, request.POST)
    if not form.is_valid():
        return _render_judgement(request, page, form=form)
    data = form.cleaned_data
    try:
        services.judgement_save(
            acting_user=request.user,
            inspection=page.inspection,
            inspectorate_code=page.inspectorate.code,
            area_code=page.area.code,
            expected_version=data["version"],
            grade=data.get("grade", ""),
            rationale=data["rationale"],
            strengths=data["strengths"],
            areas_for_improvement=data["areas_for_improvement"],
            recommendations=data["recommendations"],
            evidence=form.chosen_evidence,
        )
    except StaleVersion as error:
        # Keep what the user typed, now based on the newer version, so that saving again
        # after comparing is a deliberate choice; the newer version is shown beside it.
        form = _retyped(page, error, request.POST, _judgement_form)
        return _render_judgement(request, page, form=form, stale=error, status=409)
    except ValidationError as error:
        apply_service_errors(form, error)
        return _render_judgement(request, page, form=form)
    messages.success(request, f"{page.area.title}: draft saved.")
    return redirect(page.url)


def _compare(page: _JudgementPage, stale: StaleVersion | None) -> dict:
    """The side-by-side view after a refused stale change: the version seen, the one saved."""
    if stale is None:
        return {"saved": None}
    return {
        "saved": page.judgement,
        "seen_number": stale.seen,
        "seen": selectors.judgement_as_of(judgement=page.judgement, version=stale.seen),
    }


def _reload(page: _JudgementPage) -> None:
    """After a refusal for staleness: the judgement as saved now."""
    page.judgement = selectors.judgement_for_area(
        inspection=page.inspection, inspectorate=page.inspectorate, area_code=page.area.code
    )


def _retyped(page: _JudgementPage, stale: StaleVersion, data, make_form):
    """The user's form as posted, now naming the saved version, with the refusal on top."""
    _reload(page)
    retyped = data.copy()
    retyped["version"] = str(stale.current.version)
    form = make_form(page, retyped)
    form.is_valid()
    form.add_error(None, stale.messages[0])
    return form


def _judgement_action(request: HttpRequest, page: _JudgementPage, action, done: str):
    if page.judgement is None:
        raise Http404("This judgement has not been started.")
    seen = VersionSeenForm(request.POST).version_seen
    try:
        action(acting_user=request.user, judgement=page.judgement, seen_version=seen)
    except StaleVersion as error:
        _reload(page)
        return _render_judgement(
            request, page, action_form=_refusal(error), stale=error, status=409
        )
    except ValidationError as error:
        return _render_judgement(request, page, action_form=_refusal(error), status=400)
    messages.success(request, f"{page.area.title}: {done}.")
    return redirect(page.url)


@login_required
@require_POST
def judgement_submit(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = _judgement_page(request, reference, inspectorate_code, area_code)
    return _judgement_action(request, page, services.judgement_submit, "judgement submitted")


@login_required
@require_POST
def judgement_agree(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = _judgement_page(request, reference, inspectorate_code, area_code)
    return _judgement_action(request, page, services.judgement_agree, "judgement agreed")


@login_required
@require_http_methods(["GET", "POST"])
def judgement_reopen(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = _judgement_page(request, reference, inspectorate_code, area_code)
    if page.judgement is None:
        raise Http404("This judgement has not been started.")
    if not permissions.may_reopen_judgement(page.access, page.judgement):
        raise PermissionDenied(services.NOT_YOUR_INSPECTORATE)
    form = ReopenForm(request.POST or None, initial={"version": page.judgement.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.judgement_reopen(
                acting_user=request.user,
                judgement=page.judgement,
                reason=form.cleaned_data["reason"],
                seen_version=form.cleaned_data["version"],
            )
        except StaleVersion as error:
            stale = error
            form = _retyped(page, error, request.POST, lambda _, data: ReopenForm(data))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{page.area.title}: judgement reopened as a draft.")
            return redirect(page.url)
    return render(
        request,
        "judgements/judgement_reopen.html",
        {
            "inspection": page.inspection,
            "inspectorate": page.inspectorate,
            "area": page.area,
            "judgement": page.judgement,
            "graded": page.inspection.framework.is_graded(page.area),
            "form": form,
            "judgement_url": page.url,
            **_compare(page, stale),
        },
        status=409 if stale else 200,
    )


@login_required
def judgement_history(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = _judgement_page(request, reference, inspectorate_code, area_code)
    return render(
        request,
        "judgements/judgement_history.html",
        {
            "inspection": page.inspection,
            "inspectorate": page.inspectorate,
            "area": page.area,
            "judgement": page.judgement,
            "judgement_url": page.url,
            "history": history.judgement_history(judgement=page.judgement)
            if page.judgement
            else [],
        },
    )
