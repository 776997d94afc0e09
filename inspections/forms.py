"""GOV.UK forms for setting inspections up. Rules live in `services`; forms only parse input."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset
from django import forms
from django.contrib.auth import get_user_model

from core.forms import SHORT_TEXT_MAX_LENGTH, GovukDateField, gds_form_helper
from core.text import display_name
from core.versioning import VersionSeenForm
from inspections.models import AgeBand, CaseTracking, InspectionStatus, LocalAuthority, TeamRole
from inspectorates.frameworks import LEADING_INSPECTORATE, FrameworkVersion
from inspectorates.models import Inspectorate
from inspectorates.registry import InspectionKind, framework_current

# The inspectorates every kind includes: their boxes are ticked and cannot be cleared (DESIGN
# rule 1), and the form puts them back whatever is posted; the services refuse without them.
ALWAYS_TAKE_PART = frozenset({LEADING_INSPECTORATE})
INSPECTORATE_CHECKBOXES = "inspections/includes/inspectorate_checkboxes.html"


def kind_summary(framework: FrameworkVersion) -> str:
    """What the set-up form says of a kind: its window, its notice and who must or may take part
    (from the version in force now)."""
    names = {code: framework.inspectorate_name(code) for code in framework.inspectorates}
    must = [names[code] for code in names if code in framework.required_inspectorates]
    may = [names[code] for code in names if code not in framework.required_inspectorates]
    notice = framework.notice_rule.description if framework.notice_rule else framework.notice
    text = f"Window of up to {framework.window_days} days. {notice} Must take part: "
    text += ", ".join(must) + "."
    if may:
        text += " May take part: " + ", ".join(may) + "."
    if any(f.requires_custodial_establishment for f in framework.inspectorates.values()):
        text += " HM Inspectorate of Prisons only where the area holds children in custody."
    return text


class WindowFieldsMixin(forms.Form):
    window_start = GovukDateField(
        label="Window starts", help_text="For example, 11 5 2015", require_all_fields=False
    )
    window_end = GovukDateField(
        label="Window ends", help_text="The last day of fieldwork", require_all_fields=False
    )
    inspectorates = forms.ModelMultipleChoiceField(
        queryset=Inspectorate.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        label="Inspectorates taking part",
        help_text="Ofsted always takes part, with at least one partner inspectorate.",
        error_messages={"required": "Select the inspectorates taking part"},
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The template shows these boxes ticked and disabled.
        self.fields["inspectorates"].fixed = ALWAYS_TAKE_PART

    def clean_inspectorates(self):
        """The posted inspectorates, with those that always take part (a disabled box is never
        posted, and a hand-made request cannot leave Ofsted out)."""
        chosen = list(self.cleaned_data.get("inspectorates") or [])
        codes = {inspectorate.code for inspectorate in chosen}
        chosen += list(Inspectorate.objects.filter(code__in=ALWAYS_TAKE_PART - codes))
        return chosen


class InspectionCreateForm(WindowFieldsMixin):
    local_authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.all(),
        label="Local authority area",
        empty_label="Select an area",
        error_messages={"required": "Select the local authority area"},
    )
    kind = forms.ChoiceField(
        choices=InspectionKind.choices,
        label="Kind of inspection",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of inspection"},
    )
    lead_inspector = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(
            inspector_profile__inspectorate__code=LEADING_INSPECTORATE
        ),
        label="Lead inspector (Ofsted)",
        required=False,
        empty_label="Choose later",
    )

    field_order = ["local_authority", "kind", "window_start", "window_end", "inspectorates"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            Choice(kind, label, hint=kind_summary(framework_current(kind)))
            for kind, label in InspectionKind.choices
        ]
        self.helper = gds_form_helper(
            Field.select("local_authority"),
            Field.radios("kind"),
            Field("window_start"),
            Field("window_end"),
            Field("inspectorates", template=INSPECTORATE_CHECKBOXES),
            Field.select("lead_inspector"),
            submit="Set up inspection",
        )


class InspectionSetUpForm(WindowFieldsMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field("window_start"),
            Field("window_end"),
            Field("inspectorates", template=INSPECTORATE_CHECKBOXES),
            submit="Save changes",
        )


class TeamMemberAddForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model()
        .objects.filter(is_active=True, inspector_profile__isnull=False)
        .select_related("inspector_profile__inspectorate")
        .order_by("inspector_profile__inspectorate__position", "username"),
        label="Person",
        empty_label="Select a person",
        error_messages={"required": "Select the person to add"},
    )
    role = forms.ChoiceField(
        choices=TeamRole.choices,
        initial=TeamRole.INSPECTOR,
        widget=forms.RadioSelect,
        label="Role on this inspection",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda user: (
            f"{display_name(user)} ({user.inspector_profile.inspectorate.name})"
        )
        self.helper = gds_form_helper(
            Field.select("user"), Field.radios("role"), submit="Add to team"
        )


class StageMoveForm(forms.Form):
    to_status = forms.ChoiceField(
        choices=[
            (s.value, s.label) for s in InspectionStatus if s is not InspectionStatus.PUBLISHED
        ],
        widget=forms.RadioSelect,
        label="Move the inspection to",
        error_messages={"required": "Select the stage to move to"},
    )
    reason = forms.CharField(
        required=False,
        # The history record keeps the reason, in up to 100 characters.
        max_length=100,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason",
        help_text="Needed when withdrawing the inspection. Up to 100 characters.",
    )

    def __init__(self, *args, action: str, allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["to_status"].choices = [
                c for c in self.fields["to_status"].choices if c[0] in allowed
            ]
        self.helper = gds_form_helper(
            Fieldset(Field.radios("to_status"), Field.textarea("reason")),
            submit="Move stage",
            action=action,
        )


def _one_a_line(label: str, hint: str, *, each: str = "name") -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        label=f"{label} (optional)",
        help_text=f"{hint} Put each {each} on its own line.",
    )


class FieldworkContinuesForm(forms.Form):
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why does fieldwork continue?",
        help_text="For example, a partner agency's records were only available after the window.",
        error_messages={"required": "Enter why fieldwork continues after the window closed"},
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.textarea("reason"), submit="Record the reason", action=action
        )


class CaseSampleForm(forms.Form):
    """A child's case: how the team names it, and the child's personal details (team only)."""

    internal_reference = forms.CharField(
        max_length=30,
        label="Internal reference",
        help_text="How the case is named everywhere outside the team's case pages. Do not use "
        "the child's name, initials or an agency's case number.",
        error_messages={"required": "Enter the case's internal reference"},
    )
    tracking = forms.ChoiceField(
        choices=CaseTracking.choices,
        widget=forms.RadioSelect,
        label="Tracked or sampled",
        error_messages={"required": "Select whether the case is tracked or sampled"},
    )
    age_band = forms.ChoiceField(
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        label="Age band",
        help_text="The child's age on the first day of the inspection.",
        error_messages={"required": "Select the child's age band"},
    )
    child_name = forms.CharField(
        max_length=120,
        label="Child's name",
        error_messages={"required": "Enter the child's name"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth (optional)",
        help_text="For example, 27 3 2007. It must fit the age band.",
        required=False,
        require_all_fields=False,
    )
    aliases = _one_a_line(
        "Other names the child is known by", "Nicknames, previous names, names used online."
    )
    family_members = _one_a_line(
        "Family members", "Full names of parents, brothers and sisters, and other relatives."
    )
    carers = _one_a_line(
        "Carers", "Full names of foster carers, residential staff, guardians and others."
    )
    school = forms.CharField(
        required=False,
        max_length=160,
        label="School, college or nursery (optional)",
    )
    agency_references = _one_a_line(
        "Agency references",
        "Case numbers held by agencies, such as children's social care or the police.",
        each="reference",
    )
    agencies_involved = forms.ModelMultipleChoiceField(
        queryset=Inspectorate.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Agencies involved, by inspectorate",
    )

    submit_label = "Add case sample"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            *self.hidden_fields_layout(),
            Field.text("internal_reference", field_width=10),
            Field.radios("tracking", inline=True),
            Field.radios("age_band"),
            Field.text("child_name"),
            Field("date_of_birth"),
            Field.textarea("aliases", rows=2),
            Field.textarea("family_members", rows=3),
            Field.textarea("carers", rows=2),
            Field.text("school"),
            Field.textarea("agency_references", rows=3),
            Field.checkboxes("agencies_involved", small=True),
            submit=self.submit_label,
        )

    def hidden_fields_layout(self) -> list:
        return []


class CaseSampleEditForm(VersionSeenForm, CaseSampleForm):
    """The case form for a case already recorded, bound to the version its page showed."""

    submit_label = "Save changes"

    def hidden_fields_layout(self) -> list:
        return [Field("version")]
