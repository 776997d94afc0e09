"""What the evidence and judgement pages share: a refused button press, the judgement page."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core.forms import apply_service_errors
from core.versioning import StaleVersion
from inspections.models import Inspection
from inspections.permissions import InspectionAccess
from inspections.selectors import inspection_get_for_user
from inspectorates.frameworks import JudgementArea
from inspectorates.models import Inspectorate
from judgements import permissions, selectors
from judgements.forms import (
    ActionForm,
    JudgementForm,
)
from judgements.models import Judgement


def action_refusal(error: ValidationError) -> ActionForm:
    """A service's refusal of a button press, ready for the page's error summary."""
    form = ActionForm({})
    form.is_valid()
    apply_service_errors(form, error)
    return form


@dataclass
class JudgementPage:
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

    @property
    def context(self) -> dict:
        """What every page about one judgement shows at its top."""
        return {
            "inspection": self.inspection,
            "inspectorate": self.inspectorate,
            "area": self.area,
            "judgement": self.judgement,
            "graded": self.inspection.framework.is_graded(self.area),
            "judgement_url": self.url,
        }


def judgement_page(
    request: HttpRequest, reference: str, inspectorate_code: str, area_code: str
) -> JudgementPage:
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
    return JudgementPage(inspection, access, participation.inspectorate, area, judgement)


def judgement_form(
    page: JudgementPage, data=None, *, judgement: Judgement | None = None
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
            departure_reason=judgement.departure_reason,
            evidence=[str(item.pk) for item in judgement.evidence.all()],
        )
    return JudgementForm(
        data,
        initial=initial,
        framework=page.inspection.framework,
        inspectorate=page.inspectorate.code,
        area=page.area,
        evidence=selectors.evidence_choices_for_judgement(
            inspection=page.inspection,
            inspectorate=page.inspectorate,
            area_code=page.area.code,
            judgement=judgement,
        ),
    )


def render_judgement(
    request: HttpRequest,
    page: JudgementPage,
    *,
    form: JudgementForm | None = None,
    action_form: ActionForm | None = None,
    stale: StaleVersion | None = None,
    status: int = 200,
) -> HttpResponse:
    access, judgement = page.access, page.judgement
    may_edit = permissions.may_edit_judgement(access, page.inspectorate.code, judgement)
    if form is None and may_edit:
        form = judgement_form(page)
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
            **compare(page, stale),
            "may_submit": permissions.may_submit_judgement(access, judgement),
            "may_agree": permissions.may_agree_judgement(access, judgement),
            "may_reopen": permissions.may_reopen_judgement(access, judgement),
        },
        status=status,
    )


def compare(page: JudgementPage, stale: StaleVersion | None) -> dict:
    """The side-by-side view after a refused stale change: the version seen, the one saved."""
    if stale is None:
        return {"saved": None}
    return {
        "saved": page.judgement,
        "seen_number": stale.seen,
        "seen": selectors.judgement_as_of(judgement=page.judgement, version=stale.seen),
    }


def reload(page: JudgementPage) -> None:
    """After a refusal for staleness: the judgement as saved now."""
    page.judgement = selectors.judgement_for_area(
        inspection=page.inspection, inspectorate=page.inspectorate, area_code=page.area.code
    )


def retyped(page: JudgementPage, stale: StaleVersion, data, make_form):
    """The user's form as posted, now naming the saved version, with the refusal on top."""
    reload(page)
    retyped = data.copy()
    retyped["version"] = str(stale.current.version)
    form = make_form(page, retyped)
    form.is_valid()
    form.add_error(None, stale.messages[0])
    return form
