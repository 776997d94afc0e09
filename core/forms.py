"""What every app's GOV.UK forms share: one layout helper, one way to show a service's errors,
and the one GOV.UK date input every date field uses."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

# The longest text a form takes: long enough for any finding or rationale (about 3,000 words),
# short enough that a mistaken paste or a deliberate flood is refused with a message.
LONG_TEXT_MAX_LENGTH = 20_000
# Reasons, comments and lists of names.
SHORT_TEXT_MAX_LENGTH = 2_000


def gds_form_helper(
    *fields,
    submit: str,
    method: str = "post",
    action: str = "",
    form_tag: bool = True,
    button_class: str = "",
    button_id: str = "",
) -> FormHelper:
    """A crispy-forms-gds helper: small labels, one submit button, the browser's checks off.

    `novalidate` leaves validation to the server, whose messages appear in the GOV.UK error
    summary. With `form_tag=False` the template writes the <form> (and its CSRF token) itself.
    """
    helper = FormHelper()
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.form_method = method
    helper.form_action = action
    helper.form_tag = form_tag
    helper.attrs = {"novalidate": ""}
    # A GET form (a search) must not put the CSRF token into the address, and a template that
    # writes its own <form> writes the token too.
    helper.disable_csrf = method == "get" or not form_tag
    options = {"css_id": button_id} if button_id else {}
    if button_class:
        options["css_class"] = button_class
    helper.layout = Layout(*fields, Submit("submit", submit, **options))
    return helper


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, against its field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- The GOV.UK date input --------------------------------------------------------------------

# Every date the service takes (an inspection window, a birth, a judgement, a publication) falls
# in these years; outside them a date is a typing mistake. The bound also keeps a day, month or
# year of 2^31 or more from overflowing Python's date, which was a server error (issue 13).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

DATE_PART_NOT_A_NUMBER = "{part} must be a number"
DATE_PART_OUT_OF_RANGE = "{part} must be between {low} and {high}"
DATE_NOT_REAL = "The date must be a real date"


def _date_part_check(part: str, low: int, high: int) -> Callable[[str], None]:
    """A check of one box of the date input: digits only, and a number between low and high."""

    def check(value: str) -> None:
        if not (value.isascii() and value.isdigit()):
            raise ValidationError(DATE_PART_NOT_A_NUMBER.format(part=part), code="invalid")
        # Counted in digits first, so a 5,000-digit "year" is never turned into a number.
        digits = value.lstrip("0")
        if len(digits) > len(str(high)) or not low <= int(digits or "0") <= high:
            raise ValidationError(
                DATE_PART_OUT_OF_RANGE.format(part=part, low=low, high=high), code="out_of_range"
            )

    return check


def _date_part(part: str, low: int, high: int) -> forms.CharField:
    return forms.CharField(
        label=part,
        error_messages={"incomplete": f"Enter the {part.lower()}"},
        validators=[_date_part_check(part, low, high)],
    )


class GovukDateField(DateInputField):
    """The GOV.UK date input (day, month and year boxes) for every date field of the service.

    Each box is checked on its own, so its message names it ("Year must be between 1900 and
    2100") and the box is marked in error; a date that does not exist, such as 31 February, is
    "not a real date". No input reaches Python's `date` unchecked, so none is a server error.
    """

    def __init__(self, **kwargs) -> None:
        # DateInputField's own __init__ only builds the three boxes, with checks these replace.
        forms.MultiValueField.__init__(
            self,
            error_messages={
                "required": "Enter the day, month and year",
                "incomplete": "Enter the day, month and year",
            },
            fields=(
                _date_part("Day", 1, 31),
                _date_part("Month", 1, 12),
                _date_part("Year", EARLIEST_YEAR, LATEST_YEAR),
            ),
            **kwargs,
        )

    def compress(self, data_list) -> datetime.date | None:
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return datetime.date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError) as error:
            raise ValidationError(DATE_NOT_REAL, code="invalid") from error
