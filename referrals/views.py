"""Thin views of concern referrals: the team's pages only (404 for anyone else, DESIGN rule 14).

Every page that shows what was found about a child is logged in the privacy app's read log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import apply_service_errors
from core.versioning import StaleVersion, VersionSeenForm
from inspections.selectors import inspection_get_for_user
from privacy.services import record_child_view
from referrals import permissions, selectors, services
from referrals.forms import ReferralForm, ResponseForm
from referrals.models import ConcernReferral


def _team_only(request: HttpRequest, reference: str):
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    if not permissions.referrals_visible(access):
        raise Http404("No such inspection.")
    return inspection, access


def _seen(request: HttpRequest, referral: ConcernReferral, page: str) -> None:
    record_child_view(
        viewer=request.user,
        inspection=referral.inspection,
        child_reference=referral.child,
        page=page,
    )


@login_required
@require_safe
def referral_list(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _team_only(request, reference)
    return render(
        request,
        "referrals/referral_list.html",
        {
            "inspection": inspection,
            "referrals": selectors.referrals_for_inspection(inspection=inspection),
            "may_record": permissions.referral_may_record(access),
        },
    )


def _referral_form(request: HttpRequest, inspection) -> ReferralForm:
    team = selectors.team_for_referral(inspection=inspection)
    initial = {"referred_by": request.user.pk, "case_sample": request.GET.get("case")}
    return ReferralForm(
        request.POST or None,
        initial=initial,
        inspection=inspection,
        cases=selectors.case_samples_for_referral(inspection=inspection),
        agencies=selectors.agencies_for_referral(inspection=inspection),
        team_users=get_user_model()
        .objects.filter(pk__in=team.values("user"))
        .order_by("first_name", "last_name", "username"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def referral_create(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = _team_only(request, reference)
    permissions.check_record_referral(access)
    form = _referral_form(request, inspection)
    # Refused whole: nothing reaches the service unless every box is right.
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_record(
                acting_user=request.user,
                inspection=inspection,
                concern=data["concern"],
                partner_body=data["partner_body"],
                alerted_at=form.cleaned_alerted_at,
                method=data["method"],
                referred_by=data["referred_by"],
                case_sample=data["case_sample"],
                child_reference=data["child_reference"],
                age_band=data["age_band"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Referral {referral.number} recorded.")
            return redirect(referral)
    status = 400 if form.is_bound and form.errors else 200
    context = {"inspection": inspection, "form": form}
    return render(request, "referrals/referral_form.html", context, status=status)


def _detail(request, inspection, access, referral, *, error=None, status=200) -> HttpResponse:
    _seen(request, referral, "referral")
    context = {
        "inspection": inspection,
        "referral": referral,
        "may_follow_up": permissions.referral_may_follow_up(access) and not referral.is_closed,
        "close_form": VersionSeenForm(initial={"version": referral.version}),
        "error": error,
    }
    return render(request, "referrals/referral_detail.html", context, status=status)


@login_required
@require_safe
def referral_detail(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    inspection, access = _team_only(request, reference)
    referral = selectors.referral_get(inspection=inspection, number=number)
    return _detail(request, inspection, access, referral)


@login_required
@require_POST
def referral_close(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    inspection, access = _team_only(request, reference)
    referral = selectors.referral_get(inspection=inspection, number=number)
    seen = VersionSeenForm(request.POST).version_seen
    try:
        services.referral_close(acting_user=request.user, referral=referral, seen_version=seen)
    except ValidationError as error:
        # A stale page (someone else answered or closed it first) is a conflict: 409, and the
        # page shows what they recorded.
        referral = selectors.referral_get(inspection=inspection, number=number)
        status = 409 if isinstance(error, StaleVersion) else 400
        return _detail(request, inspection, access, referral, error=error, status=status)
    messages.success(request, f"Referral {referral.number} closed.")
    return redirect(referral)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def referral_response(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    inspection, access = _team_only(request, reference)
    referral = selectors.referral_get(inspection=inspection, number=number)
    permissions.check_follow_up_referral(access)
    initial = {"version": referral.version, "response": referral.response}
    form = ResponseForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_record_response(
                acting_user=request.user,
                referral=referral,
                response=form.cleaned_data["response"],
                received_at=form.cleaned_received_at,
                seen_version=form.version_seen,
                close=form.cleaned_data["close"],
            )
        except StaleVersion as error:
            referral = selectors.referral_get(inspection=inspection, number=number)
            form = ResponseForm({**request.POST.dict(), "version": referral.version})
            form.is_valid()
            form.add_error(None, error.messages[0])
            status = 409
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            done = "closed" if form.cleaned_data["close"] else "response recorded"
            messages.success(request, f"Referral {referral.number}: {done}.")
            return redirect(referral)
    if form.is_bound and form.errors and status == 200:
        status = 400
    _seen(request, referral, "referral (response form)")
    context = {"inspection": inspection, "referral": referral, "form": form}
    return render(request, "referrals/response_form.html", context, status=status)
