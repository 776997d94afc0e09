"""Thin views for an area's partner bodies and contacts: parse, call a selector or service, render.

Reading: programme staff and the team of a live inspection of the area (404 for anyone else).
Changing: programme staff only (403 for a team member who may read).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import apply_service_errors
from inspections.areas import selectors, services
from inspections.areas.forms import AreaContactForm, PartnerBodyForm
from inspections.models import AreaContact, LocalAuthority, PartnerBody, PartnerBodyKind
from inspections.permissions import check_manage_areas


def _area_to_change(request: HttpRequest, ons_code: str) -> LocalAuthority:
    area, _ = selectors.area_get_for_user(user=request.user, ons_code=ons_code)
    check_manage_areas(request.user)
    return area


def _body(area: LocalAuthority, body_id: int) -> PartnerBody:
    return get_object_or_404(PartnerBody, pk=body_id, local_authority=area)


def _contact(area: LocalAuthority, contact_id: int) -> AreaContact:
    return get_object_or_404(
        AreaContact.objects.select_related("partner_body__local_authority"),
        pk=contact_id,
        partner_body__local_authority=area,
    )


def _area_page(area: LocalAuthority):
    return redirect("areas:detail", ons_code=area.ons_code)


@login_required
@require_safe
def area_list(request: HttpRequest) -> HttpResponse:
    check_manage_areas(request.user)
    return render(
        request, "inspections/areas/area_list.html", {"areas": selectors.areas_with_counts()}
    )


@login_required
@require_safe
def area_detail(request: HttpRequest, ons_code: str) -> HttpResponse:
    area, may_change = selectors.area_get_for_user(user=request.user, ons_code=ons_code)
    return render(
        request,
        "inspections/areas/area_detail.html",
        {"area": area, "may_change": may_change, "groups": selectors.bodies_by_kind(area=area)},
    )


@login_required
@require_safe
def area_history(request: HttpRequest, ons_code: str) -> HttpResponse:
    area, may_change = selectors.area_get_for_user(user=request.user, ons_code=ons_code)
    return render(
        request,
        "inspections/areas/area_history.html",
        {"area": area, "may_change": may_change, "history": selectors.area_history(area=area)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def partner_body_create(request: HttpRequest, ons_code: str) -> HttpResponse:
    area = _area_to_change(request, ons_code)
    # The area page links here from each kind's heading with that kind chosen (?kind=police).
    kind = request.GET.get("kind")
    initial = {"kind": kind} if kind in PartnerBodyKind.values else {}
    form = PartnerBodyForm(request.POST or None, initial=initial, submit="Add partner body")
    if request.method == "POST" and form.is_valid():
        try:
            body = services.partner_body_create(
                acting_user=request.user, local_authority=area, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{body.name} added to {area.name}'s partner bodies.")
            return _area_page(area)
    context = {"area": area, "form": form, "body": None}
    return render(request, "inspections/areas/partner_body_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def partner_body_update(request: HttpRequest, ons_code: str, body_id: int) -> HttpResponse:
    area = _area_to_change(request, ons_code)
    body = _body(area, body_id)
    form = PartnerBodyForm(request.POST or None, initial={"kind": body.kind, "name": body.name})
    if request.method == "POST" and form.is_valid():
        try:
            body = services.partner_body_update(
                acting_user=request.user, partner_body=body, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{body.name} saved.")
            return _area_page(area)
    context = {"area": area, "form": form, "body": body}
    return render(request, "inspections/areas/partner_body_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def partner_body_remove(request: HttpRequest, ons_code: str, body_id: int) -> HttpResponse:
    area = _area_to_change(request, ons_code)
    body = _body(area, body_id)
    problem = ""
    if request.method == "POST":
        try:
            services.partner_body_remove(acting_user=request.user, partner_body=body)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, f"{body.name} removed from {area.name}'s partner bodies.")
            return _area_page(area)
    context = {"area": area, "body": body, "problem": problem}
    return render(
        request,
        "inspections/areas/partner_body_remove.html",
        context,
        status=400 if problem else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contact_create(request: HttpRequest, ons_code: str, body_id: int) -> HttpResponse:
    area = _area_to_change(request, ons_code)
    body = _body(area, body_id)
    form = AreaContactForm(request.POST or None, submit="Add contact")
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.area_contact_create(
                acting_user=request.user, partner_body=body, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{contact.name} added as a contact at {body.name}.")
            return _area_page(area)
    context = {"area": area, "body": body, "form": form, "contact": None}
    return render(request, "inspections/areas/contact_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contact_update(request: HttpRequest, ons_code: str, contact_id: int) -> HttpResponse:
    area = _area_to_change(request, ons_code)
    contact = _contact(area, contact_id)
    initial = {"name": contact.name, "role": contact.role, "email": contact.email}
    form = AreaContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.area_contact_update(
                acting_user=request.user, contact=contact, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{contact.name}'s details saved.")
            return _area_page(area)
    context = {"area": area, "body": contact.partner_body, "form": form, "contact": contact}
    return render(request, "inspections/areas/contact_form.html", context)


@login_required
@require_POST
def contact_drafts(request: HttpRequest, ons_code: str, contact_id: int) -> HttpResponse:
    """Stop sending drafts to a contact (receives_drafts=no), or start again (yes)."""
    area = _area_to_change(request, ons_code)
    contact = _contact(area, contact_id)
    active = request.POST.get("receives_drafts") == "yes"
    contact = services.area_contact_set_active(
        acting_user=request.user, contact=contact, active=active
    )
    if contact.active:
        messages.success(request, f"{contact.name} will receive factual accuracy drafts again.")
    else:
        messages.success(request, f"{contact.name} will no longer receive factual accuracy drafts.")
    return _area_page(area)
