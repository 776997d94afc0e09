"""Changes to area selection: indicators, concerns, policy versions, programme years, decisions.

Each function checks that a programme administrator is acting, applies the rule, and leaves a
history record naming the acting user and the reason (django-simple-history), in one
transaction.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import record_change
from inspections.models import LocalAuthority
from inspectorates.models import Inspectorate
from selection import selectors
from selection.models import (
    PERCENT_MAX,
    RATE_PER_10000_MAX,
    AreaIndicators,
    Decision,
    DecisionOutcome,
    OfstedGrade,
    PartnerConcern,
    ProgrammeYear,
    SelectionPolicy,
)
from selection.permissions import may_manage_selection

NOT_ALLOWED = "Only programme administrators can manage the selection of areas."

# Indicators typed in
GRADE_NEEDS_DATE = "Enter the date of the last Ofsted judgement."
DATE_NEEDS_GRADE = "Select the grade of the Ofsted judgement on that date."
JUDGED_IN_FUTURE = "The date of the last Ofsted judgement must be today or in the past."
JOINT_IN_FUTURE = "The date the last joint inspection ended must be today or in the past."
OUT_OF_RANGE = "{label} must be between 0 and {high}."
UNKNOWN_GRADE = "Select outstanding, good, requires improvement or inadequate."

# Indicators imported from CSV
CSV_TOO_BIG = "The file must be smaller than {size} MB."
CSV_NOT_UTF8 = "The file must be a CSV file saved with UTF-8 encoding."
CSV_UNREADABLE = "The file could not be read as CSV: {problem}."
CSV_EMPTY = "The file is empty: it needs a header row and at least one row of indicators."
CSV_MISSING_COLUMNS = "The header row is missing the columns: {columns}."
CSV_UNKNOWN_COLUMNS = "The header row has columns that are not recognised: {columns}."
CSV_REPEATED_COLUMNS = "The header row has a column more than once: {columns}."
CSV_NO_ROWS = "The file has a header row but no rows of indicators."
CSV_ROW = "Row {row}, column {column}: {problem}"
CSV_ROW_LENGTH = "Row {row}: it has {found} cells but the header row has {expected}"
CSV_MISSING_ONS_CODE = "enter the ONS code of the local authority"
CSV_UNKNOWN_AREA = "no local authority has the ONS code '{value}'"
CSV_REPEATED_AREA = "'{value}' is already on row {first}"
CSV_NOT_A_NUMBER = "'{value}' is not a number"
CSV_NUMBER_OUT_OF_RANGE = "{value} is not between 0 and {high}"
CSV_NOT_A_DATE = "'{value}' is not a date written as YYYY-MM-DD, for example 2014-03-12"
CSV_DATE_IN_FUTURE = "{value} is in the future"
CSV_UNKNOWN_GRADE = "'{value}' is not one of outstanding, good, requires_improvement, inadequate"
CSV_GRADE_NEEDS_DATE = "the grade needs the date of the judgement in ofsted_judged_on"
CSV_DATE_NEEDS_GRADE = "the date needs the grade of the judgement in ofsted_grade"

# Partner concerns
CONCERN_IN_FUTURE = "The date the concern was raised must be today or in the past."
CONCERN_NEEDS_SUMMARY = "Enter what the concern is."

# Policy
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

# Programme years and decisions
PROGRAMME_YEAR_EXISTS = "There is already a programme year {label}."
FIRST_YEAR, LAST_YEAR, MAX_PLACES = 2014, 2100, 500
YEAR_RANGE = f"The programme year must start in a year from {FIRST_YEAR} to {LAST_YEAR}."
PLACES_RANGE = f"The number of places must be between 1 and {MAX_PLACES}."
PLACES_BELOW_SELECTED = (
    "{count} areas are already selected for {year}: defer or do not select some of them before "
    "reducing the places to {places}."
)
NO_POLICY = "There is no selection policy yet: set one up first."
DECISION_NEEDS_RATIONALE = "Enter the reason for the decision."
DECISION_UNKNOWN_OUTCOME = "Select selected, deferred or not selected."
NOT_A_CANDIDATE = "{area} is not a candidate under policy version {version}: {reason}."
PLACES_FULL = "All {places} places for {year} are taken: defer or do not select another area first."

CSV_MAX_BYTES = 2 * 1024 * 1024
CSV_MAX_ROWS = 5000

# Upper bounds of the performance figures, by indicator field.
RATE_LIMITS: dict[str, int] = {
    "re_referral_rate": PERCENT_MAX,
    "child_protection_plan_rate": RATE_PER_10000_MAX,
    "looked_after_rate": RATE_PER_10000_MAX,
}
RATE_LABELS: dict[str, str] = {
    "re_referral_rate": "Re-referrals",
    "child_protection_plan_rate": "Child protection plans per 10,000 children",
    "looked_after_rate": "Looked-after children per 10,000 children",
}
INDICATOR_FIELDS = (
    "ofsted_grade",
    "ofsted_judged_on",
    "last_joint_inspection_on",
    "re_referral_rate",
    "child_protection_plan_rate",
    "looked_after_rate",
)
# The CSV columns, in the order the upload page documents them. `local_authority` is for
# people reading the file: the ONS code says which area a row is about.
CSV_COLUMNS = ("ons_code", *INDICATOR_FIELDS)
CSV_OPTIONAL_COLUMNS = ("local_authority",)


def _require_programme_admin(user: AbstractBaseUser) -> None:
    if not may_manage_selection(user):
        raise PermissionDenied(NOT_ALLOWED)


def _one_place(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(selectors.ONE_PLACE, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------------------------------------
# Indicators
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorValues:
    ofsted_grade: str = ""
    ofsted_judged_on: datetime.date | None = None
    last_joint_inspection_on: datetime.date | None = None
    re_referral_rate: Decimal | None = None
    child_protection_plan_rate: Decimal | None = None
    looked_after_rate: Decimal | None = None


def _write_indicators(
    *,
    acting_user: AbstractBaseUser,
    local_authority: LocalAuthority,
    existing: AreaIndicators | None,
    values: IndicatorValues,
    reason: str,
) -> bool:
    """Save the values if they differ from what is held; True when something changed."""
    indicators = existing or AreaIndicators(local_authority=local_authority)
    new = {
        "ofsted_grade": values.ofsted_grade,
        "ofsted_judged_on": values.ofsted_judged_on,
        "last_joint_inspection_on": values.last_joint_inspection_on,
        "re_referral_rate": _one_place(values.re_referral_rate),
        "child_protection_plan_rate": _one_place(values.child_protection_plan_rate),
        "looked_after_rate": _one_place(values.looked_after_rate),
    }
    if existing is not None and all(getattr(existing, k) == v for k, v in new.items()):
        return False
    for name, value in new.items():
        setattr(indicators, name, value)
    indicators.updated_by = acting_user
    record_change(indicators, acting_user=acting_user, reason=reason)
    indicators.save()
    return True


@transaction.atomic
def area_indicators_save(
    *,
    acting_user: AbstractBaseUser,
    local_authority: LocalAuthority,
    ofsted_grade: str,
    ofsted_judged_on: datetime.date | None,
    last_joint_inspection_on: datetime.date | None,
    re_referral_rate: Decimal | None,
    child_protection_plan_rate: Decimal | None,
    looked_after_rate: Decimal | None,
) -> AreaIndicators:
    """Record what is known about one area; a blank value means it is not held."""
    _require_programme_admin(acting_user)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if ofsted_grade and ofsted_grade not in OfstedGrade.values:
        errors["ofsted_grade"] = [UNKNOWN_GRADE]
    if ofsted_grade and ofsted_judged_on is None:
        errors["ofsted_judged_on"] = [GRADE_NEEDS_DATE]
    if ofsted_judged_on is not None and not ofsted_grade:
        errors["ofsted_grade"] = [DATE_NEEDS_GRADE]
    if ofsted_judged_on is not None and ofsted_judged_on > today:
        errors["ofsted_judged_on"] = [JUDGED_IN_FUTURE]
    if last_joint_inspection_on is not None and last_joint_inspection_on > today:
        errors["last_joint_inspection_on"] = [JOINT_IN_FUTURE]
    rates = {
        "re_referral_rate": re_referral_rate,
        "child_protection_plan_rate": child_protection_plan_rate,
        "looked_after_rate": looked_after_rate,
    }
    for name, value in rates.items():
        if value is not None and not (0 <= value <= RATE_LIMITS[name]):
            errors[name] = [OUT_OF_RANGE.format(label=RATE_LABELS[name], high=RATE_LIMITS[name])]
    if errors:
        raise ValidationError(errors)
    existing = (
        AreaIndicators.objects.select_for_update().filter(local_authority=local_authority).first()
    )
    _write_indicators(
        acting_user=acting_user,
        local_authority=local_authority,
        existing=existing,
        values=IndicatorValues(
            ofsted_grade=ofsted_grade,
            ofsted_judged_on=ofsted_judged_on,
            last_joint_inspection_on=last_joint_inspection_on,
            **rates,
        ),
        reason="Indicators changed",
    )
    return AreaIndicators.objects.get(local_authority=local_authority)


def _shown(value: str) -> str:
    """A cell's text as quoted back in an error message: short, on one line."""
    value = " ".join(value.split())
    return value if len(value) <= 40 else value[:37] + "..."


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: str, *, today: datetime.date) -> tuple[datetime.date | None, str]:
    if not value:
        return None, ""
    try:
        if not _ISO_DATE.match(value):
            raise ValueError(value)
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None, CSV_NOT_A_DATE.format(value=_shown(value))
    if day > today:
        return None, CSV_DATE_IN_FUTURE.format(value=value)
    return day, ""


def _parse_rate(value: str, *, high: int) -> tuple[Decimal | None, str]:
    if not value:
        return None, ""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None, CSV_NOT_A_NUMBER.format(value=_shown(value))
    if not number.is_finite():
        return None, CSV_NOT_A_NUMBER.format(value=_shown(value))
    if not (0 <= number <= high):
        return None, CSV_NUMBER_OUT_OF_RANGE.format(value=_shown(value), high=high)
    return _one_place(number), ""


def _read_csv(data: bytes) -> list[list[str]]:
    if len(data) > CSV_MAX_BYTES:
        raise ValidationError({"file": [CSV_TOO_BIG.format(size=CSV_MAX_BYTES // (1024 * 1024))]})
    try:
        # utf-8-sig: spreadsheets often start a UTF-8 CSV file with a byte order mark.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError({"file": [CSV_NOT_UTF8]}) from error
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ValidationError({"file": [CSV_UNREADABLE.format(problem=error)]}) from error
    if not records or not any(cell.strip() for cell in records[0]):
        raise ValidationError({"file": [CSV_EMPTY]})
    if len(records) > CSV_MAX_ROWS + 1:
        raise ValidationError(
            {"file": [f"The file can have at most {CSV_MAX_ROWS} rows of indicators."]}
        )
    return records


def _check_header(header: list[str]) -> list[str]:
    columns = [cell.strip().lower() for cell in header]
    problems = []
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        problems.append(CSV_REPEATED_COLUMNS.format(columns=", ".join(repeated)))
    missing = [c for c in CSV_COLUMNS if c not in columns]
    if missing:
        problems.append(CSV_MISSING_COLUMNS.format(columns=", ".join(missing)))
    unknown = [c for c in columns if c not in CSV_COLUMNS and c not in CSV_OPTIONAL_COLUMNS]
    if unknown:
        problems.append(CSV_UNKNOWN_COLUMNS.format(columns=", ".join(_shown(c) for c in unknown)))
    if problems:
        raise ValidationError({"file": problems})
    return columns


@dataclass(frozen=True)
class IndicatorRow:
    row: int
    local_authority: LocalAuthority
    values: IndicatorValues


def indicators_csv_parse(*, data: bytes) -> list[IndicatorRow]:
    """Read and check every row; any problem rejects the whole file, naming row and column.

    Row numbers are as a spreadsheet shows them: the header is row 1.
    """
    records = _read_csv(data)
    columns = _check_header(records[0])
    areas = {area.ons_code.upper(): area for area in LocalAuthority.objects.all()}
    today = timezone.localdate()
    errors: list[str] = []
    rows: list[IndicatorRow] = []
    first_row_of: dict[str, int] = {}
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # A blank line, such as the one many editors leave at the end.
        if len(record) != len(columns):
            errors.append(
                CSV_ROW_LENGTH.format(row=number, found=len(record), expected=len(columns))
            )
            continue
        cells = {column: cell.strip() for column, cell in zip(columns, record, strict=True)}
        row_errors: list[tuple[str, str]] = []

        code = cells["ons_code"].upper()
        area = areas.get(code)
        if not code:
            row_errors.append(("ons_code", CSV_MISSING_ONS_CODE))
        elif area is None:
            row_errors.append(("ons_code", CSV_UNKNOWN_AREA.format(value=_shown(code))))
        elif code in first_row_of:
            row_errors.append(
                ("ons_code", CSV_REPEATED_AREA.format(value=code, first=first_row_of[code]))
            )
        else:
            first_row_of[code] = number

        grade = cells["ofsted_grade"].lower()
        if grade and grade not in OfstedGrade.values:
            row_errors.append(("ofsted_grade", CSV_UNKNOWN_GRADE.format(value=_shown(grade))))
        judged_on, problem = _parse_date(cells["ofsted_judged_on"], today=today)
        if problem:
            row_errors.append(("ofsted_judged_on", problem))
        elif grade and judged_on is None:
            row_errors.append(("ofsted_judged_on", CSV_GRADE_NEEDS_DATE))
        elif judged_on is not None and not grade:
            row_errors.append(("ofsted_grade", CSV_DATE_NEEDS_GRADE))
        joint_on, problem = _parse_date(cells["last_joint_inspection_on"], today=today)
        if problem:
            row_errors.append(("last_joint_inspection_on", problem))
        rates: dict[str, Decimal | None] = {}
        for name, high in RATE_LIMITS.items():
            rates[name], problem = _parse_rate(cells[name], high=high)
            if problem:
                row_errors.append((name, problem))

        if row_errors:
            errors.extend(
                CSV_ROW.format(row=number, column=column, problem=problem)
                for column, problem in row_errors
            )
            continue
        rows.append(
            IndicatorRow(
                row=number,
                local_authority=area,
                values=IndicatorValues(
                    ofsted_grade=grade,
                    ofsted_judged_on=judged_on,
                    last_joint_inspection_on=joint_on,
                    **rates,
                ),
            )
        )
    if errors:
        raise ValidationError({"file": errors})
    if not rows:
        raise ValidationError({"file": [CSV_NO_ROWS]})
    return rows


@dataclass(frozen=True)
class ImportResult:
    rows: int
    changed: int


@transaction.atomic
def indicators_import_csv(
    *, acting_user: AbstractBaseUser, data: bytes, filename: str = "indicators.csv"
) -> ImportResult:
    """Import a whole file of indicators, or nothing: one bad row rejects the file."""
    _require_programme_admin(acting_user)
    rows = indicators_csv_parse(data=data)
    existing = {
        i.local_authority_id: i
        for i in AreaIndicators.objects.select_for_update().filter(
            local_authority__in=[row.local_authority for row in rows]
        )
    }
    changed = 0
    for row in rows:
        changed += _write_indicators(
            acting_user=acting_user,
            local_authority=row.local_authority,
            existing=existing.get(row.local_authority.pk),
            values=row.values,
            reason=f"Imported from {filename[:60]}, row {row.row}",
        )
    return ImportResult(rows=len(rows), changed=changed)


# ------------------------------------------------------------------------------------------------
# Partner concerns
# ------------------------------------------------------------------------------------------------


@transaction.atomic
def partner_concern_record(
    *,
    acting_user: AbstractBaseUser,
    local_authority: LocalAuthority,
    inspectorate: Inspectorate,
    raised_on: datetime.date,
    summary: str,
    raised_by: str = "",
) -> PartnerConcern:
    _require_programme_admin(acting_user)
    errors: dict[str, list[str]] = {}
    if raised_on > timezone.localdate():
        errors["raised_on"] = [CONCERN_IN_FUTURE]
    if not summary.strip():
        errors["summary"] = [CONCERN_NEEDS_SUMMARY]
    if errors:
        raise ValidationError(errors)
    concern = PartnerConcern(
        local_authority=local_authority,
        inspectorate=inspectorate,
        raised_on=raised_on,
        raised_by=raised_by.strip(),
        summary=summary.strip(),
        recorded_by=acting_user,
    )
    record_change(concern, acting_user=acting_user, reason="Concern recorded")
    concern.save()
    return concern


@transaction.atomic
def partner_concern_delete(*, acting_user: AbstractBaseUser, concern: PartnerConcern) -> None:
    """Remove a concern recorded in error; its history keeps what it said and who removed it."""
    _require_programme_admin(acting_user)
    record_change(concern, acting_user=acting_user, reason="Concern removed")
    concern.delete()


# ------------------------------------------------------------------------------------------------
# Policy versions
# ------------------------------------------------------------------------------------------------


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _clean_criteria(
    criteria: Mapping[str, Mapping[str, Decimal | int]],
) -> tuple[dict[str, dict[str, int | float]], dict[str, list[str]]]:
    cleaned: dict[str, dict[str, int | float]] = {}
    errors: dict[str, list[str]] = {}
    for code, values in criteria.items():
        criterion = selectors.CRITERIA_BY_CODE.get(code)
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


def _same_policy(policy: SelectionPolicy, candidate: dict) -> bool:
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


@transaction.atomic
def selection_policy_create(
    *,
    acting_user: AbstractBaseUser,
    based_on_version: int | None,
    criteria: Mapping[str, Mapping[str, Decimal | int]],
    revisit_always_candidate: bool,
    revisit_window_months: int,
    recently_inspected_months: int,
    quota_fraction: Decimal,
    change_note: str,
) -> SelectionPolicy:
    """Make a new version of the policy. Earlier versions, and decisions made on them, stay."""
    _require_programme_admin(acting_user)
    # Serialise policy changes: the newest version is read and replaced under one lock.
    current = SelectionPolicy.objects.select_for_update().order_by("-version").first()
    current_version = current.version if current else None
    if based_on_version != current_version:
        raise ValidationError(POLICY_CHANGED_MEANWHILE.format(version=current_version))
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
    if errors:
        raise ValidationError(errors)
    candidate = {
        "criteria": cleaned,
        "revisit_always_candidate": revisit_always_candidate,
        "revisit_window_months": revisit_window_months,
        "recently_inspected_months": recently_inspected_months,
        "quota_fraction": quota_fraction,
    }
    if current is not None and _same_policy(current, candidate):
        raise ValidationError(POLICY_UNCHANGED)
    policy = SelectionPolicy(
        version=(current_version or 0) + 1,
        change_note=change_note.strip(),
        created_by=acting_user,
        **candidate,
    )
    record_change(policy, acting_user=acting_user, reason=f"Policy version {policy.version}")
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError as error:
        # The first version has no row to lock: two first saves at once meet here.
        raise ValidationError(POLICY_CHANGED_MEANWHILE.format(version=policy.version)) from error
    return policy


# ------------------------------------------------------------------------------------------------
# Programme years and decisions
# ------------------------------------------------------------------------------------------------


@transaction.atomic
def programme_year_create(
    *, acting_user: AbstractBaseUser, year: int, places: int
) -> ProgrammeYear:
    _require_programme_admin(acting_user)
    programme_year = ProgrammeYear(year=year, places=places, created_by=acting_user)
    errors = _check_places(places)
    if not (FIRST_YEAR <= year <= LAST_YEAR):
        errors["year"] = [YEAR_RANGE]
    if errors:
        raise ValidationError(errors)
    if ProgrammeYear.objects.filter(year=year).exists():
        raise ValidationError({"year": [PROGRAMME_YEAR_EXISTS.format(label=programme_year.label)]})
    record_change(programme_year, acting_user=acting_user, reason="Programme year set up")
    try:
        with transaction.atomic():
            programme_year.save()
    except IntegrityError as error:
        raise ValidationError(
            {"year": [PROGRAMME_YEAR_EXISTS.format(label=programme_year.label)]}
        ) from error
    return programme_year


def _check_places(places: int) -> dict[str, list[str]]:
    return {} if 1 <= places <= MAX_PLACES else {"places": [PLACES_RANGE]}


def _selected_count(programme_year: ProgrammeYear, *, other_than: int | None = None) -> int:
    decisions = programme_year.decisions.filter(outcome=DecisionOutcome.SELECTED)
    if other_than is not None:
        decisions = decisions.exclude(local_authority_id=other_than)
    return decisions.count()


@transaction.atomic
def programme_year_set_places(
    *, acting_user: AbstractBaseUser, programme_year: ProgrammeYear, places: int
) -> ProgrammeYear:
    _require_programme_admin(acting_user)
    programme_year = ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    programme_year.places = places
    errors = _check_places(places)
    if errors:
        raise ValidationError(errors)
    selected = _selected_count(programme_year)
    if selected > places:
        raise ValidationError(
            {
                "places": [
                    PLACES_BELOW_SELECTED.format(
                        count=selected, year=programme_year.label, places=places
                    )
                ]
            }
        )
    record_change(programme_year, acting_user=acting_user, reason=f"Places: {places}")
    programme_year.save()
    return programme_year


@transaction.atomic
def decision_record(
    *,
    acting_user: AbstractBaseUser,
    programme_year: ProgrammeYear,
    local_authority: LocalAuthority,
    outcome: str,
    rationale: str,
) -> Decision:
    """Record (or change) whether an area is inspected in the year, with the score behind it.

    The decision keeps the policy version, rank, score and reasons of the moment it was made:
    a later policy version leaves it exactly as it was.
    """
    _require_programme_admin(acting_user)
    # One decision at a time per year, so that two people cannot both fill the last place.
    programme_year = ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    errors: dict[str, list[str]] = {}
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = [DECISION_UNKNOWN_OUTCOME]
    if not rationale.strip():
        errors["rationale"] = [DECISION_NEEDS_RATIONALE]
    if errors:
        raise ValidationError(errors)
    policy = selectors.selection_policy_current()
    if policy is None:
        raise ValidationError(NO_POLICY)
    ranking = selectors.programme_year_ranking(programme_year=programme_year, policy=policy)
    found = ranking.find(local_authority.pk)
    if isinstance(found, selectors.ExcludedArea):
        if outcome == DecisionOutcome.SELECTED:
            raise ValidationError(
                {
                    "outcome": [
                        NOT_A_CANDIDATE.format(
                            area=local_authority.name, version=policy.version, reason=found.reason
                        )
                    ]
                }
            )
        snapshot = {
            "score": Decimal(0),
            "rank": None,
            "was_recommended": False,
            "reasons": [found.reason],
        }
    else:
        snapshot = {
            "score": found.score,
            "rank": found.rank,
            "was_recommended": found.recommended,
            "reasons": found.all_reasons,
        }
    if (
        outcome == DecisionOutcome.SELECTED
        and _selected_count(programme_year, other_than=local_authority.pk) >= programme_year.places
    ):
        raise ValidationError(
            {
                "outcome": [
                    PLACES_FULL.format(places=programme_year.places, year=programme_year.label)
                ]
            }
        )
    decision = (
        Decision.objects.filter(programme_year=programme_year, local_authority=local_authority)
        .select_for_update()
        .first()
    ) or Decision(programme_year=programme_year, local_authority=local_authority)
    decision.outcome = outcome
    decision.rationale = rationale.strip()
    decision.decided_by = acting_user
    decision.decided_at = timezone.now()
    decision.policy = policy
    for name, value in snapshot.items():
        setattr(decision, name, value)
    record_change(decision, acting_user=acting_user, reason=DecisionOutcome(outcome).label)
    decision.save()
    return decision
