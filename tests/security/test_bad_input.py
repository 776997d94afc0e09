"""Bad input on every form: too long, HTML and script, SQL, NUL bytes, unknown choices and a
missing CSRF token. Each gets a form error, a 400 or a 403, never a server error; input that is
refused changes nothing; text that is accepted is stored as typed and shown escaped. (Bad dates:
`test_bad_dates`, which finds every date field itself.)
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from inspections import services as inspection_services
from tests.security.actions import write_cases
from tests.security.form_cases import (
    BAD_INPUTS,
    ESCAPED_SCRIPT,
    FORMS,
    FORMS_BY_NAME,
    SCRIPT,
    demo_arguments,
    local_row_counts,
    signed_in_client,
)
from tests.security.urls import url_for


@pytest.mark.parametrize(
    ("form_name", "field", "payload", "value", "acceptable"),
    BAD_INPUTS,
    ids=[f"{f}-{field}-{p}" for f, field, p, _, _ in BAD_INPUTS],
)
def test_bad_input_is_refused_or_stored_safely(
    demo_data, form_name, field, payload, value, acceptable
):
    form = FORMS_BY_NAME[form_name]
    url = form.url(demo_data, demo_arguments(demo_data))
    data = {**form.base(demo_data), field: value}
    client = signed_in_client(demo_data, form.role)
    before = local_row_counts()
    response = client.post(url, data)
    assert response.status_code < 500, f"{form_name}: {payload} in {field} is a server error"
    if response.status_code == 302 and acceptable:
        page = client.get(response["Location"])
        assert page.status_code < 500
        body = page.content.decode()
        assert SCRIPT not in body, "the script was written into the page unescaped"
        if form.shown == field and payload == "HTML and script":
            assert ESCAPED_SCRIPT in body
        return
    assert response.status_code in (200, 400, 409), (
        f"{form_name}: {payload} in {field} answered {response.status_code}"
    )
    assert "govuk-error-summary" in response.content.decode() or response.status_code == 400
    assert SCRIPT not in response.content.decode()
    assert local_row_counts() == before, f"{form_name}: refused, but something was saved"


@pytest.mark.parametrize("form_name", [f.name for f in FORMS if f.role != "anonymous"])
def test_a_post_without_a_csrf_token_is_refused(demo_data, form_name):
    form = FORMS_BY_NAME[form_name]
    url = form.url(demo_data, demo_arguments(demo_data))
    client = signed_in_client(demo_data, form.role, enforce_csrf_checks=True)
    before = local_row_counts()
    response = client.post(url, form.base(demo_data))
    assert response.status_code == 403
    assert local_row_counts() == before


def test_a_sign_in_without_a_csrf_token_is_refused(demo_data):
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "ofsted.inspector", "password": "x"}
    )
    assert response.status_code == 403


def test_every_valid_base_is_accepted(demo_data):
    """The payloads above change one field of a valid form: each base must itself be valid."""
    refused = []
    for form in FORMS:
        if form.refused_because or form.name in (
            "sign in",
            "change password",
            "set up an authenticator app",
        ):
            continue
        with transaction.atomic():
            client = signed_in_client(demo_data, form.role)
            url = form.url(demo_data, demo_arguments(demo_data))
            response = client.post(url, form.base(demo_data))
            transaction.set_rollback(True)
        if response.status_code != 302:
            refused.append(f"{form.name}: {response.status_code}")
    assert refused == []


# --- Searches and filters (GET) ---------------------------------------------------------------

QUERY_VALUES = [
    "A" * 10_000,
    SCRIPT,
    "'; DROP TABLE reports_publication; --",
    "x\x00y",
    "%00",
    "9" * 40,
    "-1",
]


@pytest.mark.parametrize("value", QUERY_VALUES, ids=range(len(QUERY_VALUES)))
def test_bad_search_and_filter_values_never_break_a_page(demo_data, value):
    reference = demo_data.inspection.reference
    checks = [
        ("anonymous", "/reports/", ["area", "inspectorate", "grade", "published_from_0", "page"]),
        ("anonymous", "/api/reports/", ["area", "inspectorate", "grade", "page"]),
        ("programme.admin", "/audit/", ["inspection", "user", "page"]),
        (
            "ofsted.inspector",
            f"/inspections/{reference}/evidence/",
            ["area", "source", "author", "page"],
        ),
    ]
    for role, url, fields in checks:
        client = signed_in_client(demo_data, role)
        for field in fields:
            response = client.get(url, {field: value})
            assert response.status_code in (200, 400, 404), (
                f"{url}?{field}=... -> {response.status_code}"
            )
            if response["Content-Type"].startswith("text/html"):
                # JSON answers may quote the value: a browser never runs JSON as a page.
                assert SCRIPT not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/inspections/%00/",
        "/inspections/INT%00/evidence/",
        "/reports/%3Cscript%3E/",
        "/inspections/{reference}/judgements/hmic%00/x/",
        "/inspections/{reference}/shared/lscb/sign/%00/",
        "/selection/areas/E0%00/",
        "/inspections/{reference}/evidence/99999999999999999999999/",
    ],
)
def test_bad_addresses_are_not_found_not_a_server_error(demo_data, path):
    url = path.format(reference=demo_data.inspection.reference)
    for role in ("anonymous", "programme.admin", "ofsted.lead"):
        response = signed_in_client(demo_data, role).get(url)
        assert response.status_code in (302, 400, 403, 404), f"{url} as {role}"


def _every_action(demo) -> list[tuple[str, str, object, str]]:
    """(name, url, data, someone allowed) for every state-changing POST of the service."""
    return [
        (name, url, data, sorted(allowed)[0])
        for name, url, data, allowed in write_cases(demo, demo_arguments(demo))
        if allowed
    ]


def test_every_action_refuses_a_post_without_a_csrf_token(demo_data):
    """The buttons too (submit, agree, circulate, finalise, delete), not only the forms above."""
    problems = []
    for name, url, data, role in _every_action(demo_data):
        client = signed_in_client(demo_data, role, enforce_csrf_checks=True)
        before = local_row_counts()
        response = client.post(url, data(role) if callable(data) else data)
        if response.status_code != 403:
            problems.append(f"{name} as {role}: {response.status_code}")
        if local_row_counts() != before:
            problems.append(f"{name} as {role}: refused, but the database changed")
    assert problems == []


CSV_HEADER = (
    "ons_code,ofsted_grade,ofsted_judged_on,last_joint_inspection_on,re_referral_rate,"
    "child_protection_plan_rate,looked_after_rate"
)
CSV_REFUSED = {
    "script as a code": f"{SCRIPT},good,2012-10-05,,21.9,38.4,57.0",
    "SQL as a code": "E06000901' OR '1'='1,good,2012-10-05,,21.9,38.4,57.0",
    "NUL byte": "E06000901,go\x00od,2012-10-05,,21.9,38.4,57.0",
    "unknown grade": "E06000901,<b>great</b>,2012-10-05,,21.9,38.4,57.0",
    "31 February": "E06000901,good,2012-02-31,,21.9,38.4,57.0",
    "SQL as a rate": "E06000901,good,2012-10-05,,1; DROP TABLE selection_decision,38.4,57.0",
    "huge exponent": "E06000901,good,2012-10-05,,1e999999,38.4,57.0",
    "over-long cell": "E06000901,good,2012-10-05,," + "9" * 100_000 + ",38.4,57.0",
}


@pytest.mark.parametrize("row", CSV_REFUSED.values(), ids=CSV_REFUSED.keys())
def test_a_bad_indicators_file_is_refused_whole_with_the_value_escaped(demo_data, row):
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = "E08000902,inadequate,2014-03-12,,28.1,51.0,72.4"
    upload = SimpleUploadedFile(
        "indicators.csv", f"{CSV_HEADER}\n{good}\n{row}\n".encode(), content_type="text/csv"
    )
    before = local_row_counts()
    response = signed_in_client(demo_data, "programme.admin").post(
        url_for("selection:import", demo_arguments(demo_data)), {"file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert SCRIPT not in page
    assert local_row_counts() == before


# --- Limits of what a history record holds -------------------------------------------------------


def test_a_stage_move_reason_longer_than_its_record_holds_is_refused(demo_data):
    from django.core.exceptions import ValidationError

    from referrals import services as referral_services

    inspection = demo_data.inspection
    # Drafting waits for every referral's response (rule 13): the demo's referral 2 gets one.
    referral = inspection.referrals.get(number=2)
    referral_services.referral_record_response(
        acting_user=demo_data.people["ofsted.lead"],
        referral=referral,
        response="Visited.",
        received_at=referral.alerted_at,
        seen_version=referral.version,
    )
    with pytest.raises(ValidationError) as refused:
        inspection_services.inspection_move_stage(
            acting_user=demo_data.people["ofsted.lead"],
            inspection=inspection,
            to_status="drafting",
            reason="R" * (inspection_services.STAGE_REASON_MAX_LENGTH + 1),
        )
    assert refused.value.message_dict == {"reason": [inspection_services.STAGE_REASON_TOO_LONG]}
    inspection.refresh_from_db()
    assert inspection.status == "fieldwork"


def test_a_correction_reason_as_long_as_the_form_allows_is_published_in_its_note(demo_data):
    from reports import corrections
    from reports import selectors as report_selectors
    from reports import services as report_services
    from reports.models import ReportPurpose

    lead = demo_data.people["ofsted.lead"]
    reason = ("Corrected the date of the LSCB's annual report. " * 45)[:2000].strip()
    corrections.correction_open(
        acting_user=lead, inspection=demo_data.published, reason=reason, other_sections=True
    )
    # What the correction names changes: the police force's name in the area's record.
    police = demo_data.published.local_authority.partner_bodies.get(kind="police")
    police.name = "Calderbridge and District Police"
    police.save()
    version = report_services.report_request_render(
        acting_user=lead,
        inspection=demo_data.published,
        purpose=ReportPurpose.FINAL,
        seen_version=report_selectors.newest_version_number(inspection=demo_data.published),
    )
    report_services.report_version_render(version_id=version.pk)
    publication = report_services.report_publish(
        acting_user=lead,
        inspection=demo_data.published,
        seen_version=report_selectors.final_version_candidate(
            inspection=demo_data.published
        ).number,
    )
    publication.refresh_from_db()
    assert publication.correction_note.splitlines() == [
        f"{corrections.SECTIONS_LABEL}: the text changed.",
        f"Reason for the correction: {reason}",
    ]
