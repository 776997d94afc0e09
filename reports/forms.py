"""GOV.UK forms for the joint report. Rules live in `services`; forms only parse input."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field
from django import forms
from django.db import models
from django.utils import timezone

from core.forms import GovukDateField, gds_form_helper
from core.versioning import VersionSeenForm
from inspectorates.models import Inspectorate
from lscb.models import SharedTextKind
from reports import scales
from reports.models import ReportPurpose
from reports.selectors import ReportFilters

# A date given without a time publishes at half past nine, when government publishes.
DEFAULT_PUBLISH_TIME = datetime.time(9, 30)


class PublishWhen(models.TextChoices):
    WHEN_READY = "when_ready", "As soon as it is ready, today"
    EMBARGO = "embargo", "At a set time (an embargo)"


class RenderRequestForm(VersionSeenForm):
    purpose = forms.ChoiceField(
        choices=ReportPurpose.choices,
        widget=forms.RadioSelect,
        label="Which version of the report?",
        help_text=(
            "A factual accuracy draft is marked DRAFT on every page and seen only by the team "
            "and the inspected area. A final version is the one that can be published."
        ),
        error_messages={"required": "Select which version of the report to render"},
    )
    publish_when = forms.ChoiceField(
        choices=PublishWhen.choices,
        widget=forms.RadioSelect,
        required=False,
        label="When will the final version be published?",
        help_text=(
            "Its cover gives this day as the publication date, and it is published at exactly "
            "this time: to publish on another day, render it again."
        ),
    )
    embargo_on = GovukDateField(
        label="Embargo date",
        help_text="Only for a set time. For example, 12 6 2015",
        required=False,
        require_all_fields=False,
    )
    embargo_time = forms.TimeField(
        label="Embargo time",
        required=False,
        input_formats=["%H:%M"],
        help_text="24-hour clock, for example 09:30. Leave blank for 09:30.",
        error_messages={"invalid": "Enter the time as hours and minutes, for example 09:30"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, purposes: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if purposes:
            # Only the kinds the inspection's stage allows; the service has the last word.
            self.fields["purpose"].choices = [
                (value, label) for value, label in ReportPurpose.choices if value in purposes
            ]
        self.helper = gds_form_helper(
            Field.radios("purpose"),
            Field.radios("publish_when"),
            Field("embargo_on"),
            Field.text("embargo_time", field_width=5),
            "version",
            submit="Render the report",
            form_tag=False,
        )

    def clean(self):
        data = super().clean()
        final = data.get("purpose") == ReportPurpose.FINAL
        if final and not data.get("publish_when"):
            self.add_error("publish_when", "Select when the final version will be published")
        embargo = final and data.get("publish_when") == PublishWhen.EMBARGO
        if embargo and not data.get("embargo_on") and "embargo_on" not in self.errors:
            self.add_error("embargo_on", "Enter the day the embargo ends")
        return data

    @property
    def publish_at(self) -> datetime.datetime | None:
        """The embargo moment, or None to publish as soon as the version is ready."""
        data = self.cleaned_data
        if data.get("purpose") != ReportPurpose.FINAL or data.get("publish_when") != "embargo":
            return None
        moment = datetime.datetime.combine(
            data["embargo_on"], data.get("embargo_time") or DEFAULT_PUBLISH_TIME
        )
        return timezone.make_aware(moment)


class PublishForm(VersionSeenForm):
    """Publishing takes no input but the version seen: its moment was chosen at render time."""

    def __init__(self, *args, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            "version",
            submit="Publish the correction" if correcting else "Publish the report",
            form_tag=False,
        )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Why is the report being corrected?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published with the correction note.",
        error_messages={"required": "Enter the reason for the correction: it is published with it"},
    )
    judgements = forms.MultipleChoiceField(
        label="Judgements whose text changes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Its inspectorate lead reopens it, giving a reason, and agrees it again.",
    )
    grades = forms.MultipleChoiceField(
        label="Judgements whose grade changes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Their text may change as well.",
    )
    grade_reason = forms.CharField(
        label="Why the grade changes",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Published with the correction note.",
    )
    shared_texts = forms.MultipleChoiceField(
        label="Shared text that changes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=SharedTextKind.choices,
        help_text="Every inspectorate lead signs off the new version again.",
    )
    other_sections = forms.BooleanField(
        label="The report's other sections (the area, the team, the inspection's facts)",
        required=False,
    )

    def __init__(self, *args, judgement_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judgements"].choices = judgement_choices
        self.fields["grades"].choices = judgement_choices
        self.helper = gds_form_helper(
            Field.textarea("reason"),
            Field.checkboxes("judgements", small=True),
            Field.checkboxes("grades", small=True),
            Field.textarea("grade_reason"),
            Field.checkboxes("shared_texts", small=True),
            Field.checkbox("other_sections"),
            submit="Open the correction",
        )


def _grade_choices() -> list[tuple[str, str]]:
    # Each grade with its scale: one scale's "good" is not another's (DESIGN rule 15).
    return [("", "Any grade"), *scales.grade_choices()]


class GradeField(forms.ChoiceField):
    """A grade on its scale ("four_point:good"); a bare grade code, as addresses gave it before
    grades named their scale, still finds that grade on any scale."""

    def valid_value(self, value: str) -> bool:
        return super().valid_value(value) or value in scales.grade_codes()


class ReportSearchForm(forms.Form):
    area = forms.CharField(label="Area name", required=False, max_length=120)
    published_from = GovukDateField(
        label="Published from",
        help_text="For example, 1 4 2015",
        required=False,
        require_all_fields=False,
    )
    published_to = GovukDateField(
        label="Published to",
        help_text="For example, 30 9 2015",
        required=False,
        require_all_fields=False,
    )
    inspectorate = forms.ModelChoiceField(
        queryset=Inspectorate.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="Any inspectorate",
        label="Inspectorate",
    )
    grade = GradeField(label="Grade", required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = _grade_choices()
        self.helper = gds_form_helper(
            Field.text("area"),
            Field("published_from"),
            Field("published_to"),
            Field.select("inspectorate"),
            Field.select("grade"),
            submit="Search",
            method="get",
            form_tag=False,
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and end < start:
            self.add_error("published_to", "The end date must be on or after the start date")
        return data

    @property
    def filters(self) -> ReportFilters:
        if not self.is_valid():
            return ReportFilters()
        data = self.cleaned_data
        return ReportFilters(
            area=data["area"],
            published_from=data["published_from"],
            published_to=data["published_to"],
            inspectorate=data["inspectorate"].code if data["inspectorate"] else "",
            grade=data["grade"],
        )


class AcknowledgeFindingForm(forms.Form):
    """A reviewer's acknowledgement of one personal-data warning; the template writes it per
    warning (the same field names in each), so it has no crispy helper."""

    finding_key = forms.CharField(widget=forms.HiddenInput, max_length=32)
    reason = forms.CharField(
        label="Why can these words stay in the report?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why this can stay in the report"},
    )
