"""One judgement area: the draft, submitting, agreeing, reopening and its history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import apply_service_errors
from core.versioning import StaleVersion, VersionSeenForm
from judgements import history, permissions, services
from judgements.forms import ReopenForm
from judgements.views.shared import (
    JudgementPage,
    action_refusal,
    compare,
    judgement_form,
    judgement_page,
    reload,
    render_judgement,
    retyped,
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def judgement_detail(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = judgement_page(request, reference, inspectorate_code, area_code)
    if request.method in ("GET", "HEAD"):
        return render_judgement(request, page)
    permissions.check_edit_judgement(page.access, page.inspectorate.code, page.judgement)
    form = judgement_form(page, request.POST)
    if not form.is_valid():
        return render_judgement(request, page, form=form)
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
            departure_reason=data.get("departure_reason", ""),
        )
    except StaleVersion as error:
        # Keep what the user typed, now based on the newer version, so that saving again
        # after comparing is a deliberate choice; the newer version is shown beside it.
        form = retyped(page, error, request.POST, judgement_form)
        return render_judgement(request, page, form=form, stale=error, status=409)
    except ValidationError as error:
        apply_service_errors(form, error)
        return render_judgement(request, page, form=form)
    messages.success(request, f"{page.area.title}: draft saved.")
    return redirect(page.url)


def _judgement_action(request: HttpRequest, page: JudgementPage, action, done: str):
    if page.judgement is None:
        raise Http404("This judgement has not been started.")
    seen = VersionSeenForm(request.POST).version_seen
    try:
        action(acting_user=request.user, judgement=page.judgement, seen_version=seen)
    except StaleVersion as error:
        reload(page)
        return render_judgement(
            request, page, action_form=action_refusal(error), stale=error, status=409
        )
    except ValidationError as error:
        return render_judgement(request, page, action_form=action_refusal(error), status=400)
    messages.success(request, f"{page.area.title}: {done}.")
    return redirect(page.url)


@login_required
@require_POST
def judgement_submit(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = judgement_page(request, reference, inspectorate_code, area_code)
    return _judgement_action(request, page, services.judgement_submit, "judgement submitted")


@login_required
@require_POST
def judgement_agree(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = judgement_page(request, reference, inspectorate_code, area_code)
    return _judgement_action(request, page, services.judgement_agree, "judgement agreed")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def judgement_reopen(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = judgement_page(request, reference, inspectorate_code, area_code)
    if page.judgement is None:
        raise Http404("This judgement has not been started.")
    permissions.check_reopen_judgement(page.access, page.judgement)
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
            form = retyped(page, error, request.POST, lambda _, data: ReopenForm(data))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{page.area.title}: judgement reopened as a draft.")
            return redirect(page.url)
    return render(
        request,
        "judgements/judgement_reopen.html",
        {**page.context, "form": form, **compare(page, stale)},
        status=409 if stale else 200,
    )


@login_required
def judgement_history(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> HttpResponse:
    page = judgement_page(request, reference, inspectorate_code, area_code)
    return render(
        request,
        "judgements/judgement_history.html",
        {
            **page.context,
            "history": history.judgement_history(judgement=page.judgement)
            if page.judgement
            else [],
        },
    )
