"""GOV.UK forms for shared text. Rules live in `services`; forms only parse input."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field
from django import forms

from core.forms import (
    LONG_TEXT_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    gds_form_helper,
)
from core.versioning import VersionSeenField, VersionSeenForm
from inspectorates.frameworks import FrameworkVersion, Mode
from lscb.diff import field_labels
from lscb.models import SharedTextKind, SignOffDecision


class SharedTextForm(forms.Form):
    grade = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="Grade for the LSCB",
        error_messages={"required": "Select the grade for the LSCB"},
    )
    body = forms.CharField(widget=forms.Textarea, required=False, max_length=LONG_TEXT_MAX_LENGTH)
    improvements = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=LONG_TEXT_MAX_LENGTH,
        label="What the LSCB must improve",
        help_text="One point a line.",
    )
    # The version the editor started from, so that saving over a newer one is refused.
    expected_version = VersionSeenField()

    def __init__(self, *args, kind: str, framework: FrameworkVersion, **kwargs):
        super().__init__(*args, **kwargs)
        labels = field_labels(kind)
        self.fields["body"].label = labels["body"]
        fields = []
        if kind == SharedTextKind.LSCB_JUDGEMENT and framework.mode == Mode.GRADED:
            self.fields["grade"].choices = [
                Choice(grade.code, grade.label, hint=framework.lscb_descriptor(grade.code))
                for grade in framework.grade_scale.grades
            ]
            fields.append(Field.radios("grade"))
        else:
            del self.fields["grade"]
        fields.append(Field.textarea("body", rows=12))
        if kind in (SharedTextKind.LSCB_JUDGEMENT, SharedTextKind.JOINT_LETTER):
            self.fields["improvements"].label = labels["improvements"]
            fields.append(Field.textarea("improvements", rows=6))
        else:
            del self.fields["improvements"]
        fields.append("expected_version")
        self.helper = gds_form_helper(*fields, submit="Save a new version")


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(
        choices=SignOffDecision.choices,
        widget=forms.RadioSelect,
        label="Do you agree with this version?",
        error_messages={"required": "Select whether you agree"},
    )
    comment = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        label="Comment",
        help_text="Needed when you do not agree: say what must change.",
    )
    # The exact version shown to the lead: a sign-off names what was read, not what is newest.
    version_number = VersionSeenField(min_value=1)

    def __init__(self, *args, inspectorate_name: str, action: str, **kwargs):
        # Give the form a prefix (the inspectorate's code): a lead of two inspectorates sees
        # two of these forms on one page, and their fields need different ids.
        super().__init__(*args, **kwargs)
        self.fields["decision"].label = f"Does {inspectorate_name} agree with this version?"
        self.helper = gds_form_helper(
            Field.radios("decision"),
            Field.textarea("comment", rows=4),
            "version_number",
            submit=f"Sign off for {inspectorate_name}",
            action=action,
            button_id=f"sign-off-{self.prefix}" if self.prefix else "",
        )


class ActionForm(VersionSeenForm):
    """A button that changes state (circulate, finalise): the version seen, and service errors."""

    def __init__(self, *args, submit: str, action: str, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper("version", submit=submit, action=action, button_id=name)


class ReopenForm(VersionSeenForm):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=SHORT_TEXT_MAX_LENGTH,
        label="Why are you reopening the text?",
        help_text="Every inspectorate's sign-off becomes void and they are told by email.",
        error_messages={"required": "Give a reason for reopening the text"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.textarea("reason", rows=4),
            "version",
            submit="Reopen the text",
            button_class="govuk-button--warning",
        )
