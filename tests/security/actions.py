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
    "hmi_prisons": "custody",
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
        ("audit (read-only)", url("audit"), {}, set()),
    ]
