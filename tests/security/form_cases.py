"""The forms of the service for the bad-input walks: each with a valid base, its role, where it is
posted and which fields take text, choices or numbers.

Shared by `test_bad_input` and `test_bad_dates`, so a new form is described in one place.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

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
        refused_because="the demo's referral 2 has no response recorded (DESIGN rule 13)",
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
        text=(
            "internal_reference",
            "child_name",
            "agency_references",
            "family_members",
            "carers",
            "aliases",
            "school",
        ),
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
        lambda d: {
            "purpose": "final",
            "publish_when": "when_ready",
            "version": _report_versions(d)[0],
        },
        choices=("purpose",),
        numbers=("version",),
        refused_because="a corrected version needs an open correction first",
    ),
    FormCase(
        "publish a correction",
        "ofsted.lead",
        _route("reports_team:publish"),
        lambda d: {"version": _report_versions(d)[1]},
        numbers=("version",),
        refused_because="a correction needs an open correction and a new final version first",
    ),
    FormCase(
        "open a correction",
        "ofsted.lead",
        lambda d, a: f"/inspections/{a['published_reference']}/report/correction/",
        lambda d: {"reason": "A date was wrong.", "other_sections": "on"},
        text=("reason", "grade_reason"),
    ),
    # The written statement of action of the second published report, which owes one.
    FormCase(
        "add a statement action",
        "programme.admin",
        _route("statements:action_create"),
        lambda d: {
            "description": "Audit every plan.",
            "owner": str(d.owing.statement_of_action.actions.get().owner_id),
            **_dated("due_on", datetime.date(2015, 9, 30)),
            "status": "not_started",
        },
        text=("description",),
        choices=("owner", "status"),
        shown="description",
    ),
    FormCase(
        "add a monitoring note",
        "programme.admin",
        _route("statements:note_create"),
        lambda d: {**_dated("noted_on", datetime.date(2015, 9, 14)), "text": "Plans audited."},
        text=("text",),
        shown="text",
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
FORMS += [
    # Concern referrals (issue 15): the demo's referral 2 is open, awaiting a response.
    FormCase(
        "record a referral",
        "hmic.inspector",
        _route("referrals:create"),
        lambda d: {
            "child_reference": "ASH-R98",
            "age_band": "5_9",
            "concern": "Found at risk.",
            "partner_body": str(
                d.inspection.local_authority.partner_bodies.order_by("pk").first().pk
            ),
            "referred_by": str(d.people["hmic.inspector"].pk),
            **_dated("alerted_on", d.inspection.window_start),
            "alerted_time": "10:00",
            "method": "phone",
        },
        text=("child_reference", "concern", "alerted_time"),
        choices=("case_sample", "age_band", "partner_body", "referred_by", "method"),
        shown="concern",
    ),
    FormCase(
        "record a referral's response",
        "cqc.inspector",
        _route("referrals:response"),
        lambda d: {
            "version": str(d.inspection.referrals.get(number=2).version),
            "response": "Visited the same day.",
            **_dated("received_on", timezone.localdate()),
            "received_time": timezone.localtime().strftime("%H:%M"),
        },
        text=("response", "received_time"),
        numbers=("version",),
        shown="response",
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
LOCAL_APPS = (
    "inspections",
    "judgements",
    "lscb",
    "reports",
    "selection",
    "statements",
    "referrals",
    "auth",
)


def local_row_counts() -> tuple[int, ...]:
    return table_counts(LOCAL_APPS)


def demo_arguments(demo) -> dict:
    """The demo's URL arguments, worked out once per module: every test's changes roll back."""
    if not hasattr(demo, "arguments"):
        demo.arguments = url_arguments(demo)
    return demo.arguments


def signed_in_client(demo, role: str, **options) -> Client:
    client = Client(**options)
    if role != "anonymous":
        client.force_login(demo.people[role])
    return client
