"""Bad input on every form: too long, HTML and script, SQL, NUL bytes, unknown choices and a
missing CSRF token. Each gets a form error, a 400 or a 403, never a server error; input that is
refused changes nothing; text that is accepted is stored as typed and shown escaped. (Bad dates:
`test_bad_dates`, which finds every date field itself.)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import LocalAuthority
from judgements.models import Judgement
from lscb.models import SharedText
from tests.security.urls import table_counts, url_arguments, url_for

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

# Text fields: payloads that must be refused, and payloads a user may legitimately type.
TEXT_REFUSED = {
    "over-long": "A" * 100_001,
    "NUL byte": "before\x00after",
}
TEXT_ACCEPTABLE = {
    "HTML and script": f'{SCRIPT}<img src=x onerror="alert(2)"><b>bold</b>',
    "SQL": "'; DROP TABLE inspections_inspection; -- \" OR 1=1",
    # Longer than a history record's 100-character reason, within most fields' limits.
    "500 characters": "Long text. " * 45 + "Done.",
}
CHOICE_REFUSED = {
    "unknown choice": "not-a-choice",
    "SQL in a choice": "1 OR 1=1",
    "NUL in a choice": "x\x00",
    "over-long choice": "9" * 5000,
}
NUMBER_REFUSED = {
    "not a number": "abc",
    "NaN": "NaN",
    "huge exponent": "1e999999",
    "NUL in a number": "1\x00",
    "SQL in a number": "1; DROP TABLE selection_decision",
}


@dataclass(frozen=True)
class FormCase:
    name: str
    role: str  # who posts: someone allowed to use the form
    url: Callable  # (demo, arguments) -> url
    base: Callable  # (demo) -> valid data
    text: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    # A text field whose value the page after saving shows.
    shown: str = ""
    # Why the service refuses even the valid base on the demo data (the fields are still parsed).
    refused_because: str = ""


def _dated(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _later(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _planned_set_up_url(demo, arguments) -> str:
    inspection = inspection_services.inspection_create(
        acting_user=demo.people["programme.admin"],
        local_authority=LocalAuthority.objects.get(name="Dunmore"),
        kind="integrated",
        window_start=_later(60),
        window_end=_later(80),
        inspectorate_codes=["ofsted", "cqc"],
    )
    return f"/inspections/{inspection.reference}/set-up/"


def _hmic(demo) -> Judgement:
    return Judgement.objects.get(inspection=demo.inspection, inspectorate__code="hmic")


def _lscb(demo) -> SharedText:
    return SharedText.objects.get(inspection=demo.inspection, kind="lscb_judgement")


def _ofsted_version(demo) -> str:
    judgement = Judgement.objects.get(inspection=demo.inspection, area_code="help_and_protection")
    return str(judgement.version)


def _report_versions(demo) -> tuple[str, str]:
    """The newest version number and the final one the published inspection's pages show."""
    from reports import selectors

    final = selectors.final_version_candidate(inspection=demo.published)
    return str(selectors.newest_version_number(inspection=demo.published)), str(final.number)


def _evidence(demo) -> dict:
    return {
        **_dated("observed_on", demo.inspection.window_start),
        "source": "case_audit",
        "area_codes": ["help_and_protection"],
        "text": "Seen in a case audit.",
        "staff_names": "",
    }


def _policy(demo) -> dict:
    from selection.forms import SelectionPolicyForm
    from selection.selectors import selection_policy_current

    form = SelectionPolicyForm(policy=selection_policy_current())
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else str(value)
    data["quota_percent"] = "30"
    data["change_note"] = "More places for well-performing areas."
    return data


def _route(name: str):
    return lambda demo, arguments: url_for(name, arguments)


FORMS = [
    FormCase(
        "set up an inspection",
        "programme.admin",
        _route("inspections:create"),
        lambda d: {
            "local_authority": str(LocalAuthority.objects.get(name="Dunmore").pk),
            "kind": "integrated",
            **_dated("window_start", _later(60)),
            **_dated("window_end", _later(80)),
            "inspectorates": ["ofsted", "cqc"],
        },
        choices=("local_authority", "kind", "inspectorates", "lead_inspector"),
    ),
    FormCase(
        "change the window and participants",
        "programme.admin",
        _planned_set_up_url,
        lambda d: {
            **_dated("window_start", _later(61)),
            **_dated("window_end", _later(70)),
            "inspectorates": ["ofsted", "hmic"],
        },
        choices=("inspectorates",),
    ),
    FormCase(
        "move the stage",
        "ofsted.lead",
        _route("inspections:move_stage"),
        lambda d: {"to_status": "drafting", "reason": "Fieldwork done."},
        text=("reason",),
        choices=("to_status",),
    ),
    FormCase(
        "add to the team",
        "programme.admin",
        _route("inspections:team"),
        lambda d: {"user": str(d.people["outsider"].pk), "role": "inspector"},
        choices=("user", "role"),
    ),
    FormCase(
        "add a case sample",
        "ofsted.inspector",
        _route("inspections:case_create"),
        lambda d: {
            "internal_reference": "ASH-Z01",
            "tracking": "sampled",
            "age_band": "5_9",
            "child_name": "Test Child",
            "agency_references": "",
            "agencies_involved": ["ofsted"],
        },
        text=("internal_reference", "child_name", "agency_references"),
        choices=("tracking", "age_band", "agencies_involved"),
        shown="child_name",
    ),
    FormCase(
        "record evidence",
        "ofsted.inspector",
        _route("judgements:evidence_create"),
        _evidence,
        text=("text", "staff_names"),
        choices=("source", "area_codes", "case_samples"),
        shown="text",
    ),
    FormCase(
        "change evidence",
        "ofsted.inspector",
        _route("judgements:evidence_update"),
        _evidence,
        text=("text", "staff_names"),
        choices=("source", "area_codes", "case_samples"),
        shown="text",
    ),
    FormCase(
        "save a judgement",
        "hmic.inspector",
        lambda d, a: f"/inspections/{a['reference']}/judgements/hmic/child_protection/",
        lambda d: {
            "version": str(_hmic(d).version),
            "grade": "good",
            "rationale": "What the audits show.",
            "evidence": [str(e.pk) for e in _hmic(d).evidence.all()],
        },
        text=("rationale", "strengths", "areas_for_improvement", "recommendations"),
        choices=("grade", "evidence"),
        numbers=("version",),
        shown="rationale",
    ),
    FormCase(
        "reopen a judgement",
        "ofsted.inspector",
        _route("judgements:judgement_reopen"),
        lambda d: {"reason": "More evidence to add.", "version": _ofsted_version(d)},
        text=("reason",),
        numbers=("version",),
    ),
    FormCase(
        "edit shared text",
        "ofsted.lead",
        _route("lscb:edit"),
        lambda d: {
            "grade": "good",
            "body": "A new rationale for the board.",
            "improvements": "",
            "expected_version": str(_lscb(d).current_version),
        },
        text=("body", "improvements"),
        choices=("grade",),
        numbers=("expected_version",),
        shown="body",
    ),
    FormCase(
        "sign off shared text",
        "cqc.lead",
        _route("lscb:sign"),
        lambda d: {
            "cqc-decision": "not_agree",
            "cqc-comment": "Say more about training.",
            "cqc-version_number": str(_lscb(d).current_version),
        },
        text=("cqc-comment",),
        choices=("cqc-decision",),
        numbers=("cqc-version_number",),
        shown="cqc-comment",
    ),
    FormCase(
        "reopen shared text",
        "ofsted.lead",
        _route("lscb:reopen"),
        lambda d: {"reason": "The chair changed.", "version": str(_lscb(d).current_version)},
        text=("reason",),
        numbers=("version",),
        refused_because="the demo's LSCB judgement is not finalised",
    ),
    FormCase(
        "record a partner concern",
        "programme.admin",
        _route("selection:area"),
        lambda d: {
            "inspectorate": "cqc",
            **_dated("raised_on", datetime.date(2015, 1, 5)),
            "raised_by": "",
            "summary": "Waiting times.",
        },
        text=("raised_by", "summary"),
        choices=("inspectorate",),
        shown="summary",
    ),
    FormCase(
        "edit area indicators",
        "programme.admin",
        _route("selection:indicators"),
        lambda d: {"ofsted_grade": "good", **_dated("ofsted_judged_on", datetime.date(2013, 5, 1))},
        choices=("ofsted_grade",),
        numbers=("re_referral_rate", "child_protection_plan_rate", "looked_after_rate"),
    ),
    FormCase(
        "change the selection policy",
        "programme.admin",
        _route("selection:policy_edit"),
        _policy,
        text=("change_note",),
        numbers=("revisit_window_months", "recently_inspected_months", "quota_percent"),
    ),
    FormCase(
        "set up a programme year",
        "programme.admin",
        _route("selection:year_create"),
        lambda d: {"year": "2031", "places": "6"},
        numbers=("year", "places"),
    ),
    FormCase(
        "change a year's places",
        "programme.admin",
        _route("selection:year_places"),
        lambda d: {"places": "12"},
        numbers=("places",),
    ),
    FormCase(
        "record a selection decision",
        "programme.admin",
        lambda d, a: f"/selection/years/{a['year']}/areas/E08000902/decision/",
        lambda d: {"outcome": "deferred", "rationale": "Inspect next year."},
        text=("rationale",),
        choices=("outcome",),
    ),
    FormCase(
        "ask for a render",
        "ofsted.lead",
        _route("reports_team:overview"),
        lambda d: {"purpose": "final", "version": _report_versions(d)[0]},
        choices=("purpose",),
        numbers=("version",),
    ),
    FormCase(
        "publish a correction",
        "ofsted.lead",
        _route("reports_team:publish"),
        lambda d: {"correction_note": "Corrected a date.", "version": _report_versions(d)[1]},
        text=("correction_note",),
        numbers=("publish_time", "version"),
        refused_because="a correction needs a new final version rendered first",
    ),
    FormCase(
        "sign in",
        "anonymous",
        _route("login"),
        lambda d: {"username": "ofsted.inspector", "password": "not-the-password"},
        text=("username", "password"),
    ),
    FormCase(
        "change password",
        "ofsted.inspector",
        _route("password_change"),
        lambda d: {
            "old_password": "wrong",
            "new_password1": "quince-fjord-tallow-97",
            "new_password2": "quince-fjord-tallow-97",
        },
        text=("old_password", "new_password1", "new_password2"),
    ),
    FormCase(
        "set up an authenticator app",
        "programme.admin",
        _route("two_factor_enrol"),
        lambda d: {"token": "000000"},
        text=("token",),
    ),
]
FORMS_BY_NAME = {case.name: case for case in FORMS}


def _bad_inputs() -> list[tuple[str, str, str, object, bool]]:
    """(form, field, payload name, value, may be accepted) for every field of every form."""
    cases = []
    for form in FORMS:
        for field in form.text:
            cases += [(form.name, field, k, v, False) for k, v in TEXT_REFUSED.items()]
            cases += [(form.name, field, k, v, True) for k, v in TEXT_ACCEPTABLE.items()]
        for field in form.choices:
            cases += [(form.name, field, k, v, False) for k, v in CHOICE_REFUSED.items()]
        for field in form.numbers:
            cases += [(form.name, field, k, v, False) for k, v in NUMBER_REFUSED.items()]
    return cases


BAD_INPUTS = _bad_inputs()
LOCAL_APPS = ("inspections", "judgements", "lscb", "reports", "selection", "auth")


def _fingerprint() -> tuple[int, ...]:
    return table_counts(LOCAL_APPS)


def _arguments(demo) -> dict:
    """The demo's URL arguments, worked out once per module: every test's changes roll back."""
    if not hasattr(demo, "arguments"):
        demo.arguments = url_arguments(demo)
    return demo.arguments


def _client(demo, role: str, **options) -> Client:
    client = Client(**options)
    if role != "anonymous":
        client.force_login(demo.people[role])
    return client


@pytest.mark.parametrize(
    ("form_name", "field", "payload", "value", "acceptable"),
    BAD_INPUTS,
    ids=[f"{f}-{field}-{p}" for f, field, p, _, _ in BAD_INPUTS],
)
def test_bad_input_is_refused_or_stored_safely(
    demo_data, form_name, field, payload, value, acceptable
):
    form = FORMS_BY_NAME[form_name]
    url = form.url(demo_data, _arguments(demo_data))
    data = {**form.base(demo_data), field: value}
    client = _client(demo_data, form.role)
    before = _fingerprint()
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
    assert _fingerprint() == before, f"{form_name}: refused, but something was saved"


@pytest.mark.parametrize("form_name", [f.name for f in FORMS if f.role != "anonymous"])
def test_a_post_without_a_csrf_token_is_refused(demo_data, form_name):
    form = FORMS_BY_NAME[form_name]
    url = form.url(demo_data, _arguments(demo_data))
    client = _client(demo_data, form.role, enforce_csrf_checks=True)
    before = _fingerprint()
    response = client.post(url, form.base(demo_data))
    assert response.status_code == 403
    assert _fingerprint() == before


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
            client = _client(demo_data, form.role)
            url = form.url(demo_data, _arguments(demo_data))
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
        client = _client(demo_data, role)
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
        response = _client(demo_data, role).get(url)
        assert response.status_code in (302, 400, 403, 404), f"{url} as {role}"


def _every_action(demo) -> list[tuple[str, str, object, str]]:
    """(name, url, data, someone allowed) for every state-changing POST of the service."""
    from tests.security.test_permission_matrix import _write_cases

    return [
        (name, url, data, sorted(allowed)[0])
        for name, url, data, allowed in _write_cases(demo, _arguments(demo))
        if allowed
    ]


def test_every_action_refuses_a_post_without_a_csrf_token(demo_data):
    """The buttons too (submit, agree, circulate, finalise, delete), not only the forms above."""
    problems = []
    for name, url, data, role in _every_action(demo_data):
        client = _client(demo_data, role, enforce_csrf_checks=True)
        before = _fingerprint()
        response = client.post(url, data(role) if callable(data) else data)
        if response.status_code != 403:
            problems.append(f"{name} as {role}: {response.status_code}")
        if _fingerprint() != before:
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
    before = _fingerprint()
    response = _client(demo_data, "programme.admin").post(
        url_for("selection:import", _arguments(demo_data)), {"file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert SCRIPT not in page
    assert _fingerprint() == before


# --- Limits of what a history record holds -------------------------------------------------------


def test_a_stage_move_reason_longer_than_its_record_holds_is_refused(demo_data):
    from django.core.exceptions import ValidationError

    inspection = demo_data.inspection
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


def test_a_correction_note_as_long_as_the_form_allows_is_published(demo_data):
    from reports import selectors as report_selectors
    from reports import services as report_services
    from reports.models import ReportPurpose

    lead = demo_data.people["ofsted.lead"]
    version = report_services.report_request_render(
        acting_user=lead,
        inspection=demo_data.published,
        purpose=ReportPurpose.FINAL,
        seen_version=report_selectors.newest_version_number(inspection=demo_data.published),
    )
    report_services.report_version_render(version_id=version.pk)
    note = ("Corrected the date of the LSCB's annual report. " * 45)[:2000]
    publication = report_services.report_publish(
        acting_user=lead,
        inspection=demo_data.published,
        correction_note=note,
        seen_version=report_selectors.final_version_candidate(
            inspection=demo_data.published
        ).number,
    )
    publication.refresh_from_db()
    assert publication.correction_note == note.strip()
