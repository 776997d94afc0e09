"""The workspace and coverage pages: every judgement area of the inspection at a glance."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from inspections.permissions import InspectionAccess
from inspections.selectors import inspection_get_for_user
from judgements import selectors
from judgements.workspace_cache import KEY_ANNOTATIONS, workspace_key_of
from referrals.selectors import OPEN_REFERRALS_ANNOTATIONS


def _writable_codes(access: InspectionAccess) -> set[str]:
    return {code for code in access.contributes_for if access.may_write_for(code)}


@login_required
def workspace(request: HttpRequest, reference: str) -> HttpResponse:
    inspection, access = inspection_get_for_user(
        user=request.user,
        reference=reference,
        annotations={**KEY_ANNOTATIONS, **OPEN_REFERRALS_ANNOTATIONS},
    )
    return render(
        request,
        "judgements/workspace.html",
        {
            "inspection": inspection,
            "access": access,
            # Read only when the cached sections are missing (the template calls it): the key
            # holds the inspection's change counter, so a cached copy is never stale.
            "sections": partial(selectors.workspace_for_inspection, inspection=inspection),
            "workspace_key": workspace_key_of(inspection),
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
