"""The area contact's pages, reached only through their personal link, without an account.

Each request checks the signed link (`accuracy.links.check_token`) and records its use, allowed
or refused, for the audit log. A refused link gets one clear page and nothing else. Every answer
is kept out of caches and search engines, and its address is never sent to another site as a
referrer. (`same-origin`, not `no-referrer`: with `no-referrer` Chromium sends `Origin: null` on
the comment form's POST, which Django's CSRF check rightly refuses.)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accuracy import links, selectors, services
from accuracy.forms import CommentForm
from accuracy.models import LinkUseKind
from accuracy.views.team import response_file
from core.forms import apply_service_errors
from core.storage import pdf_response

REFUSALS = {
    LinkUseKind.REFUSED_EXPIRED: (
        410,
        "This link has expired",
        "The time for comments on this draft has ended. If you still need to comment, ask the "
        "lead inspector to send you a new link.",
    ),
    LinkUseKind.REFUSED_REVOKED: (
        410,
        "This link has been withdrawn",
        "The lead inspector has withdrawn this link. If you were sent a newer one, use that.",
    ),
    LinkUseKind.REFUSED_OTHER_DRAFT: (
        410,
        "This link is for another draft",
        "A newer draft of the report has been sent since this link was made. Use the link in "
        "the newest email you were sent.",
    ),
    LinkUseKind.REFUSED_TAMPERED: (
        403,
        "This link is not valid",
        "Check that you copied the whole link from the email. If it still does not work, ask "
        "the lead inspector to send you a new link.",
    ),
}


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def refused_page(request: HttpRequest, check: links.LinkCheck) -> HttpResponse:
    """The one clear page a refused link gets, its use recorded."""
    services.link_use_record(check, check.refused)
    status, title, body = REFUSALS[check.refused]
    page = render(
        request, "accuracy/link_refused.html", {"title": title, "body": body}, status=status
    )
    return _private(page)


def contact_link(view: Callable) -> Callable:
    """Check the link before the view, record a refused use, and mark every answer private."""

    @wraps(view)
    def wrapped(request: HttpRequest, token: str, **kwargs) -> HttpResponse:
        check = links.check_token(token)
        if not check.ok:
            return refused_page(request, check)
        return _private(view(request, check, token, **kwargs))

    return never_cache(wrapped)


def _page(request, check, token, form, *, status=200) -> HttpResponse:
    link = check.link
    round_ = link.round
    return render(
        request,
        "accuracy/contact_draft.html",
        {
            "link": link,
            "round": round_,
            "token": token,
            "version": round_.report_version,
            "form": form if round_.is_open else None,
            "comments": link.comments.order_by("created_at", "pk"),
            "late": timezone.localdate() > round_.deadline,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@contact_link
def draft(request: HttpRequest, check: links.LinkCheck, token: str) -> HttpResponse:
    round_ = check.link.round
    names = selectors.inspectorate_names(inspection=round_.inspection)
    sections = selectors.round_sections(round_, names)
    form = CommentForm(request.POST if request.method == "POST" else None, sections=sections)
    if request.method != "POST":
        services.link_use_record(check, LinkUseKind.OPENED)
        return _page(request, check, token, form)
    if form.is_valid():
        try:
            services.comment_add(
                token=token,
                section_key=form.cleaned_data["section"],
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                proposed_change=form.cleaned_data["proposed_change"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("accuracy_contact:draft", token=token)
    return _page(request, check, token, form, status=400)


@require_POST
@contact_link
def no_comments(request: HttpRequest, check: links.LinkCheck, token: str) -> HttpResponse:
    with contextlib.suppress(ValidationError):
        services.no_comments_record(token=token)
    return redirect("accuracy_contact:draft", token=token)


@require_http_methods(["GET", "HEAD"])
@contact_link
def draft_pdf(request: HttpRequest, check: links.LinkCheck, token: str, number: int):
    version = check.link.round.report_version
    if number != version.number:
        return refused_page(request, links.LinkCheck(check.link, LinkUseKind.REFUSED_OTHER_DRAFT))
    services.link_use_record(check, LinkUseKind.DOWNLOADED)
    response = pdf_response(version.pdf.name, filename=version.download_name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD"])
@contact_link
def response_pdf(request: HttpRequest, check: links.LinkCheck, token: str):
    round_ = check.link.round
    if round_.is_open:
        raise Http404("The round is still open.")
    services.link_use_record(check, LinkUseKind.DOWNLOADED_RESPONSE)
    return response_file(round_)
