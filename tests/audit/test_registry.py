"""The audit log reads what each app declares it audits, in its AppConfig.ready()."""

from __future__ import annotations

from django.apps import apps

from core.audit_registry import audited_models


def test_every_model_that_keeps_history_is_in_the_audit_log():
    keeping_history = {
        model._meta.label
        for model in apps.get_models()
        if hasattr(model, "history")
        and not model._meta.label.split(".")[1].startswith("Historical")
    }
    assert keeping_history
    assert {audited.label for audited in audited_models()} == keeping_history


def test_childrens_personal_details_are_declared_hidden():
    personal = {audited.label: audited.personal_fields for audited in audited_models()}
    assert personal["inspections.CaseSample"] == {
        "child_name",
        "date_of_birth",
        "agency_references",
        "family_members",
        "carers",
        "aliases",
        "school",
    }
    assert personal["judgements.Evidence"] == {"staff_names"}
