"""What is known about an area for selection (its indicators), and checking it: figures typed in
on the area's page, and whole CSV files of them. Nothing here writes; selection.services saves
what these checks let through, with its history.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import EARLIEST_YEAR, LATEST_YEAR
from inspections.models import LocalAuthority
from selection.criteria import ONE_PLACE
from selection.models import PERCENT_MAX, RATE_PER_10000_MAX, OfstedGrade

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
CSV_YEAR_OUT_OF_RANGE = "{value}: the year must be between {low} and {high}"
CSV_UNKNOWN_GRADE = "'{value}' is not one of outstanding, good, requires_improvement, inadequate"
CSV_GRADE_NEEDS_DATE = "the grade needs the date of the judgement in ofsted_judged_on"
CSV_DATE_NEEDS_GRADE = "the date needs the grade of the judgement in ofsted_grade"
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


def one_place(value: Decimal | None) -> Decimal | None:
    """A figure as held: rounded half up to one decimal place."""
    if value is None:
        return None
    return Decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorValues:
    ofsted_grade: str = ""
    ofsted_judged_on: datetime.date | None = None
    last_joint_inspection_on: datetime.date | None = None
    re_referral_rate: Decimal | None = None
    child_protection_plan_rate: Decimal | None = None
    looked_after_rate: Decimal | None = None


def indicator_errors(values: IndicatorValues) -> dict[str, list[str]]:
    """What is wrong with indicators typed in for one area, by field; empty when nothing is."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if values.ofsted_grade and values.ofsted_grade not in OfstedGrade.values:
        errors["ofsted_grade"] = [UNKNOWN_GRADE]
    if values.ofsted_grade and values.ofsted_judged_on is None:
        errors["ofsted_judged_on"] = [GRADE_NEEDS_DATE]
    if values.ofsted_judged_on is not None and not values.ofsted_grade:
        errors["ofsted_grade"] = [DATE_NEEDS_GRADE]
    if values.ofsted_judged_on is not None and values.ofsted_judged_on > today:
        errors["ofsted_judged_on"] = [JUDGED_IN_FUTURE]
    if values.last_joint_inspection_on is not None and values.last_joint_inspection_on > today:
        errors["last_joint_inspection_on"] = [JOINT_IN_FUTURE]
    for name, high in RATE_LIMITS.items():
        value = getattr(values, name)
        if value is not None and not (0 <= value <= high):
            errors[name] = [OUT_OF_RANGE.format(label=RATE_LABELS[name], high=high)]
    return errors


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
    # The same sane range as every date box of the service (core.forms).
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return None, CSV_YEAR_OUT_OF_RANGE.format(value=value, low=EARLIEST_YEAR, high=LATEST_YEAR)
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
    return one_place(number), ""


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
