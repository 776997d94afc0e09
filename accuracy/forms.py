"""GOV.UK forms of the factual accuracy round. Rules live in `services`; forms only parse input."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms

from accuracy.models import CommentKind, Outcome
from accuracy.sections import Section
from core.forms import gds_form_helper
from core.versioning import VersionSeenForm

# Browsers and the service refuse longer text; the service has the last word (`TEXT_LIMIT`).
TEXT_LIMIT = 5_000
TOO_LONG = "{label} must be 5,000 characters or fewer"


def _text(label: str, *, required: bool, help_text: str = "", required_message: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": required_message or f"Enter {label.lower()}",
            "max_length": TOO_LONG.format(label=label),
        },
    )


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label="Which section of the report is your comment about?",
        error_messages={
            "required": "Select the section of the report your comment is about",
            "invalid_choice": "Select the section of the report your comment is about",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of comment is it?",
        choices=CommentKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what kind of comment it is",
            "invalid_choice": "Select what kind of comment it is",
        },
    )
    text = _text(
        "Your comment",
        required=True,
        help_text="Say what is wrong or missing. Up to 5,000 characters.",
        required_message="Enter your comment",
    )
    proposed_change = _text(
        "The change you propose",
        required=False,
        help_text="Optional. The wording or fact you would put instead.",
    )

    def __init__(self, *args, sections: list[Section], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "Select a section")] + [
            (s.key, s.title) for s in sections
        ]
        self.helper = gds_form_helper(
            Field("section"),
            Field.radios("kind"),
            Field.textarea("text", max_characters=TEXT_LIMIT, rows=5),
            Field.textarea("proposed_change", max_characters=TEXT_LIMIT, rows=5),
            submit="Send comment",
            form_tag=False,
        )


class DispositionForm(VersionSeenForm):
    outcome = forms.ChoiceField(
        label="Your disposition",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the comment is accepted, partly accepted or not accepted",
            "invalid_choice": (
                "Select whether the comment is accepted, partly accepted or not accepted"
            ),
        },
    )
    change_made = _text(
        "The change made",
        required=False,
        help_text="Accepted or partly accepted: what was changed in the report.",
    )
    reason = _text(
        "The reason",
        required=False,
        help_text="Partly accepted or not accepted: why. The area reads it in the response.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("outcome"),
            Field.textarea("change_made", max_characters=TEXT_LIMIT, rows=5),
            Field.textarea("reason", max_characters=TEXT_LIMIT, rows=5),
            "version",
            submit="Record disposition",
            form_tag=False,
        )
