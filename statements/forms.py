"""The GOV.UK forms of the written statement of action."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms

from core.forms import (
    LONG_TEXT_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    GovukDateField,
    gds_form_helper,
)
from core.versioning import VersionSeenForm
from inspections.models import PartnerBody
from statements.models import ActionStatus
from statements.services import MAX_PDF_BYTES, NOT_A_PDF, TOO_BIG


class ReceiptForm(forms.Form):
    received_on = GovukDateField(
        label="Date received", help_text="For example, 2 6 2015", require_all_fields=False
    )
    pdf = forms.FileField(
        label="Upload the statement (PDF)",
        help_text=f"A PDF file, smaller than {MAX_PDF_BYTES // (1024 * 1024)} MB",
        error_messages={
            "required": "Select the statement's PDF file",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field("received_on"), Field("pdf"), submit="Record the statement"
        )

    def clean_pdf(self):
        # The service checks the content (its first bytes); these are the quick refusals.
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(TOO_BIG)
        if not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(NOT_A_PDF)
        return upload


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action",
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the action"},
    )
    owner = forms.ModelChoiceField(
        queryset=PartnerBody.objects.none(),
        label="Owner",
        help_text="The partner body responsible for the action",
        empty_label="Select a partner body",
        error_messages={
            "required": "Select the partner body that owns the action",
            "invalid_choice": "Select one of the area's partner bodies",
        },
    )
    due_on = GovukDateField(
        label="Due date", help_text="For example, 30 9 2015", require_all_fields=False
    )
    status = forms.ChoiceField(
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        label="Status",
        initial=ActionStatus.NOT_STARTED,
        error_messages={"required": "Select the action's status"},
    )

    def __init__(self, *args, bodies, submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = bodies
        self.helper = gds_form_helper(
            *(["version"] if "version" in self.fields else []),
            Field.textarea("description"),
            Field.select("owner"),
            Field("due_on"),
            Field.radios("status", inline=True),
            submit=submit,
        )


class ActionChangeForm(VersionSeenForm, ActionForm):
    """Changing an action carries the version its page showed (core.versioning)."""


class NoteForm(forms.Form):
    noted_on = GovukDateField(
        label="Date", help_text="For example, 14 9 2015", require_all_fields=False
    )
    text = forms.CharField(
        label="What monitoring found",
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what monitoring found"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field("noted_on"), Field.textarea("text"), submit="Add the note"
        )


class PublishForm(forms.Form):
    published_on = GovukDateField(
        label="Date published", help_text="For example, 5 10 2015", require_all_fields=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(Field("published_on"), submit="Mark as published")
