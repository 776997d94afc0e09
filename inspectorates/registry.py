"""The framework registry: every inspection kind at every version, assembled from the sub-apps.

Each inspectorate sub-app (`inspectorates/<code>/framework.py`) declares `CODE`, `NAME` and
`FRAMEWORKS`, a mapping of framework key (``"<kind>/<version>"``) to its
`InspectorateFramework`. The kind-level facts (window, notice, mode, who must take part) are
declared here, once, because they belong to the joint inspection and not to any one inspectorate.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import import_module

from django.db import models
from django.utils import timezone

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
    # The first notification date this version applies to (`framework_current`).
    in_force_from: datetime.date = datetime.date(2015, 1, 1)
    statement_of_action_working_days: int = 70


# The kinds' notice (DESIGN section 1): the integrated inspection is announced before its window
# opens; the joint child protection and looked after children inspections are unannounced.
ANNOUNCED_BEFORE_WINDOW = NoticeRule(
    NoticeKind.ANNOUNCED,
    description="Announced: the local authority is notified before the window opens.",
)
UNANNOUNCED = NoticeRule(
    NoticeKind.NONE,
    description="Unannounced: the area is told when fieldwork starts, on a day of the window.",
)
# Every local agency the joint child protection inspection looks at (the seeds: social care,
# health, police, probation), so every one of their inspectorates takes part.
JOINT_CHILD_PROTECTION_AGENCIES = frozenset({LEADING_INSPECTORATE, "cqc", "hmic", "hmi_probation"})

_INTEGRATED_2015 = _KindVersion(
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
    notice_rule=ANNOUNCED_BEFORE_WINDOW,
)

_KIND_VERSIONS: tuple[_KindVersion, ...] = (
    _INTEGRATED_2015,
    # The second integrated version: what changed is in the sub-apps (Ofsted's 2017 scale and
    # presumption, HMICFRS's name, HMI Prisons' healthy-establishment tests; ADR 17).
    replace(
        _INTEGRATED_2015,
        version="2017.1",
        title="Targeted programme of integrated inspections (2017)",
        in_force_from=datetime.date(2017, 4, 1),
    ),
    _KindVersion(
        kind=InspectionKind.JOINT_CHILD_PROTECTION,
        version="2015.1",
        title="Unannounced multi-agency child protection inspection (2015)",
        mode=Mode.GRADED,
        window_days=14,
        notice="Unannounced: fieldwork starts without notice and ends within two weeks.",
        announced=False,
        required=JOINT_CHILD_PROTECTION_AGENCIES,
        min_partners=1,
        reference_prefix="JCP",
        lscb_descriptors=LSCB_2015,
        notice_rule=UNANNOUNCED,
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
        notice_rule=UNANNOUNCED,
        # Ofsted with CQC on looked after children: no shared LSCB judgement (DESIGN section 1).
        shared_lscb_judgement=False,
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
    names = inspectorate_names()
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
                # A version that does not rename an inspectorate gives it the sub-app's NAME.
                code: frameworks[key]
                if frameworks[key].name
                else replace(frameworks[key], name=names[code])
                for code, frameworks in declared.items()
                if key in frameworks
            },
            required_inspectorates=spec.required,
            min_partners=spec.min_partners,
            reference_prefix=spec.reference_prefix,
            lscb_descriptors=spec.lscb_descriptors,
            notice_rule=spec.notice_rule,
            shared_lscb_judgement=spec.shared_lscb_judgement,
            themes=spec.themes,
            in_force_from=spec.in_force_from,
            statement_of_action_working_days=spec.statement_of_action_working_days,
        )
        version.validate()
        versions[key] = version
    return versions


def framework_get(key: str) -> FrameworkVersion:
    return framework_versions()[key]


def framework_current(kind: str, *, on: datetime.date | None = None) -> FrameworkVersion:
    """The version of a kind in force on `on` (today if not given): the one with the latest
    `in_force_from` on or before that day, or the kind's first where none was yet. An inspection
    takes the version in force on the day the area is notified, and keeps it (DESIGN section 1).
    """
    on = on or timezone.localdate()
    candidates = sorted(
        (v for v in framework_versions().values() if v.kind == kind),
        key=lambda v: (v.in_force_from, tuple(int(p) for p in v.version.split("."))),
    )
    in_force = [v for v in candidates if v.in_force_from <= on]
    return in_force[-1] if in_force else candidates[0]


def framework_choices() -> list[tuple[str, str]]:
    return [(key, version.title) for key, version in framework_versions().items()]
