"""The audit log page: programme administrators read who changed what, filtered, read-only,
without a child's personal details and in a bounded number of queries. (That every service
leaves such a record: `test_audit`.)
"""

from __future__ import annotations

from audit import selectors as audit
from core.audit_registry import audited_models
from inspections.models import CaseSample
from judgements import services as judgement_services
from judgements.models import Judgement


def test_programme_administrators_read_the_audit_log(demo_data, client_for):
    submitted = Judgement.objects.get(
        inspection=demo_data.inspection,
        inspectorate__code="ofsted",
        area_code="help_and_protection",
    )
    judgement_services.judgement_reopen(
        acting_user=demo_data.people["ofsted.inspector"],
        judgement=submitted,
        reason="Reopened to add the MASH audit.",
        seen_version=submitted.version,
    )
    client = client_for("programme.admin")
    response = client.get("/audit/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Reopened to add the MASH audit." in page
    assert "Oscar Reid (ofsted.inspector)" in page
    # Old and new values.
    assert "Submitted" in page or "submitted" in page
    assert ">draft<" in page


def test_the_audit_log_filters_by_inspection_and_by_user(demo_data, client_for):
    client = client_for("programme.admin")
    reference = demo_data.inspection.reference
    by_inspection = client.get("/audit/", {"inspection": reference})
    assert by_inspection.status_code == 200
    assert f"on {demo_data.published.reference}" not in by_inspection.content.decode()
    assert f"on {reference}" in by_inspection.content.decode()
    by_user = client.get("/audit/", {"user": "cqc.lead"})
    page = by_user.content.decode()
    assert "(cqc.lead)</dd>" in page
    assert "(ofsted.inspector)</dd>" not in page
    total = audit.audit_entries(user=demo_data.people["cqc.lead"]).count()
    assert f"{total} change" in page


def test_the_audit_log_never_shows_a_childs_personal_details(demo_data, client_for):
    client = client_for("programme.admin")
    names = list(CaseSample.objects.values_list("child_name", flat=True))
    references = [r for r in CaseSample.objects.values_list("agency_references", flat=True) if r]
    sample = CaseSample.objects.filter(date_of_birth__isnull=False).first()
    pages = [client.get("/audit/", {"page": n}).content.decode() for n in range(1, 8)]
    pages.append(
        client.get("/audit/", {"inspection": demo_data.inspection.reference}).content.decode()
    )
    text = "\n".join(pages)
    assert audit.PERSONAL_DETAILS_HIDDEN in text
    for secret in [*names, *references, f"{sample.date_of_birth:%Y-%m-%d}"]:
        assert secret not in text


def test_the_audit_log_is_for_programme_administrators_only(demo_data, client_for, client):
    assert client.get("/audit/").status_code == 302
    for username in ("ofsted.lead", "cqc.inspector", "outsider"):
        assert client_for(username).get("/audit/").status_code == 403


def test_the_audit_log_is_read_only(demo_data, client_for):
    assert client_for("programme.admin").post("/audit/").status_code == 405


def test_an_unknown_filter_value_is_an_error_not_a_crash(demo_data, client_for):
    response = client_for("programme.admin").get("/audit/", {"inspection": "nope", "user": "x"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_the_audit_log_page_takes_a_bounded_number_of_queries(
    demo_data, client_for, django_assert_max_num_queries
):
    client = client_for("programme.admin")
    # One query per kind of row on the page (two for its old values), plus a fixed few.
    with django_assert_max_num_queries(len(audited_models()) * 2 + 16):
        assert client.get("/audit/").status_code == 200
