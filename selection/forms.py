"""GOV.UK forms for area selection. Rules live in `services`; forms only parse input."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms_gds.layout import HTML, Field, Fieldset, Fixed, Size
from django import forms
from django.utils.html import format_html

from core.forms import (
    LONG_TEXT_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    GovukDateField,
    gds_form_helper,
)
from inspectorates.models import Inspectorate
from selection.criteria import CRITERIA
from selection.indicators import CSV_MAX_BYTES
from selection.models import DecisionOutcome, OfstedGrade, SelectionPolicy

# GOV.UK asks for text inputs with an input mode rather than type="number" for numbers.
DECIMAL_INPUT = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
WHOLE_INPUT = forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})


def _number(label: str, *, help_text: str = "", example: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        widget=DECIMAL_INPUT,
        help_text=help_text,
        error_messages={"invalid": f"Enter {label.lower()} as a number, like {example}"},
    )


class AreaIndicatorsForm(forms.Form):
    ofsted_grade = forms.ChoiceField(
        label="Last Ofsted grade",
        choices=[("", "No judgement held"), *OfstedGrade.choices],
        required=False,
    )
    ofsted_judged_on = GovukDateField(
        label="Date of the last Ofsted judgement",
        help_text="For example, 12 3 2014",
        required=False,
        require_all_fields=False,
    )
    last_joint_inspection_on = GovukDateField(
        label="Last joint inspection ended",
        help_text=(
            "Only for joint inspections before this service: published joint inspections in "
            "the service are counted without being entered here."
        ),
        required=False,
        require_all_fields=False,
    )
    re_referral_rate = _number(
        "Re-referrals",
        help_text="Percentage of referrals to children's social care",
        example="23.4",
    )
    child_protection_plan_rate = _number(
        "Child protection plans", help_text="Per 10,000 children", example="42.1"
    )
    looked_after_rate = _number(
        "Looked-after children", help_text="Per 10,000 children", example="60.0"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.select("ofsted_grade"),
            Field("ofsted_judged_on"),
            Field("last_joint_inspection_on"),
            Field.text("re_referral_rate", field_width=Fixed.FIVE),
            Field.text("child_protection_plan_rate", field_width=Fixed.FIVE),
            Field.text("looked_after_rate", field_width=Fixed.FIVE),
            submit="Save indicators",
        )


class PartnerConcernForm(forms.Form):
    inspectorate = forms.ModelChoiceField(
        queryset=Inspectorate.objects.all(),
        to_field_name="code",
        label="Inspectorate that raised the concern",
        empty_label="Select an inspectorate",
        error_messages={"required": "Select the inspectorate that raised the concern"},
    )
    raised_on = GovukDateField(
        label="Date raised", help_text="For example, 3 2 2015", require_all_fields=False
    )
    raised_by = forms.CharField(
        label="Raised by (optional)",
        required=False,
        max_length=120,
        help_text="The person or team at the inspectorate",
    )
    summary = forms.CharField(
        label="What the concern is",
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the concern is"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.select("inspectorate"),
            Field("raised_on"),
            Field.text("raised_by"),
            Field.textarea("summary"),
            submit="Record concern",
        )


class IndicatorsImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(Field("file"), submit="Import indicators")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV file")
        if upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {CSV_MAX_BYTES // (1024 * 1024)} MB"
            )
        return upload


def _criterion_field_name(criterion_code: str, parameter_code: str) -> str:
    # The services name errors the same way, so that each error lands on its field.
    return f"{criterion_code}__{parameter_code}"


class SelectionPolicyForm(forms.Form):
    """The whole policy on one page, filled in from the current version."""

    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    revisit_always_candidate = forms.BooleanField(
        label="An inadequate judgement due for revisit is always a candidate",
        required=False,
        help_text="Even when the area was jointly inspected recently.",
    )
    revisit_window_months = forms.IntegerField(
        widget=WHOLE_INPUT,
        label="An inadequate judgement is due for revisit for this many months",
        help_text="Counted back from the start of the programme year.",
        error_messages={"required": "Enter the number of months", "invalid": "Enter a number"},
    )
    recently_inspected_months = forms.IntegerField(
        widget=WHOLE_INPUT,
        label="Areas jointly inspected within this many months are not candidates",
        help_text="0 to let every area be a candidate.",
        error_messages={"required": "Enter the number of months", "invalid": "Enter a number"},
    )
    quota_percent = forms.IntegerField(
        widget=WHOLE_INPUT,
        label="Share of places kept for areas judged good or outstanding (%)",
        help_text="25 means at least a quarter of the places, rounded up.",
        min_value=0,
        max_value=100,
        error_messages={
            "required": "Enter the share of places",
            "invalid": "Enter the share of places as a whole number",
            "min_value": "The share of places must be between 0 and 100",
            "max_value": "The share of places must be between 0 and 100",
        },
    )
    change_note = forms.CharField(
        label="Why is the policy changing?",
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded with the new version.",
        error_messages={"required": "Enter why the policy is changing"},
    )

    def __init__(self, *args, policy: SelectionPolicy | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        sections = []
        for criterion in CRITERIA:
            values = (policy.criteria.get(criterion.code, {}) if policy else {}) or {}
            weight_name = _criterion_field_name(criterion.code, "weight")
            self.fields[weight_name] = forms.DecimalField(
                label="Weight",
                widget=DECIMAL_INPUT,
                help_text=criterion.help,
                min_value=0,
                max_value=1000,
                initial=values.get("weight", 0),
                error_messages={
                    "required": f"Enter a weight for {criterion.label.lower()}",
                    "invalid": f"Enter the weight for {criterion.label.lower()} as a number",
                    "min_value": "Weights must be between 0 and 1000",
                    "max_value": "Weights must be between 0 and 1000",
                },
            )
            names = [Field.text(weight_name, field_width=Fixed.FIVE)]
            for parameter in criterion.parameters:
                name = _criterion_field_name(criterion.code, parameter.code)
                field_class = forms.IntegerField if parameter.whole_number else forms.DecimalField
                self.fields[name] = field_class(
                    label=parameter.label,
                    widget=WHOLE_INPUT if parameter.whole_number else DECIMAL_INPUT,
                    help_text=parameter.help,
                    initial=values.get(parameter.code),
                    error_messages={
                        "required": f"Enter a value for '{parameter.label}'",
                        "invalid": f"Enter '{parameter.label}' as a number",
                    },
                )
                names.append(Field.text(name, field_width=Fixed.FIVE))
            sections.append(Fieldset(*names, legend=criterion.label, legend_size=Size.MEDIUM))
        if policy is not None:
            self.initial.setdefault("based_on_version", policy.version)
            self.initial.setdefault("revisit_always_candidate", policy.revisit_always_candidate)
            self.initial.setdefault("revisit_window_months", policy.revisit_window_months)
            self.initial.setdefault("recently_inspected_months", policy.recently_inspected_months)
            self.initial.setdefault("quota_percent", int(policy.quota_fraction * 100))
        self.helper = gds_form_helper(
            Field("based_on_version"),
            HTML(format_html('<h2 class="govuk-heading-l">{}</h2>', "Criteria and weights")),
            *sections,
            HTML(format_html('<h2 class="govuk-heading-l">{}</h2>', "Rules")),
            Field.checkbox("revisit_always_candidate"),
            Field.text("revisit_window_months", field_width=Fixed.THREE),
            Field.text("recently_inspected_months", field_width=Fixed.THREE),
            Field.text("quota_percent", field_width=Fixed.THREE),
            Field.textarea("change_note"),
            submit="Save as a new version",
        )

    def criteria(self) -> dict[str, dict[str, Decimal | int]]:
        data = self.cleaned_data
        return {
            criterion.code: {
                "weight": data[_criterion_field_name(criterion.code, "weight")],
                **{
                    p.code: data[_criterion_field_name(criterion.code, p.code)]
                    for p in criterion.parameters
                },
            }
            for criterion in CRITERIA
        }

    @property
    def quota_fraction(self) -> Decimal:
        return Decimal(self.cleaned_data["quota_percent"]) / 100


class ProgrammeYearForm(forms.Form):
    year = forms.IntegerField(
        widget=WHOLE_INPUT,
        label="Programme year starting in",
        help_text="The year of 1 April when it starts, for example 2015 for 2015 to 2016.",
        error_messages={
            "required": "Enter the year the programme year starts",
            "invalid": "Enter the year as a number, like 2015",
        },
    )
    places = forms.IntegerField(
        widget=WHOLE_INPUT,
        label="Number of places",
        help_text="How many areas the programme can inspect that year.",
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Enter the number of places as a whole number",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.text("year", field_width=Fixed.FOUR),
            Field.text("places", field_width=Fixed.THREE),
            submit="Set up programme year",
        )


class PlacesForm(forms.Form):
    places = forms.IntegerField(
        widget=WHOLE_INPUT,
        label="Number of places",
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Enter the number of places as a whole number",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.text("places", field_width=Fixed.THREE), submit="Change places"
        )
        # The ranked list page wraps this form in its own <form> posting to the places URL.
        self.helper.form_tag = False


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect,
        label="Decision",
        error_messages={"required": "Select selected, deferred or not selected"},
    )
    rationale = forms.CharField(
        label="Reason for the decision",
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason for the decision"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("outcome"), Field.textarea("rationale"), submit="Record decision"
        )
