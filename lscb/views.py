"""Thin views: parse the request, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import apply_service_errors
from core.versioning import StaleVersion
from inspections.models import Inspection
from inspections.permissions import InspectionAccess
from inspections.selectors import inspection_get_for_user
from lscb import permissions, selectors, services
from lscb.forms import ActionForm, ReopenForm, SharedTextForm, SignOffForm
from lscb.models import KIND_SLUGS, SharedText, SharedTextKind, kinds_for

KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


def _kind(slug: str, inspection: Inspection) -> str:
    """The kind of shared text the address names, if this inspection has it: the looked after
    children kind has no shared LSCB judgement (DESIGN section 1)."""
    kind = KINDS_BY_SLUG.get(slug)
    if kind is None or kind not in kinds_for(inspection.framework):
        raise Http404("No such shared text.")
    return kind


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


def _lead_inspectors(
    request: HttpRequest, reference: str, slug: str
) -> tuple[Inspection, InspectionAccess, str]:
    """The inspection and the kind of text, for a page only the lead inspector may use."""
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    kind = _kind(slug, inspection)
    permissions.check_lead_inspector(access)
    return inspection, access, kind


def _sign_off_form(page: selectors.SharedTextPage, code: str, data=None) -> SignOffForm:
    row = page.row_for(code)
    return SignOffForm(
        data,
        inspectorate_name=row.inspectorate.name,
        action=_url("sign", page.inspection, page.kind, inspectorate=code),
        initial={"version_number": page.version.number if page.version else None},
        prefix=code,
    )


def _action_form(
    page: selectors.SharedTextPage, name: str, submit: str, *, allowed: bool
) -> ActionForm | None:
    """A button (circulate, finalise) naming the version shown, if the user may press it."""
    if not allowed:
        return None
    text = page.shared_text
    return ActionForm(
        initial={"version": text.current_version} if text is not None else {},
        submit=submit,
        action=_url(name, page.inspection, page.kind),
        name=name,
    )


def _lead_form(
    page: selectors.SharedTextPage, lead: selectors.LeadPanel, bound: dict[str, SignOffForm]
) -> SignOffForm | None:
    """The sign-off form of an inspectorate the user leads: as posted after a refusal, else new."""
    if not lead.may_sign:
        return None
    code = lead.row.inspectorate.code
    return bound[code] if code in bound else _sign_off_form(page, code)


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
    shown = selectors.shared_text_page_for_user(access=access, kind=kind)
    page = shown.page
    bound = dict([bound_sign_off]) if bound_sign_off else {}
    forms = [form for form in (action_form, *bound.values()) if form is not None]
    context = {
        "inspection": inspection,
        "access": access,
        "page": page,
        "leads": [
            {"row": lead.row, "change": lead.change, "form": _lead_form(page, lead, bound)}
            for lead in shown.leads
        ],
        "error_forms": [form for form in forms if form.errors],
        # A refused button press: what changed since the version the user's page showed.
        "stale": stale,
        "changes_since_seen": selectors.changes_since(page=page, number=stale.seen)
        if stale
        else [],
        "may_edit": shown.may_edit,
        "circulate_form": _action_form(
            page, "circulate", "Circulate for sign-off", allowed=shown.may_circulate
        ),
        "finalise_form": _action_form(page, "finalise", "Finalise", allowed=shown.may_finalise),
        "may_reopen": shown.may_reopen,
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
@require_safe
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
@require_safe
def detail(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    return _render_page(request, inspection, access, _kind(kind, inspection))


def _sent_back(request: HttpRequest, inspection: Inspection, kind: str, refusal: str):
    """Opening a form the text does not allow now: back to the text, saying why."""
    messages.error(request, refusal)
    return redirect(_url("detail", inspection, kind))


def _edit_form(request: HttpRequest, inspection: Inspection, kind: str, shared_text, version):
    initial = {"expected_version": shared_text.current_version if shared_text else 0}
    if version is not None:
        initial.update(grade=version.grade, body=version.body, improvements=version.improvements)
    return SharedTextForm(
        request.POST.copy() if request.method == "POST" else None,
        initial=initial,
        kind=kind,
        framework=inspection.framework,
    )


def _render_edit(request, inspection, kind, form, shared_text, version, status=200):
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
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access, kind = _lead_inspectors(request, reference, kind)
    shared_text, version = selectors.shared_text_current(inspection=inspection, kind=kind)
    refusal = permissions.why_not_edit(access, shared_text)
    if request.method in ("GET", "HEAD") and refusal:
        return _sent_back(request, inspection, kind, refusal)
    form = _edit_form(request, inspection, kind, shared_text, version)
    if request.method in ("GET", "HEAD"):
        return _render_edit(request, inspection, kind, form, shared_text, version)
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
    # Show the newest version beside the form; saving again is then a deliberate overwrite.
    shared_text, version = selectors.shared_text_current(inspection=inspection, kind=kind)
    form.data["expected_version"] = shared_text.current_version if shared_text else 0
    return _render_edit(request, inspection, kind, form, shared_text, version, status=400)


def _press(
    request: HttpRequest, reference: str, slug: str, service, *, name: str, submit: str, done: str
) -> HttpResponse:
    """A button on the shared text (circulate, finalise): the service, then back to the text
    saying `done` ("{text}" names the text), or the page again with the refusal."""
    inspection, access, kind = _lead_inspectors(request, reference, slug)
    shared_text = _existing(inspection, kind)
    form = ActionForm(request.POST, submit=submit, action="", name=name)
    try:
        service(acting_user=request.user, shared_text=shared_text, seen_version=form.version_seen)
    except ValidationError as error:
        return _refused(request, inspection, access, kind, form, error)
    messages.success(request, done.format(text=shared_text.name))
    return redirect(_url("detail", inspection, kind))


@login_required
@require_POST
def circulate(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    return _press(
        request,
        reference,
        kind,
        services.shared_text_circulate,
        name="circulate",
        submit="Circulate for sign-off",
        done="The {text} is circulated: each inspectorate lead has been emailed.",
    )


@login_required
@require_POST
def sign(request: HttpRequest, reference: str, kind: str, inspectorate: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    kind = _kind(kind, inspection)
    permissions.check_sign_for(access, inspectorate)
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
    return _press(
        request,
        reference,
        kind,
        services.shared_text_finalise,
        name="finalise",
        submit="Finalise",
        done="The {text} is agreed and finalised.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reopen(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access, kind = _lead_inspectors(request, reference, kind)
    shared_text = _existing(inspection, kind)
    refusal = permissions.why_not_reopen(access, shared_text)
    if request.method in ("GET", "HEAD") and refusal:
        return _sent_back(request, inspection, kind, refusal)
    form = ReopenForm(
        request.POST.copy() if request.method == "POST" else None,
        initial={"version": shared_text.current_version},
    )
    stale, changes = None, []
    if request.method == "POST" and form.is_valid():
        try:
            services.shared_text_reopen(
                acting_user=request.user,
                shared_text=shared_text,
                reason=form.cleaned_data["reason"],
                seen_version=form.cleaned_data["version"],
            )
        except StaleVersion as error:
            # Show what changed; reopening again is then a choice made on the new version.
            stale, changes = error, _stale_reopen(inspection, shared_text, form, error)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, f"The {shared_text.name} is reopened and every sign-off is void."
            )
            return redirect(_url("detail", inspection, kind))
    return render(
        request,
        "lscb/reopen_form.html",
        {"inspection": inspection, "shared_text": shared_text, "form": form, "changes": changes},
        status=200 if request.method in ("GET", "HEAD") else 409 if stale else 400,
    )


def _stale_reopen(
    inspection: Inspection, shared_text: SharedText, form: ReopenForm, stale: StaleVersion
) -> list:
    """After a stale reopen: the refusal on the form, which now names the current version, and
    what changed since the version the user read."""
    apply_service_errors(form, stale)
    shared_text.refresh_from_db()
    form.data["version"] = shared_text.current_version
    page = selectors.shared_text_page(inspection=inspection, kind=shared_text.kind)
    return selectors.changes_since(page=page, number=stale.seen)


@login_required
@require_safe
def history(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(user=request.user, reference=reference)
    shared_text = _existing(inspection, _kind(kind, inspection))
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
