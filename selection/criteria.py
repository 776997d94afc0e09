"""The criteria a selection policy can weight, and the parameters each one takes.

A policy version (selection.models.SelectionPolicy) holds a weight and parameter values per
criterion code; the code that scores an area against them is in selection.ranking.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Points and figures are shown to one decimal place.
ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Parameter:
    code: str
    label: str
    help: str
    whole_number: bool
    minimum: Decimal


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    help: str
    parameters: tuple[Parameter, ...] = ()


@dataclass(frozen=True)
class RateCriterion(Criterion):
    """A performance figure compared with the national figure held in the policy."""

    indicator: str = ""
    name: str = ""
    unit: str = ""

    def show(self, value: Decimal) -> str:
        return f"{value}{self.unit}"


def _national(unit_help: str) -> Parameter:
    return Parameter(
        code="national",
        label="National figure",
        help=unit_help,
        whole_number=False,
        minimum=ONE_PLACE,
    )


RATE_HELP = (
    "Points in proportion to how far the area is above the national figure: full weight at "
    "double the national figure or more, nothing at or below it."
)

CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        code="ofsted_grade",
        label="Last Ofsted judgement",
        help=(
            "Inadequate earns the full weight, requires improvement half of it, good or "
            "outstanding nothing."
        ),
    ),
    Criterion(
        code="partner_concerns",
        label="Concerns raised by partner inspectorates",
        help="The weight is shared equally between the most recent concerns that count.",
        parameters=(
            Parameter(
                code="counted",
                label="Most recent concerns that count",
                help="For example, 2: each of the two most recent concerns earns half the weight.",
                whole_number=True,
                minimum=Decimal(1),
            ),
            Parameter(
                code="lookback_months",
                label="Concerns count for this many months",
                help="Before the start of the programme year.",
                whole_number=True,
                minimum=Decimal(1),
            ),
        ),
    ),
    Criterion(
        code="time_since_joint_inspection",
        label="Time since the last joint inspection",
        help=(
            "Points in proportion to the months since the last joint inspection ended; full "
            "weight when there has never been one."
        ),
        parameters=(
            Parameter(
                code="horizon_months",
                label="Full weight after this many months",
                help="For example, 60 for five years.",
                whole_number=True,
                minimum=Decimal(1),
            ),
        ),
    ),
    RateCriterion(
        code="re_referral_rate",
        label="Re-referrals to children's social care",
        help=RATE_HELP,
        parameters=(_national("Percentage of referrals, for example 23.4."),),
        indicator="re_referral_rate",
        name="Re-referrals",
        unit="%",
    ),
    RateCriterion(
        code="child_protection_plan_rate",
        label="Children on child protection plans",
        help=RATE_HELP,
        parameters=(_national("Per 10,000 children, for example 42.1."),),
        indicator="child_protection_plan_rate",
        name="Child protection plans",
        unit=" per 10,000 children",
    ),
    RateCriterion(
        code="looked_after_rate",
        label="Looked-after children",
        help=RATE_HELP,
        parameters=(_national("Per 10,000 children, for example 60.0."),),
        indicator="looked_after_rate",
        name="Looked-after children",
        unit=" per 10,000 children",
    ),
)
CRITERIA_BY_CODE: dict[str, Criterion] = {criterion.code: criterion for criterion in CRITERIA}
