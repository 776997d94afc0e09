"""What every app's GOV.UK forms share: one layout helper, one way to show a service's errors."""

from __future__ import annotations

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
    # A GET form (a search) must not put the CSRF token into the address.
    helper.disable_csrf = method == "get"
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
