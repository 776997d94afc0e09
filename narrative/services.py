"""Choosing a narrative inspection's theme and writing each agency's findings (DESIGN rule 16).

Each function checks who is acting, applies the rule, records history naming the acting user and
the reason, in one transaction. The findings are what the joint letter sets out, so a change to
one voids the leads' live sign-offs on the letter, as an edit of the letter does (rule 6), and
is refused once the letter is agreed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import record_change
from inspections.models import Inspection
from inspections.permissions import inspection_access
from inspectorates.models import Inspectorate
from lscb.models import SharedTextKind
from lscb.services import shared_text_ground_changed
from narrative.models import Finding, FindingKind, InspectionTheme, theme_of
from narrative.permissions import check_choose_theme, check_write_findings

THEME_REQUIRED = "Select the theme of the inspection"
THEME_NOT_IN_FRAMEWORK = "Select one of this framework's themes"
THEME_NOT_CHOSEN = "Choose the inspection's theme before writing findings."
KIND_REQUIRED = "Select whether this is a strength or an area for improvement"
TEXT_REQUIRED = "Enter the finding"
SUB_THEMES_REQUIRED = "Select at least one sub-theme the finding is about"
SUB_THEME_UNKNOWN = "Select sub-themes of the inspection's theme only"
NOT_PARTICIPATING = "{name} does not take part in this inspection."
FINDINGS_CHANGED = "{name}'s findings changed"


@transaction.atomic
def theme_choose(
    *, acting_user: AbstractBaseUser, inspection: Inspection, theme_code: str
) -> InspectionTheme:
    """Set (or change, until the area is notified) the theme the inspection looks at."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    check_choose_theme(inspection_access(acting_user, inspection))
    if not theme_code:
        raise ValidationError({"theme": THEME_REQUIRED})
    try:
        theme = theme_of(inspection, theme_code)
    except KeyError:
        raise ValidationError({"theme": THEME_NOT_IN_FRAMEWORK}) from None
    chosen = InspectionTheme.objects.filter(inspection=inspection).first()
    if chosen is None:
        chosen = InspectionTheme(inspection=inspection)
    chosen.theme_code, chosen.chosen_by = theme.code, acting_user
    record_change(chosen, acting_user=acting_user, reason=f"Theme chosen: {theme.title}")
    chosen.save()
    return chosen


def _clean(
    *, inspection: Inspection, kind: str, text: str, sub_themes: Iterable[str]
) -> tuple[str, str, list[str]]:
    chosen = InspectionTheme.objects.filter(inspection=inspection).first()
    if chosen is None:
        raise ValidationError(THEME_NOT_CHOSEN)
    allowed = [sub.code for sub in chosen.theme.sub_themes]
    text, wanted = text.strip(), set(sub_themes)
    errors: dict[str, str] = {}
    if kind not in FindingKind.values:
        errors["kind"] = KIND_REQUIRED
    if not text:
        errors["text"] = TEXT_REQUIRED
    if not wanted:
        errors["sub_themes"] = SUB_THEMES_REQUIRED
    elif wanted - set(allowed):
        errors["sub_themes"] = SUB_THEME_UNKNOWN
    if errors:
        raise ValidationError(errors)
    # In the theme's own order, so the letter and the overview list them alike.
    return kind, text, [code for code in allowed if code in wanted]


def _may_write(
    acting_user: AbstractBaseUser, inspection: Inspection, inspectorate: Inspectorate
) -> None:
    check_write_findings(
        inspection_access(acting_user, inspection), inspectorate.code, inspectorate.name
    )
    shared_text_ground_changed(
        acting_user=acting_user,
        inspection=inspection,
        kind=SharedTextKind.JOINT_LETTER,
        why=FINDINGS_CHANGED.format(name=inspectorate.name),
    )


@transaction.atomic
def finding_add(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    inspectorate_code: str,
    kind: str,
    text: str,
    sub_themes: Iterable[str],
) -> Finding:
    """An agency's new strength or area for improvement, tagged with the theme's sub-themes."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    participation = (
        inspection.participations.select_related("inspectorate")
        .filter(inspectorate__code=inspectorate_code)
        .first()
    )
    if participation is None:
        raise ValidationError(NOT_PARTICIPATING.format(name=inspectorate_code))
    inspectorate = participation.inspectorate
    _may_write(acting_user, inspection, inspectorate)
    kind, text, tags = _clean(inspection=inspection, kind=kind, text=text, sub_themes=sub_themes)
    finding = Finding(
        inspection=inspection,
        inspectorate=inspectorate,
        kind=kind,
        text=text,
        sub_themes=tags,
        written_by=acting_user,
    )
    record_change(finding, acting_user=acting_user, reason=f"{FindingKind(kind).label} added")
    finding.save()
    return finding


@transaction.atomic
def finding_update(
    *,
    acting_user: AbstractBaseUser,
    finding: Finding,
    kind: str,
    text: str,
    sub_themes: Iterable[str],
) -> Finding:
    finding = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("inspection", "inspectorate")
        .get(pk=finding.pk)
    )
    _may_write(acting_user, finding.inspection, finding.inspectorate)
    kind, text, tags = _clean(
        inspection=finding.inspection, kind=kind, text=text, sub_themes=sub_themes
    )
    finding.kind, finding.text, finding.sub_themes = kind, text, tags
    record_change(finding, acting_user=acting_user, reason="Finding changed")
    finding.save()
    return finding


@transaction.atomic
def finding_delete(*, acting_user: AbstractBaseUser, finding: Finding) -> None:
    finding = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("inspection", "inspectorate")
        .get(pk=finding.pk)
    )
    _may_write(acting_user, finding.inspection, finding.inspectorate)
    record_change(finding, acting_user=acting_user, reason="Finding deleted")
    finding.delete()
