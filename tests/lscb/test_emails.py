"""Leads are emailed when text is circulated for their sign-off and when their sign-off is void."""

import pytest
from django.core.exceptions import ValidationError

from lscb import emails, services
from lscb.models import SignOffDecision
from tests.lscb.conftest import LEADS, save, sign

pytestmark = pytest.mark.django_db

EVERY_LEAD = {f"{username}@example.org" for username in LEADS.values()}


def test_circulating_emails_every_participating_inspectorates_lead(
    draft, people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://inspections.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        services.shared_text_circulate(
            acting_user=people["ofsted.lead"], shared_text=draft, seen_version=draft.current_version
        )

    assert len(mailoutbox) == len(LEADS)
    assert {address for message in mailoutbox for address in message.to} == EVERY_LEAD
    reference = draft.inspection.reference
    subject = emails.CIRCULATED_SUBJECT.format(
        reference=reference, kind="LSCB judgement", version=1
    )
    assert {message.subject for message in mailoutbox} == {subject}
    to_cqc = next(m for m in mailoutbox if m.to == ["cqc.lead@example.org"])
    assert "Care Quality Commission agrees or does not agree" in to_cqc.body
    # An absolute link from SITE_URL, which a worker without a request can build too.
    assert f"{settings.SITE_URL}/inspections/{reference}/shared/lscb/" in to_cqc.body


def test_a_lead_without_a_participating_inspectorate_is_not_emailed(
    inspection, people, mailoutbox, django_capture_on_commit_callbacks
):
    inspection.participations.filter(inspectorate__code="hmi_prisons").delete()
    shared_text = save(people, inspection, expected_version=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.shared_text_circulate(
            acting_user=people["ofsted.lead"],
            shared_text=shared_text,
            seen_version=shared_text.current_version,
        )

    assert "prisons.lead@example.org" not in {a for m in mailoutbox for a in m.to}
    assert len(mailoutbox) == len(LEADS) - 1


def test_an_edit_emails_only_the_leads_whose_sign_off_it_voided(
    circulated, inspection, people, mailoutbox, django_capture_on_commit_callbacks
):
    sign(people, circulated, "cqc")
    sign(people, circulated, "hmic", SignOffDecision.NOT_AGREE, "Say more about the police.")

    with django_capture_on_commit_callbacks(execute=True):
        save(people, inspection, expected_version=1, body="Now says more about the police.")

    assert sorted(m.to[0] for m in mailoutbox) == ["cqc.lead@example.org", "hmic.lead@example.org"]
    subject = emails.VOIDED_SUBJECT.format(reference=inspection.reference, kind="LSCB judgement")
    assert {m.subject for m in mailoutbox} == {subject}
    to_hmic = next(m for m in mailoutbox if m.to == ["hmic.lead@example.org"])
    assert "sign-off on version 1" in to_hmic.body
    assert "Text changed to version 2" in to_hmic.body


def test_an_edit_before_anyone_signed_emails_no_one(
    circulated, inspection, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save(people, inspection, expected_version=1, body="Tidied before anyone signed.")
    assert mailoutbox == []


def test_reopening_emails_every_lead_whose_agreement_it_voided(
    finalised, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.shared_text_reopen(
            acting_user=people["ofsted.lead"],
            shared_text=finalised,
            reason="A factual error",
            seen_version=finalised.current_version,
        )
    assert {m.to[0] for m in mailoutbox} == EVERY_LEAD
    assert all("Reopened: A factual error" in m.body for m in mailoutbox)


def test_a_refused_change_emails_no_one(
    circulated, inspection, people, mailoutbox, django_capture_on_commit_callbacks
):
    sign(people, circulated, "cqc")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        save(people, inspection, expected_version=0, body="From a stale page.")
    assert mailoutbox == []
