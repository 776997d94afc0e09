"""Audit: every service that changes state leaves a record of who, when, what and why, and
programme administrators read those records, filtered, in the audit log.

`test_every_state_changing_service_is_in_the_table` lists every public function of every app's
services.py: each must either be in SERVICES (performed here on the demo data) or in NOT_CHANGES
with the reason it changes nothing. A new service missing from both fails the test.
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable
from decimal import Decimal
from importlib import import_module

import pytest
from django.utils import timezone

from audit import selectors as audit
from core.audit_registry import audited_models
from inspections import case_samples
from inspections import services as inspection_services
from inspections.models import CaseSample, LocalAuthority, TeamMember
from inspectorates.models import Inspectorate
from judgements import services as judgement_services
from judgements.models import Evidence
from lscb import services as lscb_services
from lscb.models import SharedTextKind
from reports import corrections
from reports import selectors as report_selectors
from reports import services as report_services
from reports.models import ReportPurpose, ReportState, ReportVersion
from selection import services as selection_services
from selection.models import PartnerConcern, ProgrammeYear, SelectionPolicy
from tests.security import audit_states as states
from tests.security.audit_referrals import REFERRAL_SERVICES, referrals_answered

SERVICE_MODULES = [
    "inspections.services",
    "inspections.case_samples",
    "inspectorates.services",
    "judgements.services",
    "lscb.services",
    "reports.services",
    # Issue 14: publication and corrections have modules of their own.
    "reports.publishing",
    "reports.corrections",
    "selection.services",
    "referrals.services",
]

# Public functions of services.py that change nothing, and why.
NOT_CHANGES = {
    "inspections.case_samples.age_band_for": "works out an age band",
    "inspections.case_samples.age_band_error": "a check that returns a message",
    "inspections.case_samples.age_on": "works out an age",
    "inspections.case_samples.case_sample_version": "reads the newest history record's id",
    "inspections.case_samples.case_sample_history": "reads the case's history",
    "referrals.services.response_due_by": "computes a deadline",
    "referrals.services.referral_child_and_time_problems": "a check the form asks too",
    "inspections.services.validate_participants": "a check that raises, used by set-up",
    "inspections.services.validate_window": "a check that raises, used by set-up",
    "inspectorates.services.inspectorates_sync": (
        "reference data written from code by migrations and the demo seed, no user acting"
    ),
    "reports.publishing.publication_slug": "computes an address",
    "reports.corrections.content_snapshot": "reads the report's content",
    "reports.corrections.correction_open_for": "reads the open correction",
    "reports.corrections.part_unlocked": "answers core.unlocks: reads the open correction",
    "reports.corrections.correction_changes": "compares two snapshots of the report",
    "reports.corrections.correction_note": "joins the changes and the reason into text",
    "reports.services.report_requeue_stuck": (
        "sends render tasks again for versions left queued; changes no row"
    ),
}


# name -> (username acting, or None for the render worker; what to do on the demo data)
SERVICES: dict[str, tuple[str | None, Callable]] = {
    "inspections.services.inspection_create": (
        "programme.admin",
        lambda d, u: states.new_inspection(d),
    ),
    "inspections.services.inspection_update_set_up": (
        "programme.admin",
        lambda d, u: inspection_services.inspection_update_set_up(
            acting_user=u,
            inspection=states.new_inspection(d),
            window_start=timezone.localdate() + datetime.timedelta(days=61),
            window_end=timezone.localdate() + datetime.timedelta(days=70),
            inspectorate_codes=["ofsted", "hmic"],
        ),
    ),
    "inspections.services.inspection_move_stage": (
        "ofsted.lead",
        lambda d, u: inspection_services.inspection_move_stage(
            acting_user=u, inspection=referrals_answered(d, u), to_status="drafting"
        ),
    ),
    "inspections.services.team_member_add": (
        "programme.admin",
        lambda d, u: inspection_services.team_member_add(
            acting_user=u, inspection=d.inspection, user=d.people["outsider"]
        ),
    ),
    "inspections.services.team_member_remove": (
        "programme.admin",
        lambda d, u: inspection_services.team_member_remove(
            acting_user=u,
            inspection=d.inspection,
            member=TeamMember.objects.get(inspection=d.inspection, user=d.people["hmic.inspector"]),
        ),
    ),
    "inspections.case_samples.case_sample_create": (
        "cqc.inspector",
        lambda d, u: case_samples.case_sample_create(
            acting_user=u,
            inspection=d.inspection,
            internal_reference="ASH-S99",
            tracking="sampled",
            age_band="5_9",
            child_name="Ada Testcase",
        ),
    ),
    "inspections.case_samples.case_sample_update": (
        "cqc.inspector",
        lambda d, u: case_samples.case_sample_update(
            acting_user=u,
            case=(
                case := CaseSample.objects.get(
                    inspection=d.inspection, internal_reference="ASH-S02"
                )
            ),
            seen_version=case_samples.case_sample_version(case),
            details=case_samples.CaseDetails(
                internal_reference="ASH-S02",
                tracking=case.tracking,
                age_band=case.age_band,
                child_name=case.child_name,
                carers="Ada Testcarer",
            ),
        ),
    ),
    "judgements.services.evidence_create": (
        "cqc.inspector",
        lambda d, u: judgement_services.evidence_create(
            acting_user=u,
            inspection=d.inspection,
            observed_on=d.inspection.window_start,
            source="documents",
            area_codes=["safeguarding"],
            text="Read the health partnership's audit.",
        ),
    ),
    "judgements.services.evidence_update": (
        "ofsted.inspector",
        lambda d, u: judgement_services.evidence_update(
            acting_user=u,
            evidence=Evidence.objects.filter(author=u, inspection=d.inspection).first(),
            observed_on=d.inspection.window_start,
            source="documents",
            area_codes=["help_and_protection"],
            text="Changed text.",
        ),
    ),
    "judgements.services.evidence_delete": (
        "hmic.inspector",
        lambda d, u: judgement_services.evidence_delete(
            acting_user=u,
            evidence=judgement_services.evidence_create(
                acting_user=u,
                inspection=d.inspection,
                observed_on=d.inspection.window_start,
                source="documents",
                area_codes=["child_protection"],
                text="Recorded in error.",
            ),
        ),
    ),
    "judgements.services.judgement_save": (
        "hmic.inspector",
        lambda d, u: judgement_services.judgement_save(
            acting_user=u,
            inspection=d.inspection,
            inspectorate_code="hmic",
            area_code="child_protection",
            expected_version=states.hmic_draft(d).version,
            grade="good",
            rationale="Changed after more audits.",
            evidence=list(states.hmic_draft(d).evidence.all()),
        ),
    ),
    "judgements.services.judgement_submit": (
        "hmic.inspector",
        lambda d, u: judgement_services.judgement_submit(
            acting_user=u, judgement=states.hmic_draft(d), seen_version=states.hmic_draft(d).version
        ),
    ),
    "judgements.services.judgement_agree": (
        "ofsted.lead",
        lambda d, u: judgement_services.judgement_agree(
            acting_user=u,
            judgement=states.ofsted_submitted(d),
            seen_version=states.ofsted_submitted(d).version,
        ),
    ),
    "judgements.services.judgement_reopen": (
        "ofsted.inspector",
        lambda d, u: judgement_services.judgement_reopen(
            acting_user=u,
            judgement=states.ofsted_submitted(d),
            reason="More evidence to add.",
            seen_version=states.ofsted_submitted(d).version,
        ),
    ),
    "lscb.services.shared_text_save": (
        "ofsted.lead",
        lambda d, u: lscb_services.shared_text_save(
            acting_user=u,
            inspection=d.inspection,
            kind=SharedTextKind.LSCB_JUDGEMENT,
            body="A new rationale.",
            grade="good",
            expected_version=states.lscb(d).current_version,
        ),
    ),
    "lscb.services.shared_text_circulate": (
        "ofsted.lead",
        lambda d, u: states.as_seen(
            lscb_services.shared_text_circulate,
            u,
            states.as_seen(
                lscb_services.shared_text_reopen, u, states.finalised_lscb(d, u), "One more."
            ),
        ),
    ),
    "lscb.services.signoff_record": (
        "hmic.lead",
        lambda d, u: lscb_services.signoff_record(
            acting_user=u,
            shared_text=states.lscb(d),
            inspectorate_code="hmic",
            version_number=states.lscb(d).current_version,
            decision="not_agree",
            comment="Say more about training.",
        ),
    ),
    "lscb.services.shared_text_finalise": ("ofsted.lead", lambda d, u: states.finalised_lscb(d, u)),
    # Issue 16: what the text prints changed elsewhere (a narrative inspection's findings): the
    # live sign-offs go void, here HMIC's on the LSCB judgement.
    "lscb.services.shared_text_ground_changed": (
        "ofsted.lead",
        lambda d, u: (
            lscb_services.signoff_record(
                acting_user=d.people["hmic.lead"],
                shared_text=states.lscb(d),
                inspectorate_code="hmic",
                version_number=states.lscb(d).current_version,
                decision="agree",
            ),
            lscb_services.shared_text_ground_changed(
                acting_user=u,
                inspection=d.inspection,
                kind=SharedTextKind.LSCB_JUDGEMENT,
                why="What the text sets out changed",
            ),
        ),
    ),
    "lscb.services.shared_text_reopen": (
        "ofsted.lead",
        lambda d, u: states.as_seen(
            lscb_services.shared_text_reopen,
            u,
            states.finalised_lscb(d, u),
            "The board's chair changed.",
        ),
    ),
    "reports.services.report_request_render": (
        "ofsted.lead",
        lambda d, u: (
            states.correction(d),
            report_services.report_request_render(
                acting_user=u,
                inspection=d.published,
                purpose=ReportPurpose.FINAL,
                seen_version=report_selectors.newest_version_number(inspection=d.published),
            ),
        ),
    ),
    "reports.services.report_version_render": (None, lambda d, u: states.final_ready(d)),
    "reports.services.report_version_retry": (
        "ofsted.lead",
        lambda d, u: report_services.report_version_retry(
            acting_user=u,
            version=ReportVersion.objects.filter(pk=states.final_ready(d).pk).update(
                state=ReportState.FAILED
            )
            and ReportVersion.objects.filter(inspection=d.published).latest("number"),
        ),
    ),
    "reports.publishing.report_publish": (
        "ofsted.lead",
        lambda d, u: (
            states.area_corrected(d),
            states.final_ready(d),
            report_services.report_publish(
                acting_user=u,
                inspection=d.published,
                seen_version=report_selectors.final_version_candidate(
                    inspection=d.published
                ).number,
            ),
        ),
    ),
    "reports.corrections.correction_open": ("ofsted.lead", lambda d, u: states.correction(d, u)),
    "reports.corrections.correction_withdraw": (
        "ofsted.lead",
        lambda d, u: (
            states.correction(d),
            corrections.correction_withdraw(acting_user=u, inspection=d.published),
        ),
    ),
    "inspections.services.inspection_record_fieldwork_continues": (
        "ofsted.lead",
        lambda d, u: inspection_services.inspection_record_fieldwork_continues(
            acting_user=u, inspection=states.window_closed(d), reason="Records arrived late."
        ),
    ),
    "selection.services.area_indicators_save": (
        "programme.admin",
        lambda d, u: selection_services.area_indicators_save(
            acting_user=u,
            local_authority=d.inspection.local_authority,
            ofsted_grade="good",
            ofsted_judged_on=datetime.date(2013, 5, 1),
            last_joint_inspection_on=None,
            re_referral_rate=Decimal("20.5"),
            child_protection_plan_rate=None,
            looked_after_rate=None,
        ),
    ),
    "selection.services.indicators_import_csv": (
        "programme.admin",
        lambda d, u: selection_services.indicators_import_csv(
            acting_user=u,
            data=(
                "ons_code,ofsted_grade,ofsted_judged_on,last_joint_inspection_on,"
                "re_referral_rate,child_protection_plan_rate,looked_after_rate\n"
                f"{d.inspection.local_authority.ons_code},inadequate,2014-01-10,,31.0,55.0,70.0\n"
            ).encode(),
        ),
    ),
    "selection.services.partner_concern_record": (
        "programme.admin",
        lambda d, u: selection_services.partner_concern_record(
            acting_user=u,
            local_authority=d.inspection.local_authority,
            inspectorate=Inspectorate.objects.get(code="cqc"),
            raised_on=datetime.date(2015, 1, 5),
            summary="Waiting times for health assessments.",
        ),
    ),
    "selection.services.partner_concern_delete": (
        "programme.admin",
        lambda d, u: selection_services.partner_concern_delete(
            acting_user=u, concern=PartnerConcern.objects.first()
        ),
    ),
    "selection.services.selection_policy_create": (
        "programme.admin",
        lambda d, u: selection_services.selection_policy_create(
            acting_user=u,
            based_on_version=SelectionPolicy.objects.latest("version").version,
            criteria=SelectionPolicy.objects.latest("version").criteria,
            revisit_always_candidate=True,
            revisit_window_months=24,
            recently_inspected_months=36,
            quota_fraction=Decimal("0.40"),
            change_note="More places for well-performing areas.",
        ),
    ),
    "selection.services.programme_year_create": (
        "programme.admin",
        lambda d, u: selection_services.programme_year_create(acting_user=u, year=2031, places=6),
    ),
    "selection.services.programme_year_set_places": (
        "programme.admin",
        lambda d, u: selection_services.programme_year_set_places(
            acting_user=u, programme_year=ProgrammeYear.objects.get(year=2015), places=12
        ),
    ),
    "selection.services.decision_record": (
        "programme.admin",
        lambda d, u: selection_services.decision_record(
            acting_user=u,
            programme_year=ProgrammeYear.objects.get(year=2015),
            local_authority=LocalAuthority.objects.get(name="Brackenfield"),
            outcome="deferred",
            rationale="Inspect next year.",
        ),
    ),
}


SERVICES.update(REFERRAL_SERVICES)


def _public_functions() -> set[str]:
    names = set()
    for module_name in SERVICE_MODULES:
        module = import_module(module_name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module_name and not name.startswith("_"):
                names.add(f"{module_name}.{name}")
    return names


def test_every_state_changing_service_is_in_the_table():
    found = _public_functions()
    missing = sorted(found - set(SERVICES) - set(NOT_CHANGES))
    assert not missing, f"Add these services to SERVICES (or NOT_CHANGES) in {__file__}: {missing}"
    assert sorted((set(SERVICES) | set(NOT_CHANGES)) - found) == []
    # Every function that takes acting_user changes state and must be walked.
    for name in found - set(SERVICES):
        module_name, _, function = name.rpartition(".")
        parameters = inspect.signature(getattr(import_module(module_name), function)).parameters
        assert "acting_user" not in parameters, f"{name} takes acting_user: walk it in SERVICES"


def _history_rows_since(moment) -> list:
    rows = []
    for audited in audited_models():
        rows += list(audited.history_model.objects.filter(history_date__gte=moment))
    return rows


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_the_service_leaves_an_audit_record_of_who_when_what_and_why(name, demo_data):
    username, perform = SERVICES[name]
    actor = demo_data.people[username] if username else None
    started = timezone.now()
    perform(demo_data, actor)
    rows = [
        row
        for row in _history_rows_since(started)
        if row.history_user_id == (actor.pk if actor else None)
    ]
    assert rows, f"{name} wrote no history naming {username or 'the worker'}"
    for row in rows:
        assert row.history_date >= started
        assert row.history_type in "+~-"
        # Why: every record the service writes says what happened.
        assert row.history_change_reason, f"{name}: {row._meta.label} record without a reason"
        if row.history_type == "~":
            # Old values: the record before it holds them.
            assert row.prev_record is not None
    # And the audit log shows it, filtered by who acted.
    if actor is not None:
        entries = list(audit.audit_entries(user=actor)[: len(rows)])
        assert {e["history_id"] for e in entries} >= {
            r.history_id for r in rows if r.history_date == max(x.history_date for x in rows)
        }


# --- The audit log page -------------------------------------------------------------------------
