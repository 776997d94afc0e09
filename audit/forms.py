from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms
from django.contrib.auth import get_user_model

from core.forms import gds_form_helper
from core.text import display_name
from inspections.models import Inspection


class AuditFilterForm(forms.Form):
    inspection = forms.ModelChoiceField(
        queryset=Inspection.objects.select_related("local_authority").order_by("reference"),
        to_field_name="reference",
        required=False,
        label="Inspection",
        empty_label="All inspections and the programme",
    )
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.order_by("username"),
        to_field_name="username",
        required=False,
        label="Changed by",
        empty_label="Anyone",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda user: (
            f"{display_name(user)} ({user.username})" if user.get_full_name() else user.username
        )
        self.helper = gds_form_helper(
            Field.select("inspection"), Field.select("user"), submit="Filter", method="get"
        )


class ChildViewFilterForm(AuditFilterForm):
    """The read log of children's personal details, by inspection and by viewer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].empty_label = "All inspections"
        self.fields["user"].label = "Viewed by"


class ErasureFilterForm(forms.Form):
    inspection = forms.ModelChoiceField(
        queryset=Inspection.objects.filter(personal_detail_erasures__isnull=False)
        .distinct()
        .order_by("reference"),
        to_field_name="reference",
        required=False,
        label="Inspection",
        empty_label="All inspections",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(Field.select("inspection"), submit="Filter", method="get")
