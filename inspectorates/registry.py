"""The framework registry: every inspection kind at every version, assembled from the sub-apps.

Each inspectorate sub-app (`inspectorates/<code>/framework.py`) declares `CODE`, `NAME` and
`FRAMEWORKS`, a mapping of framework key (``"<kind>/<version>"``) to its
`InspectorateFramework`. The kind-level facts (window, notice, mode, who must take part) are
declared here, once, because they belong to the joint inspection and not to any one inspectorate.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module

from django.db import models

from inspectorates.frameworks import (
    FOUR_POINT_SCALE,
    LEADING_INSPECTORATE,
    FrameworkVersion,
    GradeScale,
    Mode,
    NoticeKind,
    NoticeRule,
    Theme,
)
from inspectorates.lscb import LSCB_2015
from inspectorates.themes_2016 import NOTICE_WORKING_DAYS, STATEMENT_WORKING_DAYS, THEMES_2016

# Order matters: it is the order inspectorates appear in the workspace and the report.
INSPECTORATE_CODES: tuple[str, ...] = ("ofsted", "cqc", "hmic", "hmi_probation", "hmi_prisons")


class InspectionKind(models.TextChoices):
    INTEGRATED = "integrated", "Integrated inspection"
    JOINT_CHILD_PROTECTION = "joint_child_protection", "Joint child protection inspection"
    LOOKED_AFTER_CHILDREN = (
        "looked_after_children",
        "Inspection of services for looked after children and care leavers",
    )
    JOINT_TARGETED_AREA = "joint_targeted_area", "Joint targeted area inspection"


@dataclass(frozen=True)
class _KindVersion:
    kind: str
    version: str
    title: str
    mode: str
    window_days: int
    notice: str
    announced: bool
    required: frozenset[str]
    min_partners: int
    reference_prefix: str
    lscb_descriptors: Mapping[str, str]
    grade_scale: GradeScale = FOUR_POINT_SCALE
    notice_rule: NoticeRule | None = None
    shared_lscb_judgement: bool = True
    themes: tuple[Theme, ...] = ()
    statement_of_action_working_days: int = 70


_KIND_VERSIONS: tuple[_KindVersion, ...] = (
    _KindVersion(
        kind=InspectionKind.INTEGRATED,
        version="2015.1",
        title="Targeted programme of integrated inspections (2015)",
        mode=Mode.GRADED,
        window_days=28,
        notice="Announced: the local authority is notified before the four-week window opens.",
        announced=True,
        required=frozenset({LEADING_INSPECTORATE}),
        min_partners=1,
        reference_prefix="INT",
        lscb_descriptors=LSCB_2015,
    ),
    _KindVersion(
        kind=InspectionKind.JOINT_CHILD_PROTECTION,
        version="2015.1",
        title="Unannounced multi-agency child protection inspection (2015)",
        mode=Mode.GRADED,
        window_days=14,
        notice="Unannounced: fieldwork starts without notice and ends within two weeks.",
        announced=False,
        required=frozenset({LEADING_INSPECTORATE}),
        min_partners=1,
        reference_prefix="JCP",
        lscb_descriptors=LSCB_2015,
    ),
    _KindVersion(
        kind=InspectionKind.LOOKED_AFTER_CHILDREN,
        version="2015.1",
        title="Looked after children and care leavers, Ofsted with CQC (2015)",
        mode=Mode.GRADED,
        window_days=14,
        notice="Unannounced: Ofsted and CQC inspect together within two weeks.",
        announced=False,
        required=frozenset({LEADING_INSPECTORATE, "cqc"}),
        min_partners=1,
        reference_prefix="LAC",
        lscb_descriptors=LSCB_2015,
    ),
    # Narrative (DESIGN rule 16): no grades, a theme, a joint letter (ADR 18).
    _KindVersion(
        kind=InspectionKind.JOINT_TARGETED_AREA,
        version="2016.1",
        title="Joint targeted area inspection (2016)",
        mode=Mode.NARRATIVE,
        window_days=14,
        notice="Short notice: the area is told 10 working days before fieldwork starts.",
        announced=True,
        required=frozenset({LEADING_INSPECTORATE}),
        min_partners=1,
        reference_prefix="JTAI",
        lscb_descriptors={},
        notice_rule=NoticeRule(
            NoticeKind.SHORT,
            NOTICE_WORKING_DAYS,
            "The area is told 10 working days before fieldwork starts.",
        ),
        shared_lscb_judgement=False,
        themes=THEMES_2016,
        statement_of_action_working_days=STATEMENT_WORKING_DAYS,
    ),
)


def _sub_app(code: str):
    return import_module(f"inspectorates.{code}.framework")


@functools.cache
def inspectorate_names() -> dict[str, str]:
    return {code: _sub_app(code).NAME for code in INSPECTORATE_CODES}


@functools.cache
def services_inspected(code: str) -> tuple[str, ...]:
    """Which of an area's bodies an inspectorate's findings are about: kinds of partner body
    (`inspections.PartnerBodyKind` values, which this layer below inspections names as text), or
    `CHILDRENS_SOCIAL_CARE` for the local authority itself."""
    return tuple(_sub_app(code).SERVICES_INSPECTED)


@functools.cache
def framework_versions() -> dict[str, FrameworkVersion]:
    declared = {code: _sub_app(code).FRAMEWORKS for code in INSPECTORATE_CODES}
    versions: dict[str, FrameworkVersion] = {}
    for spec in _KIND_VERSIONS:
        key = f"{spec.kind}/{spec.version}"
        version = FrameworkVersion(
            kind=str(spec.kind),
            version=spec.version,
            title=spec.title,
            mode=spec.mode,
            window_days=spec.window_days,
            notice=spec.notice,
            announced=spec.announced,
            grade_scale=spec.grade_scale,
            inspectorates={
                code: frameworks[key] for code, frameworks in declared.items() if key in frameworks
            },
            required_inspectorates=spec.required,
            min_partners=spec.min_partners,
            reference_prefix=spec.reference_prefix,
            lscb_descriptors=spec.lscb_descriptors,
            notice_rule=spec.notice_rule,
            shared_lscb_judgement=spec.shared_lscb_judgement,
            themes=spec.themes,
            statement_of_action_working_days=spec.statement_of_action_working_days,
        )
        version.validate()
        versions[key] = version
    return versions


def framework_get(key: str) -> FrameworkVersion:
    return framework_versions()[key]


def framework_current(kind: str) -> FrameworkVersion:
    """The newest version of a kind: what a new inspection is notified under."""
    candidates = [v for v in framework_versions().values() if v.kind == kind]
    return max(candidates, key=lambda v: tuple(int(p) for p in v.version.split(".")))


def framework_choices() -> list[tuple[str, str]]:
    return [(key, version.title) for key, version in framework_versions().items()]
