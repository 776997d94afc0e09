"""GOV.UK forms for the theme and the findings. Rules live in `services`; forms only parse."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field
from django import forms

from core.forms import LONG_TEXT_MAX_LENGTH, gds_form_helper
from inspectorates.frameworks import Theme
from narrative.models import FindingKind


class ThemeForm(forms.Form):
    theme = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="Which theme will the inspection look at in depth?",
        error_messages={"required": "Select the theme of the inspection"},
    )

    def __init__(self, *args, themes: tuple[Theme, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            Choice(
                theme.code,
                theme.title,
                hint="Sub-themes: " + "; ".join(sub.title.lower() for sub in theme.sub_themes),
            )
            for theme in themes
        ]
        self.helper = gds_form_helper(Field.radios("theme"), submit="Save the theme")


class FindingForm(forms.Form):
    kind = forms.ChoiceField(
        choices=FindingKind.choices,
        widget=forms.RadioSelect,
        label="Is this a strength or an area for improvement?",
        error_messages={"required": "Select whether this is a strength or an area for improvement"},
    )
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=LONG_TEXT_MAX_LENGTH,
        label="Finding",
        help_text="As it will read in the joint letter. Name no child, family member or carer.",
        error_messages={"required": "Enter the finding"},
    )
    sub_themes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Which of the theme's sub-themes is it about?",
        help_text="Select all that apply.",
        error_messages={"required": "Select at least one sub-theme the finding is about"},
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_themes"].choices = [(sub.code, sub.title) for sub in theme.sub_themes]
        self.helper = gds_form_helper(
            Field.radios("kind"),
            Field.textarea("text", rows=6),
            Field.checkboxes("sub_themes"),
            submit="Save the finding",
        )
