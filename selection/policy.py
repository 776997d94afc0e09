"""Checking a proposed version of the selection policy: its weights and parameters against the
criteria, its rules within their ranges, and whether it changes anything at all.
selection.services saves a version these checks let through.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from selection.criteria import CRITERIA_BY_CODE
from selection.models import SelectionPolicy

POLICY_CHANGED_MEANWHILE = (
    "The policy was changed to version {version} while you were editing it. Check the new "
    "version and make your change again."
)
POLICY_UNCHANGED = "Nothing has changed: change a weight or a rule to make a new version."
POLICY_NEEDS_NOTE = "Enter why the policy is changing."
POLICY_UNKNOWN_CRITERION = "'{code}' is not a selection criterion."
POLICY_NEEDS_WEIGHT = "Give at least one criterion a weight above 0."
POLICY_WEIGHT_RANGE = "Weights must be between 0 and 1000."
POLICY_PARAMETER_MISSING = "Enter a value for '{label}'."
POLICY_PARAMETER_TOO_SMALL = "'{label}' must be at least {minimum}."
POLICY_PARAMETER_WHOLE = "'{label}' must be a whole number."
POLICY_QUOTA_RANGE = "The share of places must be between 0 and 1, for example 0.25."
POLICY_MONTHS_RANGE = "The number of months must be between {low} and 240."


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _clean_criteria(
    criteria: Mapping[str, Mapping[str, Decimal | int]],
) -> tuple[dict[str, dict[str, int | float]], dict[str, list[str]]]:
    cleaned: dict[str, dict[str, int | float]] = {}
    errors: dict[str, list[str]] = {}
    for code, values in criteria.items():
        criterion = CRITERIA_BY_CODE.get(code)
        if criterion is None:
            errors.setdefault("__all__", []).append(POLICY_UNKNOWN_CRITERION.format(code=code))
            continue
        weight = values.get("weight")
        weight = Decimal(0) if weight is None else Decimal(str(weight))
        if not (0 <= weight <= 1000):
            errors[f"{code}__weight"] = [POLICY_WEIGHT_RANGE]
        entry: dict[str, int | float] = {"weight": _json_number(weight)}
        for parameter in criterion.parameters:
            key = f"{code}__{parameter.code}"
            raw = values.get(parameter.code)
            if raw is None:
                errors[key] = [POLICY_PARAMETER_MISSING.format(label=parameter.label)]
                continue
            number = Decimal(str(raw))
            if parameter.whole_number and number != number.to_integral_value():
                errors[key] = [POLICY_PARAMETER_WHOLE.format(label=parameter.label)]
            elif number < parameter.minimum:
                errors[key] = [
                    POLICY_PARAMETER_TOO_SMALL.format(
                        label=parameter.label, minimum=parameter.minimum
                    )
                ]
            entry[parameter.code] = _json_number(number)
        cleaned[code] = entry
    if not any(Decimal(str(entry["weight"])) > 0 for entry in cleaned.values()):
        errors.setdefault("__all__", []).append(POLICY_NEEDS_WEIGHT)
    return cleaned, errors


def same_policy(policy: SelectionPolicy, candidate: Mapping) -> bool:
    """True when `candidate` (as `policy_check` returns it) would change nothing in `policy`."""

    def numbers(criteria: Mapping) -> dict:
        return {
            code: {k: Decimal(str(v)) for k, v in values.items()}
            for code, values in criteria.items()
            if Decimal(str(values.get("weight", 0))) > 0
        }

    return (
        numbers(policy.criteria) == numbers(candidate["criteria"])
        and policy.revisit_always_candidate == candidate["revisit_always_candidate"]
        and policy.revisit_window_months == candidate["revisit_window_months"]
        and policy.recently_inspected_months == candidate["recently_inspected_months"]
        and Decimal(policy.quota_fraction) == candidate["quota_fraction"]
    )


def policy_check(
    *,
    criteria: Mapping[str, Mapping[str, Decimal | int]],
    revisit_always_candidate: bool,
    revisit_window_months: int,
    recently_inspected_months: int,
    quota_fraction: Decimal,
    change_note: str,
) -> tuple[dict, dict[str, list[str]]]:
    """The proposed version as it would be saved, and what is wrong with it by field."""
    cleaned, errors = _clean_criteria(criteria)
    quota_fraction = Decimal(str(quota_fraction))
    if not (0 <= quota_fraction <= 1) or quota_fraction != quota_fraction.quantize(Decimal("0.01")):
        errors["quota_fraction"] = [POLICY_QUOTA_RANGE]
    if not (1 <= revisit_window_months <= 240):
        errors["revisit_window_months"] = [POLICY_MONTHS_RANGE.format(low=1)]
    if not (0 <= recently_inspected_months <= 240):
        errors["recently_inspected_months"] = [POLICY_MONTHS_RANGE.format(low=0)]
    if not change_note.strip():
        errors["change_note"] = [POLICY_NEEDS_NOTE]
    candidate = {
        "criteria": cleaned,
        "revisit_always_candidate": revisit_always_candidate,
        "revisit_window_months": revisit_window_months,
        "recently_inspected_months": recently_inspected_months,
        "quota_fraction": quota_fraction,
    }
    return candidate, errors
