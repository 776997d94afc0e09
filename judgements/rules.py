"""The rules of DESIGN section 4 that evidence and judgements must meet, as form errors.

The services in `judgements.services` apply them inside their transaction; the messages are the
ones the user reads beside the field.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import dateformat

from inspections.models import CaseSample, Inspection
from inspectorates.frameworks import JudgementArea
from inspectorates.models import Inspectorate
from judgements.models import Evidence, EvidenceSource, Judgement, JudgementStatus

DATE_REQUIRED = "Enter the date of the evidence"
DATE_OUTSIDE_WINDOW = "The date must be within the inspection window, {start} to {end}"
SOURCE_REQUIRED = "Select where the evidence comes from"
AREA_REQUIRED = "Select at least one judgement area the evidence informs"
AREA_NOT_YOURS = "{area} is not one of {inspectorate}'s judgement areas"
TEXT_REQUIRED = "Enter the evidence"
CASE_SAMPLE_ELSEWHERE = "A linked case sample belongs to another inspection"

UNKNOWN_AREA = "{inspectorate} has no judgement area called {area} in this inspection's framework."
GRADE_UNKNOWN = "Select a grade from the framework's grade scale"
NOT_GRADED = "This judgement area is not graded"
EVIDENCE_NOT_YOURS = (
    "Only {inspectorate}'s own evidence on this inspection can support its judgements"
)
# A hard rule's message names the limiting judgement and what would satisfy the rule, on the
# judgement being saved (DESIGN rules 4 and 15). Saving the judgement the rule limits:
HARD_RULE_LIMITED = (
    "{when_title} is judged {when_label}, so {then_title} can only be {allowed}. {description}"
)
# Saving the judgement that limits another already graded:
HARD_RULE_LIMITING = (
    "{then_title} is judged {then_label}, which {when_title} judged {when_label} does not allow: "
    "{then_title} would have to be {allowed}. Change {then_title} first, or choose another grade. "
    "{description}"
)
# A presumption is departed from only with a reason recorded on the judgement it limits.
PRESUMPTION_NEEDS_REASON = (
    "{when_title} is judged {when_label}, so the framework presumes {then_title} is {allowed}. "
    "{description} Enter why this judgement departs from it."
)
# Saving the limiting judgement while the one it limits is settled without such a reason:
PRESUMPTION_SETTLED = (
    "{then_title} is submitted or agreed as {then_label} with no reason for departing from the "
    "presumption that it is {allowed} when {when_title} is {when_label}. Reopen it and record "
    "why first, or choose another grade. {description}"
)
SUBMIT_NEEDS_EVIDENCE = "Link at least one piece of evidence before submitting the judgement."
SUBMIT_NEEDS_GRADE = "Select a grade before submitting the judgement."
SUBMIT_NEEDS_RATIONALE = "Enter the rationale before submitting the judgement."


def day_as_text(day: datetime.date) -> str:
    return dateformat.format(day, "j F Y")


def validate_evidence(
    *,
    inspection: Inspection,
    inspectorate: Inspectorate,
    observed_on: datetime.date | None,
    source: str,
    area_codes: Iterable[str],
    text: str,
    case_samples: Iterable[CaseSample],
) -> tuple[list[str], list[CaseSample]]:
    """The evidence's area codes (each once) and case samples, or `ValidationError`."""
    errors: dict[str, list[str]] = {}
    if observed_on is None:
        errors["observed_on"] = [DATE_REQUIRED]
    elif not inspection.window_start <= observed_on <= inspection.window_end:
        errors["observed_on"] = [
            DATE_OUTSIDE_WINDOW.format(
                start=day_as_text(inspection.window_start), end=day_as_text(inspection.window_end)
            )
        ]
    if source not in EvidenceSource.values:
        errors["source"] = [SOURCE_REQUIRED]
    framework = inspection.framework.for_inspectorate(inspectorate.code)
    codes = list(dict.fromkeys(area_codes))
    if not codes:
        errors["area_codes"] = [AREA_REQUIRED]
    unknown = [code for code in codes if code not in framework.area_codes]
    if unknown:
        errors["area_codes"] = [
            AREA_NOT_YOURS.format(area=code, inspectorate=inspectorate.name) for code in unknown
        ]
    if not (text or "").strip():
        errors["text"] = [TEXT_REQUIRED]
    samples = list(case_samples)
    if any(sample.inspection_id != inspection.pk for sample in samples):
        errors["case_samples"] = [CASE_SAMPLE_ELSEWHERE]
    if errors:
        raise ValidationError(errors)
    return codes, samples


def area_of(*, inspection: Inspection, inspectorate: Inspectorate, area_code: str) -> JudgementArea:
    try:
        return inspection.framework.for_inspectorate(inspectorate.code).area(area_code)
    except KeyError as error:
        raise ValidationError(
            UNKNOWN_AREA.format(inspectorate=inspectorate.name, area=area_code)
        ) from error


def _grades_with(*, inspection: Inspection, inspectorate: Inspectorate, area_code: str, grade: str):
    grades = dict(
        Judgement.objects.filter(inspection=inspection, inspectorate=inspectorate)
        .exclude(area_code=area_code)
        .exclude(grade="")
        .values_list("area_code", "grade")
    )
    grades[area_code] = grade
    return grades


def _rule_words(inspection: Inspection, inspectorate: Inspectorate, rule, grades) -> dict:
    framework = inspection.framework
    own = framework.for_inspectorate(inspectorate.code)
    when_scale = framework.scale_for(inspectorate.code, rule.when_area)
    then_scale = framework.scale_for(inspectorate.code, rule.then_area)
    return {
        "when_title": own.area(rule.when_area).title,
        "when_label": when_scale.label(grades[rule.when_area]).lower(),
        "then_title": own.area(rule.then_area).title,
        "then_label": then_scale.label(grades[rule.then_area]).lower(),
        "allowed": then_scale.labels(rule.then_grades),
        "description": rule.description,
    }


def _rules_broken(
    *,
    inspection: Inspection,
    inspectorate: Inspectorate,
    area_code: str,
    grade: str,
    departure_reason: str = "",
) -> list[tuple[str, str]]:
    """The framework's limiting rules that this area's grade would break, as (field, message).

    Only rules naming this area are checked: the others were checked when their areas were saved.
    A hard rule is broken whichever side is saved. A presumption is answered by the judgement it
    limits, with a reason for departing from it (DESIGN rule 15): the limiting judgement may
    change while the limited one is a draft (which then needs the reason to be submitted), but
    not so that a submitted or agreed judgement departs without one.
    """
    limiting = [
        rule
        for rule in inspection.framework.for_inspectorate(inspectorate.code).limiting_rules
        if area_code in (rule.when_area, rule.then_area)
    ]
    if not limiting or not grade:
        return []
    grades = _grades_with(
        inspection=inspection, inspectorate=inspectorate, area_code=area_code, grade=grade
    )
    messages = []
    for rule in limiting:
        if not rule.violated_by(grades):
            continue
        words = _rule_words(inspection, inspectorate, rule, grades)
        if rule.is_presumption:
            if rule.then_area == area_code and not departure_reason.strip():
                messages.append(("departure_reason", PRESUMPTION_NEEDS_REASON.format(**words)))
            elif rule.when_area == area_code and _settled_without_reason(
                inspection, inspectorate, rule.then_area
            ):
                messages.append(("grade", PRESUMPTION_SETTLED.format(**words)))
        elif rule.then_area == area_code:
            messages.append(("grade", HARD_RULE_LIMITED.format(**words)))
        else:
            messages.append(("grade", HARD_RULE_LIMITING.format(**words)))
    return messages


def _settled_without_reason(
    inspection: Inspection, inspectorate: Inspectorate, area_code: str
) -> bool:
    """Whether the area's judgement is past draft without a reason for departing: a draft is
    asked for one when it is saved or submitted, a settled judgement only by being reopened."""
    return (
        Judgement.objects.filter(
            inspection=inspection,
            inspectorate=inspectorate,
            area_code=area_code,
            departure_reason="",
        )
        .exclude(status=JudgementStatus.DRAFT)
        .exists()
    )


def presumptions_departed(
    *, inspection: Inspection, inspectorate: Inspectorate, area_code: str, grade: str
) -> bool:
    """Whether this area's grade departs from a presumption that limits it (so a reason is
    recorded with it)."""
    rules = [
        rule
        for rule in inspection.framework.for_inspectorate(inspectorate.code).limiting_rules
        if rule.is_presumption and rule.then_area == area_code
    ]
    if not rules or not grade:
        return False
    grades = _grades_with(
        inspection=inspection, inspectorate=inspectorate, area_code=area_code, grade=grade
    )
    return any(rule.violated_by(grades) for rule in rules)


def limiting_rule_errors(judgement: Judgement) -> list[str]:
    """The limiting rules the judgement's saved grade breaks, as messages."""
    broken = _rules_broken(
        inspection=judgement.inspection,
        inspectorate=judgement.inspectorate,
        area_code=judgement.area_code,
        grade=judgement.grade,
        departure_reason=judgement.departure_reason,
    )
    return [message for _, message in broken]


def validate_draft(
    *,
    inspection: Inspection,
    inspectorate: Inspectorate,
    area: JudgementArea,
    grade: str,
    evidence: list[Evidence],
    departure_reason: str = "",
) -> None:
    """A draft's grade is on the scale (or absent where the area is not graded), its evidence
    is the inspectorate's own on this inspection, and no limiting rule is broken: a hard rule
    refuses the grade, a presumption asks for the reason the judgement departs from it."""
    errors: dict[str, list[str]] = {}
    if inspection.framework.is_graded(area):
        if grade and grade not in inspection.framework.scale_for(inspectorate.code, area).codes:
            errors["grade"] = [GRADE_UNKNOWN]
    elif grade:
        errors["grade"] = [NOT_GRADED]
    if any(
        item.inspection_id != inspection.pk or item.inspectorate_id != inspectorate.pk
        for item in evidence
    ):
        errors["evidence"] = [EVIDENCE_NOT_YOURS.format(inspectorate=inspectorate.name)]
    if not errors:
        for field, message in _rules_broken(
            inspection=inspection,
            inspectorate=inspectorate,
            area_code=area.code,
            grade=grade,
            departure_reason=departure_reason,
        ):
            errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def validate_submission(judgement: Judgement) -> None:
    """DESIGN rule 5: a submitted judgement has evidence, its grade and its rationale."""
    area = area_of(
        inspection=judgement.inspection,
        inspectorate=judgement.inspectorate,
        area_code=judgement.area_code,
    )
    errors = []
    if not judgement.evidence.exists():
        errors.append(SUBMIT_NEEDS_EVIDENCE)
    if judgement.inspection.framework.is_graded(area) and not judgement.grade:
        errors.append(SUBMIT_NEEDS_GRADE)
    if not judgement.rationale.strip():
        errors.append(SUBMIT_NEEDS_RATIONALE)
    errors += limiting_rule_errors(judgement)
    if errors:
        raise ValidationError(errors)
