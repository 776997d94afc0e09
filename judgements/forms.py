"""GOV.UK forms for evidence and judgements. Rules live in `services`; forms only parse input.

Choices are built from the inspection's framework version (areas, grades and descriptors) and
from the inspection's own rows, so a form never offers another inspection's or inspectorate's
evidence. The services check the same again, whatever route a request takes.
"""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field
from django import forms
from django.template.defaultfilters import truncatechars

from core.dates import long_date
from core.forms import (
    LONG_TEXT_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    GovukDateField,
    gds_form_helper,
)
from core.text import display_name
from core.versioning import VersionSeenForm
from inspections.models import CaseSample
from inspectorates.frameworks import FrameworkVersion, InspectorateFramework, JudgementArea
from judgements.models import Evidence, EvidenceSource


def _evidence_choice(item: Evidence) -> Choice:
    cases = ", ".join(sample.internal_reference for sample in item.case_samples.all())
    label = (
        f"{long_date(item.observed_on)}: {item.get_source_display()} ({display_name(item.author)})"
    )
    hint = truncatechars(item.text, 160) + (f" Cases: {cases}." if cases else "")
    return Choice(str(item.pk), label, hint=hint)


class EvidenceForm(forms.Form):
    observed_on = GovukDateField(
        label="Date",
        help_text="The day the evidence was seen or gathered, within the inspection window. "
        "For example, 12 5 2015",
        require_all_fields=False,
    )
    source = forms.ChoiceField(
        choices=EvidenceSource.choices,
        widget=forms.RadioSelect,
        label="Source",
        error_messages={"required": "Select where the evidence comes from"},
    )
    area_codes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Judgement areas it informs",
        error_messages={"required": "Select at least one judgement area the evidence informs"},
    )
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=LONG_TEXT_MAX_LENGTH,
        label="Evidence",
        error_messages={"required": "Enter the evidence"},
    )
    case_samples = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Case samples",
        help_text="Cases this evidence comes from, by internal reference.",
    )
    staff_names = forms.CharField(
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        label="Staff named (one per line)",
        help_text="Local agency staff named in this evidence. They are kept out of the "
        "published report.",
    )

    def __init__(
        self,
        *args,
        framework: InspectorateFramework,
        case_samples: list[CaseSample],
        submit: str = "Save evidence",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["area_codes"].choices = [
            (area.code, f"{area.title} (sub-judgement)" if area.parent else area.title)
            for area in framework.areas
        ]
        self.case_sample_rows = {str(sample.pk): sample for sample in case_samples}
        self.fields["case_samples"].choices = [
            Choice(
                str(sample.pk),
                sample.internal_reference,
                hint=f"{sample.get_tracking_display()}, {sample.get_age_band_display()}",
            )
            for sample in case_samples
        ]
        layout = [
            Field("observed_on"),
            Field.radios("source"),
            Field.checkboxes("area_codes"),
            Field.textarea("text", rows=8),
        ]
        if case_samples:
            layout.append(Field.checkboxes("case_samples", small=True))
        else:
            del self.fields["case_samples"]
        layout.append(Field.textarea("staff_names", rows=3))
        self.helper = gds_form_helper(*layout, submit=submit)

    @property
    def chosen_case_samples(self) -> list[CaseSample]:
        chosen = self.cleaned_data.get("case_samples") or []
        return [self.case_sample_rows[pk] for pk in chosen]


class EvidenceFilterForm(forms.Form):
    """Filters for the evidence list, read from the query string."""

    area = forms.ChoiceField(required=False, label="Judgement area")
    source = forms.ChoiceField(required=False, label="Source")
    author = forms.ChoiceField(required=False, label="Recorded by")

    def __init__(self, *args, framework: FrameworkVersion, inspectorates, authors, **kwargs):
        super().__init__(*args, **kwargs)
        groups: list = [("", "All areas")]
        for inspectorate in inspectorates:
            if inspectorate.code not in framework.inspectorates:
                continue
            areas = framework.for_inspectorate(inspectorate.code).areas
            options = [(inspectorate.code, f"All {inspectorate.name} evidence")]
            options += [(f"{inspectorate.code}:{area.code}", area.title) for area in areas]
            groups.append((inspectorate.name, options))
        self.fields["area"].choices = groups
        self.fields["source"].choices = [("", "All sources"), *EvidenceSource.choices]
        self.fields["author"].choices = [("", "Anyone")] + [
            (str(user.pk), display_name(user)) for user in authors
        ]
        self.helper = gds_form_helper(
            Field.select("area"),
            Field.select("source"),
            Field.select("author"),
            submit="Filter evidence",
            method="get",
        )

    def filters(self) -> dict:
        """Selector keyword arguments for the chosen filters; none if the input is invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        inspectorate_code, _, area_code = data["area"].partition(":")
        return {
            "inspectorate_code": inspectorate_code,
            "area_code": area_code,
            "source": data["source"],
            "author_id": int(data["author"]) if data["author"] else None,
        }


class JudgementForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    grade = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect,
        label="Grade",
        help_text="Each grade's descriptor is shown with it.",
    )
    rationale = forms.CharField(
        required=False,
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        label="Rationale",
        help_text="Why this grade: what the evidence shows against the criteria.",
    )
    strengths = forms.CharField(
        required=False, max_length=LONG_TEXT_MAX_LENGTH, widget=forms.Textarea, label="Strengths"
    )
    areas_for_improvement = forms.CharField(
        required=False,
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        label="Areas for improvement",
    )
    recommendations = forms.CharField(
        required=False,
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        label="Recommendations",
    )
    departure_reason = forms.CharField(
        required=False,
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        label="Why this grade departs from the framework's presumption",
        help_text="Needed only where the grade departs from it: {rules} Kept in the judgement's "
        "history.",
    )
    evidence = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Linked evidence",
        help_text="Evidence recorded for this area. At least one piece is needed to submit.",
    )

    def __init__(
        self,
        *args,
        framework: FrameworkVersion,
        inspectorate: str,
        area: JudgementArea,
        evidence: list[Evidence],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.evidence_rows = {str(item.pk): item for item in evidence}
        self.fields["evidence"].choices = [_evidence_choice(item) for item in evidence]
        self.graded = framework.is_graded(area)
        layout = [Field("version")]
        if self.graded:
            self.fields["grade"].choices = [
                Choice(code, label, hint=area.descriptor(code))
                for code, label in framework.scale_for(inspectorate, area).choices()
            ]
            layout.append(Field.radios("grade"))
        else:
            # Narrative frameworks, and ungraded areas, publish findings without a grade.
            del self.fields["grade"]
        layout += [
            Field.textarea("rationale", rows=6),
            Field.textarea("strengths", rows=4),
            Field.textarea("areas_for_improvement", rows=4),
            Field.textarea("recommendations", rows=4),
        ]
        # A presumption that limits this area (DESIGN rule 15): departing from it needs a reason.
        presumptions = [
            rule.description
            for rule in framework.for_inspectorate(inspectorate).limiting_rules
            if rule.is_presumption and rule.then_area == area.code
        ]
        if self.graded and presumptions:
            field = self.fields["departure_reason"]
            field.help_text = field.help_text.format(rules=" ".join(presumptions))
            layout.append(Field.textarea("departure_reason", rows=3))
        else:
            del self.fields["departure_reason"]
        if evidence:
            layout.append(Field.checkboxes("evidence", small=True))
        else:
            del self.fields["evidence"]
        self.helper = gds_form_helper(*layout, submit="Save draft")

    @property
    def chosen_evidence(self) -> list[Evidence]:
        chosen = self.cleaned_data.get("evidence") or []
        return [self.evidence_rows[pk] for pk in chosen]


class ReopenForm(VersionSeenForm):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=SHORT_TEXT_MAX_LENGTH,
        label="Why is the judgement being reopened?",
        help_text="This is kept in the judgement's history.",
        error_messages={"required": "Enter why the judgement is being reopened"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.textarea("reason", rows=3), "version", submit="Reopen judgement"
        )


class ActionForm(forms.Form):
    """A form with no fields, used to show a refused submit or agree in the error summary."""
