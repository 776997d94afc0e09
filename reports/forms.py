"""GOV.UK forms for the joint report. Rules live in `services`; forms only parse input."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field
from django import forms
from django.utils import timezone

from core.forms import GovukDateField, gds_form_helper
from core.versioning import VersionSeenForm
from inspectorates.models import Inspectorate
from inspectorates.registry import framework_versions
from reports.models import ReportPurpose
from reports.selectors import ReportFilters

# A date given without a time publishes at half past nine, when government publishes.
DEFAULT_PUBLISH_TIME = datetime.time(9, 30)


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
    publication_date = GovukDateField(
        label="Publication date (final version only)",
        help_text="Printed on the cover. Leave blank for today. For example, 12 6 2015",
        required=False,
        require_all_fields=False,
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
            Field("publication_date"),
            "version",
            submit="Render the report",
            form_tag=False,
        )


class PublishForm(VersionSeenForm):
    publish_on = GovukDateField(
        label="Publish on",
        help_text="Leave blank to publish now. For example, 12 6 2015",
        required=False,
        require_all_fields=False,
    )
    publish_time = forms.TimeField(
        label="At",
        required=False,
        input_formats=["%H:%M"],
        help_text="24-hour clock, for example 09:30. Leave blank for 09:30.",
        error_messages={"invalid": "Enter the time as hours and minutes, for example 09:30"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    correction_note = forms.CharField(
        label="Correction note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only when correcting a published report: the public sees it beside the report.",
    )

    def __init__(self, *args, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [Field("publish_on"), Field.text("publish_time", field_width=5), "version"]
        if correcting:
            fields.append(Field.textarea("correction_note"))
        else:
            del self.fields["correction_note"]
        self.helper = gds_form_helper(
            *fields,
            submit="Publish the correction" if correcting else "Publish the report",
            form_tag=False,
        )

    def clean(self):
        data = super().clean()
        if data.get("publish_time") and not data.get("publish_on"):
            self.add_error("publish_on", "Enter the day the report is published on")
        return data

    @property
    def publish_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("publish_on")
        if day is None:
            return None
        moment = datetime.datetime.combine(
            day, self.cleaned_data.get("publish_time") or DEFAULT_PUBLISH_TIME
        )
        return timezone.make_aware(moment)


def _grade_choices() -> list[tuple[str, str]]:
    choices: dict[str, str] = {}
    for version in framework_versions().values():
        for code, label in version.grade_scale.choices():
            choices.setdefault(code, label)
    return [("", "Any grade"), *choices.items()]


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
    grade = forms.ChoiceField(label="Grade", required=False, choices=())

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
