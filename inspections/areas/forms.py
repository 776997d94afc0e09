"""GOV.UK forms for an area's partner bodies and contacts. The rules (duplicates, the custodial
establishment HMI Prisons needs) live in `services`; the forms parse and say what is missing."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms

from core.forms import gds_form_helper
from inspections.areas import services
from inspections.models import PartnerBodyKind


class PartnerBodyForm(forms.Form):
    kind = forms.ChoiceField(
        choices=PartnerBodyKind.choices,
        label="What kind of body is it?",
        widget=forms.RadioSelect,
        error_messages={"required": services.KIND_REQUIRED},
    )
    name = forms.CharField(
        label="Name",
        help_text="As the body calls itself, for example Ashdown and Weald Police",
        max_length=services.BODY_NAME_MAX_LENGTH,
        error_messages={"required": services.NAME_REQUIRED},
    )

    def __init__(self, *args, submit: str = "Save partner body", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.text("name"),
            submit=submit,
        )


class AreaContactForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=services.CONTACT_NAME_MAX_LENGTH,
        error_messages={"required": services.CONTACT_NAME_REQUIRED},
    )
    role = forms.CharField(
        label="Role",
        help_text="For example, Director of children's services",
        max_length=services.CONTACT_ROLE_MAX_LENGTH,
        error_messages={"required": services.CONTACT_ROLE_REQUIRED},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="Factual accuracy drafts are sent to this address",
        max_length=services.EMAIL_MAX_LENGTH,
        error_messages={"required": services.EMAIL_REQUIRED, "invalid": services.EMAIL_INVALID},
    )

    def __init__(self, *args, submit: str = "Save contact", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.text("name"),
            Field.text("role"),
            Field.text("email", autocomplete="off", spellcheck="false"),
            submit=submit,
        )
