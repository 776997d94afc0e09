"""GOV.UK forms for keeping series. Rules live in `services`; forms only parse."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms

from core.forms import LONG_TEXT_MAX_LENGTH, gds_form_helper
from inspectorates.frameworks import Theme


class SeriesForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        label="Title of the series",
        error_messages={"required": "Enter the title of the series"},
    )
    theme_code = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="Theme",
        error_messages={"required": "Select the theme of the series"},
    )
    summary = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=LONG_TEXT_MAX_LENGTH,
        label="Summary for the public page (optional)",
    )

    def __init__(self, *args, themes: tuple[Theme, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme_code"].choices = [(t.code, t.title) for t in themes]
        self.helper = gds_form_helper(
            Field.text("title"),
            Field.radios("theme_code"),
            Field.textarea("summary", rows=4),
            submit="Create the series",
        )


class AddLetterForm(forms.Form):
    inspection = forms.ChoiceField(
        label="Published letter to add",
        error_messages={"required": "Select a published letter to add"},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].choices = [
            (str(i.pk), f"{i.local_authority.name} ({i.reference})") for i in candidates
        ]
        self.helper = gds_form_helper(Field.select("inspection"), submit="Add the letter")
