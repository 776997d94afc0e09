"""Every view of a referral's page is logged; erasure blanks what was found and what the agency
said (in the history too), keeps the rest, and is idempotent."""

from __future__ import annotations

import pytest

from core.audit_registry import audited_model
from privacy.models import ChildDetailView
from referrals import services
from referrals.models import ERASED, ConcernReferral
from tests.referrals.conftest import CONCERN, answer

pytestmark = pytest.mark.django_db


def test_each_view_of_a_referral_is_recorded_who_when_which_child(
    client_for, inspection, record, people
):
    record()
    url = f"/inspections/{inspection.reference}/referrals/1/"
    client_for("cqc.inspector").get(url)
    client_for("ofsted.lead").head(url)
    client_for("ofsted.lead").get(url + "response/")
    # The list shows no child's details, and someone refused sees nothing: neither is logged.
    client_for("ofsted.lead").get(f"/inspections/{inspection.reference}/referrals/")
    client_for("programme.admin").get(url)
    rows = list(ChildDetailView.objects.order_by("viewed_at", "id"))
    assert [(r.viewer.username, r.child_reference, r.page) for r in rows] == [
        ("cqc.inspector", "ASH-T01", "referral"),
        ("ofsted.lead", "ASH-T01", "referral"),
        ("ofsted.lead", "ASH-T01", "referral (response form)"),
    ]
    assert all(r.inspection == inspection for r in rows)


def test_erasure_blanks_the_free_text_and_keeps_the_rest(record, people):
    referral = record()
    answer(referral, people["hmic.inspector"], text="Visited; the child named the adult.")
    kept = ConcernReferral.objects.values(
        "number", "case_sample", "partner_body", "alerted_at", "response_received_at"
    ).get()
    assert services.erase_personal_details(referral.inspection) == 1
    referral.refresh_from_db()
    assert (referral.concern, referral.response) == (ERASED, ERASED)
    assert referral.personal_details_erased_at is not None
    assert (
        ConcernReferral.objects.values(
            "number", "case_sample", "partner_body", "alerted_at", "response_received_at"
        ).get()
        == kept
    )
    # Nothing of it lives on in the history; the erasure itself is recorded.
    texts = list(referral.history.values_list("concern", "response"))
    assert all(CONCERN not in c and "named the adult" not in r for c, r in texts)
    assert referral.history.first().history_change_reason == (
        "Personal details erased after publication"
    )
    # Run again, it changes nothing.
    count = referral.history.count()
    assert services.erase_personal_details(referral.inspection) == 0
    assert referral.history.count() == count


def test_the_audit_log_never_shows_what_was_found_or_answered():
    audited = audited_model("referrals.ConcernReferral")
    assert {"concern", "response"} <= audited.personal_fields
