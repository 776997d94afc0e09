"""GOV.UK forms for concern referrals. Rules live in `services`; forms only parse input."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils import timezone

from core.forms import LONG_TEXT_MAX_LENGTH, GovukDateField, gds_form_helper
from core.text import display_name
from core.versioning import VersionSeenForm
from inspections.models import AgeBand, CaseSample, PartnerBody
from referrals import services
from referrals.models import ReferralMethod

TIME_INVALID = "Enter the time as hours and minutes on the 24-hour clock, for example 21:15"
TIME_DID_NOT_EXIST = "{time} did not happen on {day}: the clocks went forward. Enter the time again"


def _time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=["%H:%M", "%H.%M"],
        help_text="24-hour clock, for example 21:15",
        error_messages={"required": "Enter the time", "invalid": TIME_INVALID},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def _moment(form: forms.Form, date_field: str, time_field: str) -> datetime.datetime | None:
    """The date and time boxes as one moment in the service's time zone (as pages show times),
    or None (with the form's error)."""
    day, time = form.cleaned_data.get(date_field), form.cleaned_data.get(time_field)
    if day is None or time is None:
        return None
    zone = timezone.get_current_timezone()
    moment = datetime.datetime.combine(day, time, tzinfo=zone)
    # A time the spring clock change skipped (01:30 on the last Sunday of March) comes back
    # from UTC as another wall time: it never happened, so it is refused, not moved.
    if moment.astimezone(datetime.UTC).astimezone(zone).time() != time:
        form.add_error(
            time_field,
            TIME_DID_NOT_EXIST.format(time=f"{time:%H:%M}", day=f"{day.day} {day:%B %Y}"),
        )
        return None
    return moment


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CaseSample) -> str:
        return f"{obj.internal_reference} ({obj.get_age_band_display()})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return display_name(obj)


class ReferralForm(forms.Form):
    case_sample = CaseChoiceField(
        queryset=CaseSample.objects.none(),
        required=False,
        label="Which child? A case sample",
        empty_label="Not a case sample: a new child, recorded below",
        error_messages={"invalid_choice": "Choose a case sample of this inspection"},
    )
    child_reference = forms.CharField(
        label="Or a reference for a child who is not a case sample",
        max_length=30,
        required=False,
        help_text="A reference that does not identify the child, for example ASH-R01. No name.",
    )
    age_band = forms.ChoiceField(
        label="That child's age band",
        choices=[("", "Choose an age band"), *AgeBand.choices],
        required=False,
        error_messages={"invalid_choice": "Select the child's age band"},
    )
    concern = forms.CharField(
        label="What was found",
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what was found"},
    )
    partner_body = forms.ModelChoiceField(
        queryset=PartnerBody.objects.none(),
        label="Agency alerted",
        empty_label="Choose the agency",
        error_messages={
            "required": "Select the agency you alerted",
            "invalid_choice": "Select one of the area's partner agencies",
        },
    )
    referred_by = PersonChoiceField(
        queryset=None,
        label="Who alerted the agency",
        error_messages={
            "required": "Select who alerted the agency",
            "invalid_choice": "Select a member of the inspection team",
        },
    )
    alerted_on = GovukDateField(
        label="Date the agency was alerted", help_text="For example, 2 4 2015"
    )
    alerted_time = _time_field("Time the agency was alerted")
    method = forms.ChoiceField(
        label="How the agency was alerted",
        choices=ReferralMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you alerted the agency",
            "invalid_choice": "Select how you alerted the agency",
        },
    )

    def __init__(self, *args, inspection, cases, agencies, team_users, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        self.fields["case_sample"].queryset = cases
        self.fields["partner_body"].queryset = agencies
        self.fields["referred_by"].queryset = team_users
        self.helper = gds_form_helper(
            Fieldset(
                Field.select("case_sample"),
                Field.text("child_reference", field_width=10),
                Field.select("age_band"),
                legend="The child",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("concern"),
            Field.select("partner_body"),
            Field.select("referred_by"),
            Field("alerted_on"),
            Field.text("alerted_time", field_width=5),
            Field.radios("method", inline=True),
            submit="Record the referral",
        )

    def clean(self) -> dict:
        data = super().clean()
        self.cleaned_alerted_at = _moment(self, "alerted_on", "alerted_time")
        # The service has the last word; asked here too so every problem shows at once.
        problems = services.referral_child_and_time_problems(
            inspection=self.inspection,
            case_sample=data.get("case_sample"),
            child_reference=data.get("child_reference", ""),
            age_band=data.get("age_band", ""),
            alerted_at=self.cleaned_alerted_at,
        )
        if self.cleaned_alerted_at is None:
            problems.pop("alerted_on", None)
        for field, messages in problems.items():
            if field in self.fields and field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        return data


class ResponseForm(VersionSeenForm):
    response = forms.CharField(
        label="The agency's response",
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the agency's response"},
    )
    received_on = GovukDateField(
        label="Date the response was received", help_text="For example, 3 4 2015"
    )
    received_time = _time_field("Time the response was received")
    close = forms.BooleanField(
        label="The response settles the concern: close the referral",
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.textarea("response"),
            Field("received_on"),
            Field.text("received_time", field_width=5),
            Field.checkbox("close"),
            "version",
            submit="Save the response",
        )

    def clean(self) -> dict:
        data = super().clean()
        self.cleaned_received_at = _moment(self, "received_on", "received_time")
        return data
