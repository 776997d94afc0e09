"""Thin views: parse the request, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import apply_service_errors
from core.versioning import StaleVersion
from inspections.models import Inspection
from inspections.permissions import InspectionAccess
from inspections.selectors import inspection_get_for_user
from lscb import permissions, selectors, services
from lscb.forms import ActionForm, ReopenForm, SharedTextForm, SignOffForm
from lscb.models import KIND_SLUGS, SharedText, SharedTextKind

KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


def _kind(slug: str) -> str:
    try:
        return KINDS_BY_SLUG[slug]
    except KeyError:
        raise Http404("No such shared text.") from None


def _url(name: str, inspection: Inspection, kind: str, **kwargs) -> str:
    return reverse(
        f"lscb:{name}",
        kwargs={"reference": inspection.reference, "kind": KIND_SLUGS[kind], **kwargs},
    )


def _existing(inspection: Inspection, kind: str) -> SharedText:
    shared_text, _ = selectors.shared_text_current(inspection=inspection, kind=kind)
    if shared_text is None:
        raise Http404("This text has not been drafted yet.")
    return shared_text


def _require_lead_inspector(access: InspectionAccess) -> None:
    if not access.is_lead_inspector:
        raise PermissionDenied(services.NOT_LEAD_INSPECTOR)


def _sign_off_form(page: selectors.SharedTextPage, code: str, data=None) -> SignOffForm:
    row = page.row_for(code)
    return SignOffForm(
        data,
        inspectorate_name=row.inspectorate.name,
        action=_url("sign", page.inspection, page.kind, inspectorate=code),
        initial={"version_number": page.version.number if page.version else None},
        prefix=code,
    )


def _render_page(
    request: HttpRequest,
    inspection: Inspection,
    access: InspectionAccess,
    kind: str,
    *,
    bound_sign_off: tuple[str, SignOffForm] | None = None,
    action_form: ActionForm | None = None,
    stale: StaleVersion | None = None,
    status: int = 200,
) -> HttpResponse:
    page = selectors.shared_text_page(inspection=inspection, kind=kind)
    text = page.shared_text
    seen = {"version": text.current_version} if text is not None else {}
    leads = []
    for row in page.rows:
        code = row.inspectorate.code
        if not access.leads(code):
            continue
        form = None
        if permissions.may_sign(access, text, code):
            if bound_sign_off and bound_sign_off[0] == code:
                form = bound_sign_off[1]
            else:
                form = _sign_off_form(page, code)
        leads.append(
            {
                "row": row,
                "form": form,
                "change": selectors.change_since_signed(page=page, code=code),
            }
        )
    forms_with_errors = [action_form] if action_form is not None else []
    if bound_sign_off:
        forms_with_errors.append(bound_sign_off[1])
    context = {
        "inspection": inspection,
        "access": access,
        "page": page,
        "leads": leads,
        "error_forms": [f for f in forms_with_errors if f.errors],
        # A refused button press: what changed since the version the user's page showed.
        "stale": stale,
        "changes_since_seen": selectors.changes_since(page=page, number=stale.seen)
        if stale
        else [],
        "may_edit": permissions.may_edit(access, text),
        "circulate_form": (
            ActionForm(
                initial=seen,
                submit="Circulate for sign-off",
                action=_url("circulate", inspection, kind),
                name="circulate",
            )
            if permissions.may_circulate(access, text)
            else None
        ),
        "finalise_form": (
            ActionForm(
                initial=seen,
                submit="Finalise",
                action=_url("finalise", inspection, kind),
                name="finalise",
            )
            if permissions.may_finalise(access, text)
            else None
        ),
        "may_reopen": permissions.may_reopen(access, text),
    }
    return render(request, "lscb/shared_text_detail.html", context, status=status)


def _refused(request, inspection, access, kind, form: ActionForm, error: ValidationError):
    """The page again with the refusal on top; after a stale press, what changed since."""
    shown = set(form.non_field_errors())  # a missing version is the form's own error already
    for message in error.messages:
        if message not in shown:
            form.add_error(None, message)
    stale = error if isinstance(error, StaleVersion) else None
    return _render_page(
        request,
        inspection,
        access,
        kind,
        action_form=form,
        stale=stale,
        status=409 if stale else 400,
    )


@login_required
@require_GET
def overview(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    return render(
        request,
        "lscb/overview.html",
        {
            "inspection": inspection,
            "access": access,
            "items": selectors.shared_texts_overview(inspection=inspection),
        },
    )


@login_required
@require_GET
def detail(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    return _render_page(request, inspection, access, _kind(kind))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    kind = _kind(kind)
    _require_lead_inspector(access)
    shared_text, version = selectors.shared_text_current(inspection=inspection, kind=kind)
    if request.method == "GET" and not permissions.may_edit(access, shared_text):
        message = services.INSPECTION_NOT_OPEN
        if shared_text is not None and permissions.inspection_open(access):
            message = services.LOCKED.format(kind=shared_text.name)
        messages.error(request, message)
        return redirect(_url("detail", inspection, kind))
    initial = {"expected_version": shared_text.current_version if shared_text else 0}
    if version is not None:
        initial.update(grade=version.grade, body=version.body, improvements=version.improvements)
    form = SharedTextForm(
        request.POST.copy() if request.method == "POST" else None,
        initial=initial,
        kind=kind,
        framework=inspection.framework,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.shared_text_save(
                    acting_user=request.user,
                    inspection=inspection,
                    kind=kind,
                    body=data["body"],
                    grade=data.get("grade", ""),
                    improvements=data.get("improvements", ""),
                    expected_version=data["expected_version"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, f"Version {saved.current_version} saved.")
                return redirect(_url("detail", inspection, kind))
        status = 400
        # Show the newest version beside the form; saving again is then a deliberate overwrite.
        shared_text, version = selectors.shared_text_current(inspection=inspection, kind=kind)
        form.data["expected_version"] = shared_text.current_version if shared_text else 0
    return render(
        request,
        "lscb/shared_text_form.html",
        {
            "inspection": inspection,
            "kind": kind,
            "kind_label": SharedTextKind(kind).label,
            "slug": KIND_SLUGS[kind],
            "shared_text": shared_text,
            "version": version,
            "grade_label": selectors.grade_labeller(inspection)(version.grade)
            if version and version.grade
            else "",
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def circulate(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    kind = _kind(kind)
    _require_lead_inspector(access)
    shared_text = _existing(inspection, kind)
    form = ActionForm(request.POST, submit="Circulate for sign-off", action="", name="circulate")
    try:
        services.shared_text_circulate(
            acting_user=request.user, shared_text=shared_text, seen_version=form.version_seen
        )
    except ValidationError as error:
        return _refused(request, inspection, access, kind, form, error)
    messages.success(
        request, f"The {shared_text.name} is circulated: each inspectorate lead has been emailed."
    )
    return redirect(_url("detail", inspection, kind))


@login_required
@require_POST
def sign(request: HttpRequest, reference: str, kind: str, inspectorate: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    kind = _kind(kind)
    if not access.leads(inspectorate):
        raise PermissionDenied(services.NOT_INSPECTORATE_LEAD)
    shared_text = _existing(inspection, kind)
    page = selectors.shared_text_page(inspection=inspection, kind=kind)
    form = _sign_off_form(page, inspectorate, request.POST.copy())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.signoff_record(
                acting_user=request.user,
                shared_text=shared_text,
                inspectorate_code=inspectorate,
                version_number=data["version_number"],
                decision=data["decision"],
                comment=data["comment"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            decision = dict(form.fields["decision"].choices)[data["decision"]]
            messages.success(
                request, f"Signed off version {data['version_number']}: {decision.lower()}."
            )
            return redirect(_url("detail", inspection, kind))
    # The page shows the newest version; the sign-off form must name that one, not the old.
    shared_text.refresh_from_db()
    form.data[form.add_prefix("version_number")] = shared_text.current_version
    return _render_page(
        request, inspection, access, kind, bound_sign_off=(inspectorate, form), status=400
    )


@login_required
@require_POST
def finalise(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    kind = _kind(kind)
    _require_lead_inspector(access)
    shared_text = _existing(inspection, kind)
    form = ActionForm(request.POST, submit="Finalise", action="", name="finalise")
    try:
        services.shared_text_finalise(
            acting_user=request.user, shared_text=shared_text, seen_version=form.version_seen
        )
    except ValidationError as error:
        return _refused(request, inspection, access, kind, form, error)
    messages.success(request, f"The {shared_text.name} is agreed and finalised.")
    return redirect(_url("detail", inspection, kind))


@login_required
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    kind = _kind(kind)
    _require_lead_inspector(access)
    shared_text = _existing(inspection, kind)
    if request.method == "GET" and not permissions.may_reopen(access, shared_text):
        messages.error(request, services.REOPEN_ONLY_FINALISED)
        return redirect(_url("detail", inspection, kind))
    form = ReopenForm(
        request.POST.copy() if request.method == "POST" else None,
        initial={"version": shared_text.current_version},
    )
    status = 200
    stale, changes = None, []
    if request.method == "POST":
        if form.is_valid():
            try:
                services.shared_text_reopen(
                    acting_user=request.user,
                    shared_text=shared_text,
                    reason=form.cleaned_data["reason"],
                    seen_version=form.cleaned_data["version"],
                )
            except StaleVersion as error:
                # Show what changed; reopening again is then a choice made on the new version.
                stale = error
                apply_service_errors(form, error)
                shared_text.refresh_from_db()
                form.data["version"] = shared_text.current_version
                page = selectors.shared_text_page(inspection=inspection, kind=kind)
                changes = selectors.changes_since(page=page, number=error.seen)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request, f"The {shared_text.name} is reopened and every sign-off is void."
                )
                return redirect(_url("detail", inspection, kind))
        status = 409 if stale else 400
    return render(
        request,
        "lscb/reopen_form.html",
        {"inspection": inspection, "shared_text": shared_text, "form": form, "changes": changes},
        status=status,
    )


@login_required
@require_GET
def history(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    shared_text = _existing(inspection, _kind(kind))
    shared_text.inspection = inspection
    return render(
        request,
        "lscb/history.html",
        {
            "inspection": inspection,
            "shared_text": shared_text,
            "events": selectors.shared_text_history(shared_text=shared_text),
            "versions": selectors.shared_text_versions(shared_text=shared_text),
        },
    )
