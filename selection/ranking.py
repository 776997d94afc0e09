"""The ranking of candidate areas for a programme year.

`rank_areas` is a pure function of plain facts and a policy's rules, so that it can be checked by
hand on a worked example; selection.selectors loads those facts in a fixed number of queries,
whatever the number of areas.

How an area is scored (every rule below is also stated, with its figures, in the area's reasons):

- Each criterion gives a normalised value between 0 and 1; its points are weight x value,
  rounded to one decimal place; the score is the sum of the points.
- Figures are measured as at the start of the programme year (1 April), so a year's ranking
  does not drift from day to day.
- An area with a live integrated inspection is not a candidate. An area jointly inspected within
  the policy's "recently inspected" months is not a candidate either, unless its last Ofsted
  judgement is inadequate and due for revisit and the policy makes such areas always candidates.
- Candidates are ranked by score, highest first, then by name. The top `places` are recommended;
  then, while fewer than ceil(places x quota) recommended areas are judged good or outstanding
  and a good or outstanding candidate is left outside, the best of those replaces the
  lowest-ranked recommended area that is neither good nor outstanding nor an inadequate area due
  for revisit; only when no such area is left does an area due for revisit give way.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from core.dates import long_date
from selection.criteria import CRITERIA, ONE_PLACE, RateCriterion
from selection.models import WELL_PERFORMING_GRADES, OfstedGrade, SelectionPolicy

# How much of a criterion's weight each last Ofsted grade earns.
GRADE_FACTORS: dict[str, Decimal] = {
    OfstedGrade.INADEQUATE: Decimal(1),
    OfstedGrade.REQUIRES_IMPROVEMENT: Decimal("0.5"),
    OfstedGrade.GOOD: Decimal(0),
    OfstedGrade.OUTSTANDING: Decimal(0),
}


# ------------------------------------------------------------------------------------------------
# Plain facts and rules, so that the ranking needs no database
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConcernFact:
    inspectorate: str
    raised_on: datetime.date


@dataclass(frozen=True)
class AreaFacts:
    pk: int
    name: str
    ons_code: str = ""
    ofsted_grade: str = ""
    ofsted_judged_on: datetime.date | None = None
    # The later of the date held for joint inspections before this service and the end of
    # the last published joint inspection in it.
    last_joint_inspection_on: datetime.date | None = None
    re_referral_rate: Decimal | None = None
    child_protection_plan_rate: Decimal | None = None
    looked_after_rate: Decimal | None = None
    concerns: tuple[ConcernFact, ...] = ()
    live_inspection: str = ""

    @property
    def well_performing(self) -> bool:
        return self.ofsted_grade in WELL_PERFORMING_GRADES


@dataclass(frozen=True)
class PolicyRules:
    """A policy version as plain numbers: `weights` and `parameters` keyed by criterion code."""

    version: int
    weights: Mapping[str, Decimal]
    parameters: Mapping[str, Mapping[str, Decimal]]
    revisit_always_candidate: bool
    revisit_window_months: int
    recently_inspected_months: int
    quota_fraction: Decimal

    def weight(self, code: str) -> Decimal:
        return self.weights.get(code, Decimal(0))

    def parameter(self, code: str, name: str) -> Decimal:
        return self.parameters[code][name]


def policy_rules(policy: SelectionPolicy) -> PolicyRules:
    weights: dict[str, Decimal] = {}
    parameters: dict[str, dict[str, Decimal]] = {}
    for code, values in policy.criteria.items():
        weights[code] = Decimal(str(values["weight"]))
        parameters[code] = {k: Decimal(str(v)) for k, v in values.items() if k != "weight"}
    return PolicyRules(
        version=policy.version,
        weights=weights,
        parameters=parameters,
        revisit_always_candidate=policy.revisit_always_candidate,
        revisit_window_months=policy.revisit_window_months,
        recently_inspected_months=policy.recently_inspected_months,
        quota_fraction=Decimal(policy.quota_fraction),
    )


@dataclass
class RankedArea:
    facts: AreaFacts
    score: Decimal
    reasons: list[str]
    always_candidate: bool
    rank: int = 0
    recommended: bool = False
    quota_note: str = ""

    @property
    def well_performing(self) -> bool:
        return self.facts.well_performing

    @property
    def all_reasons(self) -> list[str]:
        return [*self.reasons, self.quota_note] if self.quota_note else list(self.reasons)


@dataclass(frozen=True)
class ExcludedArea:
    facts: AreaFacts
    reason: str


@dataclass
class Ranking:
    places: int
    quota_needed: int
    quota_met: bool
    quota_message: str
    candidates: list[RankedArea] = field(default_factory=list)
    excluded: list[ExcludedArea] = field(default_factory=list)
    shortfall_message: str = ""

    @property
    def recommended(self) -> list[RankedArea]:
        return [area for area in self.candidates if area.recommended]

    def find(self, pk: int) -> RankedArea | ExcludedArea | None:
        for area in [*self.candidates, *self.excluded]:
            if area.facts.pk == pk:
                return area
        return None


# ------------------------------------------------------------------------------------------------
# The ranking
# ------------------------------------------------------------------------------------------------


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from `earlier` to `later`; 0 when `later` is not after it."""
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def show_date(day: datetime.date) -> str:
    return long_date(day)


def _points(weight: Decimal, factor: Decimal) -> Decimal:
    return (weight * factor).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _grade_label(code: str) -> str:
    return OfstedGrade(code).label.lower()


def _is_due_for_revisit(facts: AreaFacts, rules: PolicyRules, as_of: datetime.date) -> bool:
    return (
        facts.ofsted_grade == OfstedGrade.INADEQUATE
        and facts.ofsted_judged_on is not None
        and months_between(facts.ofsted_judged_on, as_of) < rules.revisit_window_months
    )


def _score_grade(facts: AreaFacts, weight: Decimal) -> tuple[Decimal, list[str]]:
    if not facts.ofsted_grade:
        return Decimal(0), ["No Ofsted judgement held: +0.0"]
    points = _points(weight, GRADE_FACTORS[facts.ofsted_grade])
    line = (
        f"Last Ofsted judgement {_grade_label(facts.ofsted_grade)} "
        f"({show_date(facts.ofsted_judged_on)}): +{points}"
    )
    if facts.well_performing:
        line += ", counts towards the good or outstanding quota"
    return points, [line]


def _score_concerns(
    facts: AreaFacts, weight: Decimal, rules: PolicyRules, as_of: datetime.date
) -> tuple[Decimal, list[str]]:
    counted = int(rules.parameter("partner_concerns", "counted"))
    lookback = int(rules.parameter("partner_concerns", "lookback_months"))
    each = _points(weight, Decimal(1) / Decimal(counted))
    recent = [c for c in facts.concerns if months_between(c.raised_on, as_of) < lookback]
    older = [c for c in facts.concerns if months_between(c.raised_on, as_of) >= lookback]
    recent.sort(key=lambda c: (c.raised_on, c.inspectorate), reverse=True)
    if not facts.concerns:
        return Decimal(0), ["No concerns raised by partner inspectorates: +0.0"]
    total = Decimal(0)
    lines = []
    for position, concern in enumerate(recent):
        line = f"{concern.inspectorate} raised a concern on {show_date(concern.raised_on)}: "
        if position < counted:
            total += each
            lines.append(line + f"+{each}")
        else:
            lines.append(line + f"+0.0 (only the {counted} most recent concerns count)")
    for concern in sorted(older, key=lambda c: c.raised_on, reverse=True):
        lines.append(
            f"{concern.inspectorate} raised a concern on {show_date(concern.raised_on)}: +0.0 "
            f"({lookback} months or more before the programme year)"
        )
    return total, lines


def _score_time_since(
    facts: AreaFacts, weight: Decimal, rules: PolicyRules, as_of: datetime.date
) -> tuple[Decimal, list[str]]:
    if facts.last_joint_inspection_on is None:
        points = _points(weight, Decimal(1))
        return points, [f"No joint inspection on record: +{points}"]
    horizon = rules.parameter("time_since_joint_inspection", "horizon_months")
    months = months_between(facts.last_joint_inspection_on, as_of)
    points = _points(weight, min(Decimal(months) / horizon, Decimal(1)))
    return points, [
        f"Last joint inspection ended {show_date(facts.last_joint_inspection_on)}, {months} "
        f"months before the programme year: +{points}"
    ]


def _score_rate(
    facts: AreaFacts, criterion: RateCriterion, weight: Decimal, rules: PolicyRules
) -> tuple[Decimal, list[str]]:
    value: Decimal | None = getattr(facts, criterion.indicator)
    if value is None:
        return Decimal(0), [f"No {criterion.name.lower()} figure held: +0.0"]
    national = rules.parameter(criterion.code, "national")
    above = max(Decimal(0), (value - national) / national)
    points = _points(weight, min(above, Decimal(1)))
    shown_national = national.quantize(ONE_PLACE)
    unit = "%" if criterion.unit == "%" else ""
    return points, [
        f"{criterion.name} {criterion.show(value)} (national {shown_national}{unit}): +{points}"
    ]


def score_area(
    facts: AreaFacts, rules: PolicyRules, as_of: datetime.date
) -> tuple[Decimal, list[str]]:
    """The area's score under the policy, and one reason line per part of it."""
    total = Decimal(0)
    reasons: list[str] = []
    for criterion in CRITERIA:
        weight = rules.weight(criterion.code)
        if weight <= 0:
            continue
        if criterion.code == "ofsted_grade":
            points, lines = _score_grade(facts, weight)
        elif criterion.code == "partner_concerns":
            points, lines = _score_concerns(facts, weight, rules, as_of)
        elif criterion.code == "time_since_joint_inspection":
            points, lines = _score_time_since(facts, weight, rules, as_of)
        else:
            points, lines = _score_rate(facts, criterion, weight, rules)
        total += points
        reasons.extend(lines)
    return total, reasons


def _exclusion(
    facts: AreaFacts, rules: PolicyRules, as_of: datetime.date, always: bool
) -> str | None:
    if facts.live_inspection:
        return f"An integrated inspection is already planned or under way ({facts.live_inspection})"
    last = facts.last_joint_inspection_on
    if last is not None and not always:
        months = months_between(last, as_of)
        if months < rules.recently_inspected_months:
            return (
                f"Last joint inspection ended {show_date(last)}, less than "
                f"{rules.recently_inspected_months} months before the programme year"
            )
    return None


def quota_needed(places: int, fraction: Decimal) -> int:
    return min(places, math.ceil(Decimal(places) * fraction))


def rank_areas(
    *, areas: Iterable[AreaFacts], rules: PolicyRules, places: int, as_of: datetime.date
) -> Ranking:
    """Rank the candidate areas for a programme year with `places` inspections.

    Deterministic: the same facts and rules always give the same list (ties go by name).
    """
    candidates: list[RankedArea] = []
    excluded: list[ExcludedArea] = []
    for facts in areas:
        always = rules.revisit_always_candidate and _is_due_for_revisit(facts, rules, as_of)
        reason = _exclusion(facts, rules, as_of, always)
        if reason is not None:
            excluded.append(ExcludedArea(facts=facts, reason=reason))
            continue
        score, reasons = score_area(facts, rules, as_of)
        if always:
            overridden = []
            if _exclusion(facts, rules, as_of, always=False) is not None:
                overridden.append(
                    f"Last joint inspection ended {show_date(facts.last_joint_inspection_on)}, "
                    f"less than {rules.recently_inspected_months} months before the programme "
                    "year: still a candidate, as it is due for revisit"
                )
            reasons[:0] = [
                f"Last Ofsted judgement inadequate ({show_date(facts.ofsted_judged_on)}), due for "
                "revisit: always a candidate",
                *overridden,
            ]
        candidates.append(
            RankedArea(facts=facts, score=score, reasons=reasons, always_candidate=always)
        )
    candidates.sort(key=lambda area: (-area.score, area.facts.name, area.facts.pk))
    excluded.sort(key=lambda area: area.facts.name)
    for rank, area in enumerate(candidates, start=1):
        area.rank = rank
        area.recommended = rank <= places

    needed = quota_needed(places, rules.quota_fraction)
    well_performing = [area for area in candidates if area.well_performing]
    target = min(needed, len(well_performing))
    _apply_quota(candidates, target)

    ranking = Ranking(
        places=places,
        quota_needed=needed,
        quota_met=target == needed,
        quota_message=_quota_message(places, needed, len(well_performing), candidates),
        candidates=candidates,
        excluded=excluded,
    )
    if len(candidates) < places:
        ranking.shortfall_message = (
            f"There are only {len(candidates)} candidate areas for {places} places."
        )
    return ranking


def _apply_quota(candidates: list[RankedArea], target: int) -> None:
    """Swap good or outstanding areas in until `target` of them are recommended."""
    while sum(1 for a in candidates if a.recommended and a.well_performing) < target:
        incoming = next(a for a in candidates if a.well_performing and not a.recommended)
        recommended = [a for a in candidates if a.recommended and not a.well_performing]
        # Give way first from areas that are not due for revisit, lowest-ranked first.
        ordinary = [a for a in recommended if not a.always_candidate]
        outgoing = (ordinary or recommended)[-1]
        outgoing.recommended = False
        incoming.recommended = True
        incoming.quota_note = (
            f"Recommended in place of {outgoing.facts.name}, to meet the good or outstanding quota"
        )
        outgoing.quota_note = (
            f"Not recommended: its place went to {incoming.facts.name}, to meet the good or "
            "outstanding quota"
        )
        if not ordinary:
            outgoing.quota_note += " (no area that is not due for revisit was left to give way)"


def _quota_message(
    places: int, needed: int, available: int, candidates: Sequence[RankedArea]
) -> str:
    if needed == 0:
        return "The policy keeps no places for areas judged good or outstanding."
    chosen = sum(1 for a in candidates if a.recommended and a.well_performing)
    if available >= needed:
        goes = "goes to an area" if needed == 1 else "go to areas"
        return (
            f"At least {needed} of the {places} places {goes} judged good or outstanding: "
            f"{chosen} recommended."
        )
    areas = "1 area" if needed == 1 else f"{needed} areas"
    if available == 0:
        found = "none of the candidates is"
    elif available == 1:
        found = "only 1 of the candidates is"
    else:
        found = f"only {available} of the candidates are"
    return (
        f"The quota cannot be met: it needs {areas} judged good or outstanding for {places} "
        f"places, but {found} judged good or outstanding."
    )
