"""The shapes of inspection frameworks.

Frameworks are versioned *data*: each inspectorate sub-app declares its judgement areas,
criteria, grade descriptors and limiting rules with these classes, and the code that applies
them (here and in `judgements`) is shared. A published framework version is never edited in
place; a change is a new version, so an inspection notified under an old version keeps it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.dates import long_date
from core.working_days import add_working_days, is_working_day


class FrameworkError(ValueError):
    """A framework declaration is inconsistent (raised when the registry loads)."""


@dataclass(frozen=True)
class Grade:
    code: str
    label: str


@dataclass(frozen=True)
class GradeScale:
    """Grades ordered from best to worst.

    `code` and `name` tell one scale from another wherever grades leave the service (the report,
    the public list's filter, the open-data API), so that no consumer confuses one scale's "good"
    with another's (DESIGN rule 15).
    """

    grades: tuple[Grade, ...]
    code: str = "four_point"
    name: str = "Four-point scale"

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(grade.code for grade in self.grades)

    def label(self, code: str) -> str:
        for grade in self.grades:
            if grade.code == code:
                return grade.label
        raise KeyError(code)

    def rank(self, code: str) -> int:
        """0 for the best grade; larger is worse."""
        return self.codes.index(code)

    def choices(self) -> list[tuple[str, str]]:
        return [(grade.code, grade.label) for grade in self.grades]

    def labels(self, codes: frozenset[str] | set[str]) -> str:
        """Some of the scale's grades as words, best first: "requires improvement or inadequate"."""
        words = [grade.label.lower() for grade in self.grades if grade.code in codes]
        return " or ".join(words)


FOUR_POINT_SCALE = GradeScale(
    grades=(
        Grade("outstanding", "Outstanding"),
        Grade("good", "Good"),
        Grade("requires_improvement", "Requires improvement"),
        Grade("inadequate", "Inadequate"),
    )
)


@dataclass(frozen=True)
class JudgementArea:
    """One thing an inspectorate judges. `descriptors` maps grade code to its descriptor."""

    code: str
    title: str
    summary: str
    criteria: tuple[str, ...]
    descriptors: Mapping[str, str] = field(default_factory=dict)
    graded: bool = True
    # A graded sub-judgement names the area it sits under; it does not roll up into it.
    parent: str | None = None
    # An area graded on a scale of its own (DESIGN rule 15); None takes its framework's.
    grade_scale: GradeScale | None = None

    def descriptor(self, grade_code: str) -> str:
        return self.descriptors.get(grade_code, "")


class RuleStrength:
    """How binding a limiting rule is (DESIGN rule 15)."""

    HARD = "hard"  # the judgement is refused
    PRESUMPTION = "presumption"  # departing from it needs a recorded reason


@dataclass(frozen=True)
class LimitingRule:
    """If `when_area` is graded one of `when_grades`, `then_area` may only be one of `then_grades`.

    A hard rule refuses the judgement; a presumption lets the judgement depart from it with a
    recorded reason (DESIGN rule 15). Either way nothing is silently corrected (rule 4).
    """

    code: str
    description: str
    when_area: str
    when_grades: frozenset[str]
    then_area: str
    then_grades: frozenset[str]
    strength: str = RuleStrength.HARD

    @property
    def is_presumption(self) -> bool:
        return self.strength == RuleStrength.PRESUMPTION

    def violated_by(self, grades: Mapping[str, str]) -> bool:
        when, then = grades.get(self.when_area), grades.get(self.then_area)
        if when is None or then is None:
            return False
        return when in self.when_grades and then not in self.then_grades


@dataclass(frozen=True)
class InspectorateFramework:
    """What one inspectorate judges under one framework version."""

    inspectorate: str
    areas: tuple[JudgementArea, ...]
    limiting_rules: tuple[LimitingRule, ...] = ()
    # Only "where appropriate": e.g. HMI Prisons needs a custodial establishment in the area.
    requires_custodial_establishment: bool = False
    # The inspectorate's own scale (DESIGN rule 15); None takes the framework version's.
    grade_scale: GradeScale | None = None
    # The inspectorate's name under this version (HMIC became HMICFRS in 2017); "" takes the
    # sub-app's NAME, which the registry fills in. The Inspectorate row keeps its first name.
    name: str = ""

    def area(self, code: str) -> JudgementArea:
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(code)

    @property
    def area_codes(self) -> tuple[str, ...]:
        return tuple(area.code for area in self.areas)


class Mode:
    GRADED = "graded"
    NARRATIVE = "narrative"


class NoticeKind:
    """How much warning the area gets before fieldwork (enforced at notification)."""

    NONE = "none"  # unannounced: fieldwork may start the day the area is told
    SHORT = "short"  # short notice: a number of working days
    ANNOUNCED = "announced"  # the area is told before the window opens


@dataclass(frozen=True)
class NoticeRule:
    """A kind's notice as data: what the set-up form says and what notification enforces."""

    kind: str
    working_days: int = 0
    description: str = ""

    def notification_day(self, window_start: datetime.date) -> datetime.date:
        """The last day the area may be told of a window opening on `window_start` (a working
        day): the day itself when unannounced, exactly `working_days` working days before for
        short notice, and before the window (at least a working week) when announced."""
        if self.kind == NoticeKind.NONE:
            return window_start
        days = self.working_days if self.kind == NoticeKind.SHORT else max(self.working_days, 5)
        day = window_start
        while days:
            day -= datetime.timedelta(days=1)
            days -= is_working_day(day)
        return day

    def refusal(
        self, *, notified_on: datetime.date, window_start: datetime.date, window_end: datetime.date
    ) -> str:
        """Why the area cannot be notified on `notified_on` for this window, or "" if it can.

        Unannounced: the area hears on a day of the window, when fieldwork starts. Short notice:
        the window opens exactly `working_days` England working days after notification (DESIGN
        rule 17). Announced: the area hears before the window opens, at least `working_days`
        working days before where the kind says so.
        """
        if self.kind == NoticeKind.NONE:
            if not window_start <= notified_on <= window_end:
                return NOTICE_NONE.format(start=_day(window_start), end=_day(window_end))
        elif self.kind == NoticeKind.SHORT:
            opens = add_working_days(notified_on, self.working_days)
            if window_start != opens:
                return NOTICE_SHORT.format(
                    days=self.working_days, notified=_day(notified_on), opens=_day(opens)
                )
        else:
            early_enough = (
                add_working_days(notified_on, self.working_days) <= window_start
                if self.working_days
                else notified_on < window_start
            )
            if not early_enough:
                before = (
                    f" by at least {self.working_days} working days" if self.working_days else ""
                )
                return NOTICE_ANNOUNCED.format(start=_day(window_start), before=before)
        return ""


def _day(day: datetime.date) -> str:
    return long_date(day)


NOTICE_NONE = (
    "This kind of inspection is unannounced: the area is notified when fieldwork starts, on a day "
    "of the window ({start} to {end})."
)
NOTICE_SHORT = (
    "This kind of inspection gives {days} working days' notice: notified on {notified}, the "
    "window must open on {opens}."
)
NOTICE_ANNOUNCED = (
    "This kind of inspection is announced: the area is notified before the window opens on "
    "{start}{before}."
)


@dataclass(frozen=True)
class SubTheme:
    code: str
    title: str


@dataclass(frozen=True)
class Theme:
    """A "deep dive" theme of a narrative inspection, with the sub-themes findings are tagged
    with (DESIGN rule 16)."""

    code: str
    title: str
    sub_themes: tuple[SubTheme, ...]


# The inspectorate that leads every joint inspection: it always takes part and the lead
# inspector is one of its inspectors (docs/design.md, rule 1).
LEADING_INSPECTORATE = "ofsted"

# In an inspectorate's `services_inspected`: the area's own children's social care, which is not
# one of its partner bodies but the authority itself (the others name kinds of partner body).
CHILDRENS_SOCIAL_CARE = "childrens_social_care"


@dataclass(frozen=True)
class FrameworkVersion:
    """An inspection kind at one version: window, notice, grades, and each inspectorate's areas."""

    kind: str
    version: str
    title: str
    mode: str
    window_days: int
    notice: str
    announced: bool
    grade_scale: GradeScale
    inspectorates: Mapping[str, InspectorateFramework]
    # Inspectorates that must take part; the rest of `inspectorates` may.
    required_inspectorates: frozenset[str] = frozenset({LEADING_INSPECTORATE})
    min_partners: int = 1
    # The first part of an inspection's reference, e.g. "INT-20150601-E08000035".
    reference_prefix: str = ""
    # Descriptors of the shared LSCB judgement, which belongs to no one inspectorate.
    lscb_descriptors: Mapping[str, str] = field(default_factory=dict)
    # The area's factual accuracy round: working days from sending the draft (DESIGN rule 10).
    factual_accuracy_working_days: int = 5
    # A written statement of action is owed when any judgement has one of these grades, within
    # this many working days of publication (DESIGN rule 12): Ofsted's 70 for an inadequate area.
    # The codes are the four-point scales' (Ofsted's in any version, and the LSCB's); no other
    # scale uses them, so a prisons test graded "poor" owes none (ADR 17).
    statement_of_action_grades: frozenset[str] = frozenset({"inadequate"})
    statement_of_action_working_days: int = 70
    # The notice rule as data; None for versions that only describe their notice in `notice`.
    notice_rule: NoticeRule | None = None
    # Whether the kind has the shared LSCB judgement (looked after children's kind has none).
    shared_lscb_judgement: bool = True
    # Narrative versions: the themes one may be chosen from at set-up (DESIGN rule 16).
    themes: tuple[Theme, ...] = ()
    # The first day an inspection notified on it takes this version (`registry.framework_current`).
    in_force_from: datetime.date = datetime.date(2015, 1, 1)

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.version}"

    def for_inspectorate(self, code: str) -> InspectorateFramework:
        return self.inspectorates[code]

    def is_graded(self, area: JudgementArea) -> bool:
        """Narrative frameworks publish strengths and improvements without grades."""
        return self.mode == Mode.GRADED and area.graded

    def scale_for(self, inspectorate: str, area: str | JudgementArea) -> GradeScale:
        """The scale one inspectorate's area is graded on: the area's own, else the
        inspectorate's, else the version's (DESIGN rule 15). Every grade read or written for an
        inspectorate's judgement goes through here."""
        own = self.for_inspectorate(inspectorate)
        if isinstance(area, str):
            area = own.area(area)
        return area.grade_scale or own.grade_scale or self.grade_scale

    def inspectorate_name(self, code: str) -> str:
        """The inspectorate's name as this version gives it: an inspection keeps its version's
        names in every page, PDF, feed and API record (DESIGN section 1)."""
        framework = self.inspectorates.get(code)
        return framework.name if framework is not None and framework.name else code

    def scales(self) -> tuple[GradeScale, ...]:
        """Every scale a grade of this version can be on (each once, the version's first)."""
        found = {self.grade_scale.code: self.grade_scale}
        for code, framework in self.inspectorates.items():
            for area in framework.areas:
                scale = self.scale_for(code, area)
                found.setdefault(scale.code, scale)
        return tuple(found.values())

    def lscb_descriptor(self, grade_code: str) -> str:
        return self.lscb_descriptors.get(grade_code, "")

    def inspection_reference(self, *, window_start: datetime.date, ons_code: str) -> str:
        """An inspection's reference: kind, window start and the area's ONS code."""
        return f"{self.reference_prefix}-{window_start:%Y%m%d}-{ons_code}"

    def validate(self) -> None:
        for code, framework in self.inspectorates.items():
            if framework.inspectorate != code:
                raise FrameworkError(f"{self.key}: {code} declares {framework.inspectorate}")
            codes = framework.area_codes
            if len(set(codes)) != len(codes):
                raise FrameworkError(f"{self.key}: {code} repeats an area code")
            for area in framework.areas:
                if area.parent and area.parent not in codes:
                    raise FrameworkError(f"{self.key}: {area.code} has unknown parent")
                if self.mode == Mode.GRADED and area.graded:
                    missing = set(self.scale_for(code, area).codes) - set(area.descriptors)
                    if missing:
                        raise FrameworkError(
                            f"{self.key}: {code}/{area.code} lacks descriptors: {sorted(missing)}"
                        )
            for rule in framework.limiting_rules:
                if {rule.when_area, rule.then_area} - set(codes):
                    raise FrameworkError(f"{self.key}: rule {rule.code} names an unknown area")
                # A rule's grades are on its areas' own scales (DESIGN rule 15).
                if not rule.when_grades <= set(self.scale_for(code, rule.when_area).codes) or (
                    not rule.then_grades <= set(self.scale_for(code, rule.then_area).codes)
                ):
                    raise FrameworkError(f"{self.key}: rule {rule.code} names another scale")
        if not self.required_inspectorates <= set(self.inspectorates):
            raise FrameworkError(f"{self.key}: a required inspectorate has no framework")
