"""The grade scales published reports use, for the public list's grade filter and the API.

A grade is only meaningful with its scale (DESIGN rule 15): HMI Prisons' "good" on the
healthy-establishment tests is not Ofsted's "good". So the filter's choices are
"<scale code>:<grade code>", labelled with the scale's name, built from every framework
version's scales as `FrameworkVersion.scale_for` gives them for every inspectorate and area
(and the version's own scale for the shared LSCB judgement).
"""

from __future__ import annotations

from django.db.models import Q

from inspectorates.frameworks import GradeScale, Mode
from inspectorates.registry import framework_versions

SEPARATOR = ":"


def _placed_scales():
    """Every (framework key, inspectorate code or None for the LSCB, area code, scale)."""
    for key, version in framework_versions().items():
        if version.mode != Mode.GRADED:
            continue
        if version.shared_lscb_judgement:
            yield key, None, "lscb", version.grade_scale
        for code, framework in version.inspectorates.items():
            for area in framework.areas:
                if area.graded:
                    yield key, code, area.code, version.scale_for(code, area)


def scales_in_use() -> list[GradeScale]:
    """Each scale once, in the order the frameworks declare them."""
    scales: dict[str, GradeScale] = {}
    for _key, _code, _area, scale in _placed_scales():
        scales.setdefault(scale.code, scale)
    return list(scales.values())


def grade_choices() -> list[tuple[str, str]]:
    """'four_point:good' labelled 'Good (four-point scale)', for every grade of every scale."""
    return [
        (f"{scale.code}{SEPARATOR}{grade.code}", f"{grade.label} ({scale.name.lower()})")
        for scale in scales_in_use()
        for grade in scale.grades
    ]


def grade_codes() -> set[str]:
    return {grade.code for scale in scales_in_use() for grade in scale.grades}


def judgements_graded(value: str) -> Q:
    """A `ReportJudgement` filter for a chosen "<scale>:<grade>" (or a bare grade, any scale)."""
    scale_code, separator, grade = value.partition(SEPARATOR)
    if not separator:
        return Q(grade=scale_code)
    places = Q(pk__in=[])
    for key, code, area, scale in _placed_scales():
        if scale.code != scale_code:
            continue
        inspectorate = Q(inspectorate__isnull=True) if code is None else Q(inspectorate__code=code)
        places |= Q(version__inspection__framework_key=key, area_code=area) & inspectorate
    return Q(grade=grade) & places
