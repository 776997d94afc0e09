"""Every state-changing action of the service, with data that would pass and who may take it.

Shared by the permission matrix (each action as every role) and the bad-input walk (each
action without a CSRF token), so a new action is added in one place.
"""

from __future__ import annotations

from judgements.models import Judgement
from tests.security.urls import TEAM, url_for

AREA_OF = {
    "ofsted": "help_and_protection",
    "cqc": "safeguarding",
    "hmic": "child_protection",
    "hmi_probation": "youth_offending",
    "hmi_prisons": "safety",
}


def _case_update_data(arguments: dict) -> dict:
    """The first demo case sample as saved, renamed, with the version its page shows."""
    from inspections.case_samples import case_sample_version
    from inspections.models import CaseSample

    case = CaseSample.objects.get(pk=arguments["case_pk"])
    return {
        "version": case_sample_version(case),
        "internal_reference": case.internal_reference,
        "tracking": case.tracking,
        "age_band": case.age_band,
        "child_name": "Test Child",
        "carers": "Test Carer",
    }


def write_cases(demo, arguments: dict) -> list[tuple[str, str, object, set[str]]]:
    """(name, url, data or data-by-role, roles allowed to act) for every action."""
    from inspectorates.models import InspectorProfile

    inspection = demo.inspection
    day = inspection.window_start
    date = {"_0": str(day.day), "_1": str(day.month), "_2": str(day.year)}

    def dated(name: str) -> dict:
        return {f"{name}{suffix}": value for suffix, value in date.items()}

    def evidence_data(role: str) -> dict:
        profile = InspectorProfile.objects.filter(user=demo.people.get(role)).first()
        code = profile.inspectorate.code if profile else "ofsted"
        framework = inspection.framework.for_inspectorate(code)
        return {
            **dated("observed_on"),
            "source": "case_audit",
            "area_codes": [framework.areas[0].code],
            "text": "Seen in a case audit.",
        }

    def statement_upload(role: str) -> dict:
        from django.core.files.uploadedfile import SimpleUploadedFile

        pdf = SimpleUploadedFile("statement.pdf", b"%PDF-1.4\n%%EOF\n")
        return {**dated("received_on"), "pdf": pdf}

    from lscb.models import SharedText
    from reports import selectors as report_selectors

    hmic = Judgement.objects.get(inspection=inspection, inspectorate__code="hmic")
    ofsted = Judgement.objects.get(inspection=inspection, area_code=AREA_OF["ofsted"])
    # Every button carries the version its page showed (issue 13).
    lscb = {
        "version": SharedText.objects.get(
            inspection=inspection, kind="lscb_judgement"
        ).current_version
    }
    report = {"version": report_selectors.newest_version_number(inspection=demo.published)}
    final = report_selectors.final_version_candidate(inspection=demo.published)
    a = arguments
    url = lambda name: url_for(name, arguments)  # noqa: E731 - a short local alias
    judgement_url = f"/inspections/{a['reference']}/judgements/hmic/child_protection/"
    team = set(TEAM)
    return [
        (
            "inspections:create",
            url("inspections:create"),
            {
                "local_authority": "",
                "kind": "integrated",
                **dated("window_start"),
                **dated("window_end"),
                "inspectorates": ["ofsted", "cqc"],
            },
            {"programme.admin"},
        ),
        (
            "inspections:set_up",
            url("inspections:set_up"),
            {**dated("window_start"), **dated("window_end"), "inspectorates": ["ofsted", "cqc"]},
            {"programme.admin"},
        ),
        (
            "inspections:move_stage",
            url("inspections:move_stage"),
            {"to_status": "drafting"},
            {"programme.admin", "ofsted.lead"},
        ),
        (
            "inspections:team",
            url("inspections:team"),
            {"user": demo.people["outsider"].pk, "role": "inspector"},
            {"programme.admin"},
        ),
        (
            "inspections:team_member_remove",
            url("inspections:team_member_remove"),
            {},
            {"programme.admin"},
        ),
        (
            "inspections:case_create",
            url("inspections:case_create"),
            {
                "internal_reference": "ASH-X99",
                "tracking": "sampled",
                "age_band": "5_9",
                "child_name": "Test Child",
            },
            team,
        ),
        (
            "inspections:case_update",
            url("inspections:case_update"),
            _case_update_data(arguments),
            team,
        ),
        ("judgements:evidence_create", url("judgements:evidence_create"), evidence_data, team),
        (
            "judgements:evidence_update",
            url("judgements:evidence_update"),
            evidence_data,
            {"ofsted.inspector"},
        ),
        ("judgements:evidence_delete", url("judgements:evidence_delete"), {}, {"ofsted.inspector"}),
        (
            "judgements:judgement (HMIC)",
            judgement_url,
            {"version": hmic.version, "grade": "good", "rationale": "Changed."},
            {"hmic.lead", "hmic.inspector"},
        ),
        (
            "judgements:judgement_submit (HMIC)",
            judgement_url + "submit/",
            {"version": hmic.version},
            {"hmic.lead", "hmic.inspector"},
        ),
        (
            "judgements:judgement_agree (Ofsted)",
            url("judgements:judgement_agree"),
            {"version": ofsted.version},
            {"ofsted.lead"},
        ),
        (
            "judgements:judgement_reopen (Ofsted)",
            url("judgements:judgement_reopen"),
            {"reason": "Needs more evidence.", "version": ofsted.version},
            {"ofsted.lead", "ofsted.inspector"},
        ),
        (
            "lscb:edit",
            url("lscb:edit"),
            {"grade": "good", "body": "Changed text.", "improvements": "", "expected_version": 1},
            {"ofsted.lead"},
        ),
        ("lscb:circulate", url("lscb:circulate"), lscb, {"ofsted.lead"}),
        (
            "lscb:sign (CQC)",
            url("lscb:sign"),
            {"cqc-decision": "agree", "cqc-version_number": 1},
            {"cqc.lead"},
        ),
        ("lscb:finalise", url("lscb:finalise"), lscb, {"ofsted.lead"}),
        ("lscb:reopen", url("lscb:reopen"), {"reason": "Reopen.", **lscb}, {"ofsted.lead"}),
        (
            "reports_team:overview (ask for a render)",
            url("reports_team:overview"),
            {"purpose": "final", "publish_when": "when_ready", **report},
            {"ofsted.lead"},
        ),
        (
            "reports_team:publish",
            url("reports_team:publish"),
            {"version": final.number},
            {"ofsted.lead"},
        ),
        # Issue 14: a correction of the published report, and why fieldwork continues after the
        # window (the window is still open, so the service refuses it after the right's check).
        (
            "reports_team:correction",
            url("reports_team:correction"),
            {"reason": "A date was wrong.", "other_sections": "on"},
            {"ofsted.lead"},
        ),
        (
            "inspections:fieldwork_continues",
            url("inspections:fieldwork_continues"),
            {"reason": "Records arrived late."},
            {"programme.admin", "ofsted.lead"},
        ),
        ("reports_team:version_retry", url("reports_team:version_retry"), {}, {"ofsted.lead"}),
        *accuracy_cases(url),
        *narrative_cases(url),
        (
            "reports_team:version_acknowledge",
            url("reports_team:version_acknowledge"),
            {"finding_key": "0" * 16, "reason": "Named in a public role."},
            {f"{code}.lead" for code in ("ofsted", "cqc", "hmic", "probation", "prisons")},
        ),
        (
            "selection:area (concern)",
            url("selection:area"),
            {"inspectorate": "cqc", **dated("raised_on"), "summary": "A concern."},
            {"programme.admin"},
        ),
        (
            "selection:indicators",
            url("selection:indicators"),
            {"ofsted_grade": "good", **dated("ofsted_judged_on")},
            {"programme.admin"},
        ),
        ("selection:concern_delete", url("selection:concern_delete"), {}, {"programme.admin"}),
        (
            "selection:year_create",
            url("selection:year_create"),
            {"year": 2030, "places": 5},
            {"programme.admin"},
        ),
        ("selection:year_places", url("selection:year_places"), {"places": 9}, {"programme.admin"}),
        (
            "selection:decision",
            url("selection:decision"),
            {"outcome": "deferred", "rationale": "Next year."},
            {"programme.admin"},
        ),
        # An area's partner bodies and contacts: programme staff only (DESIGN rule 18).
        (
            "areas:body_create",
            url("areas:body_create"),
            {"kind": "police", "name": "British Transport Police"},
            {"programme.admin"},
        ),
        (
            "areas:body_update",
            url("areas:body_update"),
            {"kind": "youth_offending", "name": "Ashdown Youth Justice Service"},
            {"programme.admin"},
        ),
        ("areas:body_remove", url("areas:body_remove"), {}, {"programme.admin"}),
        (
            "areas:contact_create",
            url("areas:contact_create"),
            {"name": "Jo Park", "role": "Head of service", "email": "jo.park@example.org"},
            {"programme.admin"},
        ),
        (
            "areas:contact_update",
            url("areas:contact_update"),
            {"name": "Helen Marsh", "role": "Director", "email": "helen.marsh@example.org"},
            {"programme.admin"},
        ),
        (
            "areas:contact_drafts",
            url("areas:contact_drafts"),
            {"receives_drafts": "no"},
            {"programme.admin"},
        ),
        ("audit (read-only)", url("audit"), {}, set()),
        # The second published report owes a statement: programme staff alone record it.
        ("statements:receive", url("statements:receive"), statement_upload, {"programme.admin"}),
        (
            "statements:note_create",
            url("statements:note_create"),
            {**dated("noted_on"), "text": "Checked."},
            {"programme.admin"},
        ),
        (
            "statements:publish",
            url("statements:publish"),
            dated("published_on"),
            {"programme.admin"},
        ),
        *referral_cases(demo, arguments),
    ]


def referral_cases(demo, arguments: dict) -> list[tuple[str, str, object, set[str]]]:
    """Concern referrals (issue 15): the team records and follows them up; no one else."""
    import datetime

    from django.utils import timezone

    from inspections.models import PartnerBody
    from referrals.models import ConcernReferral

    inspection = demo.inspection
    agency = PartnerBody.objects.filter(local_authority=inspection.local_authority).first()
    open_one = ConcernReferral.objects.get(inspection=inspection, number=2)
    start = inspection.window_start
    received = timezone.localtime(timezone.now() - datetime.timedelta(minutes=30))

    def record(role: str) -> dict:
        person = demo.people.get(role)
        return {
            "child_reference": "ASH-R99",
            "age_band": "5_9",
            "concern": "Found at risk.",
            "partner_body": agency.pk,
            "referred_by": person.pk if person else "",
            "alerted_on_0": start.day,
            "alerted_on_1": start.month,
            "alerted_on_2": start.year,
            "alerted_time": "10:00",
            "method": "phone",
        }

    team = set(TEAM)
    return [
        ("referrals:create", url_for("referrals:create", arguments), record, team),
        (
            "referrals:response",
            url_for("referrals:response", arguments),
            {
                "version": open_one.version,
                "response": "Visited.",
                "received_on_0": received.day,
                "received_on_1": received.month,
                "received_on_2": received.year,
                "received_time": received.strftime("%H:%M"),
            },
            team,
        ),
        # Referral 2 has no response: the team is told to record one first (400), not refused.
        (
            "referrals:close",
            url_for("referrals:close", arguments),
            {"version": open_one.version},
            team,
        ),
    ]


def narrative_cases(url) -> list[tuple[str, str, object, set[str]]]:
    """Issue 16: findings of the demo's published letter, which no one may change any more, and
    the thematic series, which programme staff keep (its overview is published: fixed)."""
    finding = {"kind": "strength", "text": "Changed.", "sub_themes": ["front_door"]}
    return [
        ("narrative:finding_add", url("narrative:finding_add"), finding, set()),
        ("narrative:finding_edit", url("narrative:finding_edit"), finding, set()),
        ("narrative:finding_delete", url("narrative:finding_delete"), {}, set()),
        (
            "thematic:manage (new series)",
            url("thematic:manage"),
            {"title": "Neglect", "theme_code": "neglect"},
            {"programme.admin"},
        ),
        ("thematic:publish", url("thematic:publish"), {}, {"programme.admin"}),
    ]


def accuracy_cases(url) -> list[tuple[str, str, object, set[str]]]:
    """The factual accuracy round's actions on the demo's Brackenfield round: the lead
    inspector's, and a disposition of a comment on a shared section (the lead inspector's too).
    The contacts' own POSTs need a signed link, not a role: tests/accuracy covers them."""
    from accuracy.models import AccuracyComment

    comment = AccuracyComment.objects.filter(section_key="key-findings").get()
    lead = {"ofsted.lead"}
    disposition = {"outcome": "accepted", "change_made": "Corrected.", "reason": ""}
    return [
        ("accuracy:send", url("accuracy:send"), {}, lead),
        ("accuracy:link_revoke", url("accuracy:link_revoke"), {}, lead),
        ("accuracy:link_reissue", url("accuracy:link_reissue"), {}, lead),
        (
            "accuracy:comment (disposition)",
            url("accuracy:comment"),
            {**disposition, "version": comment.version},
            lead,
        ),
        ("accuracy:close", url("accuracy:close"), {}, lead),
    ]
