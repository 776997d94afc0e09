"""The demo's correction of Calderbridge's published report (DESIGN rule 11, issue 14 item 8).

After publication the council's data showed re-referrals under-reported: the lead inspector
opens a correction naming Ofsted's judgement on children who need help and protection (its
grade, with a published reason) and the summary of key findings; Ofsted's lead reopens and
agrees the judgement again, every lead signs the new key findings, and the corrected final
version is rendered and published with the note built from what changed.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from judgements import services as judgement_services
from judgements.models import Evidence, Judgement
from lscb import services as lscb_services
from lscb.models import SharedText, SharedTextKind, SignOffDecision
from reports import corrections, selectors
from reports.publishing import report_publish

REASON = (
    "Data the council supplied after publication showed that re-referrals had been "
    "under-reported, so children who need help were not as consistently protected as the "
    "report said."
)
GRADE_REASON = (
    "Re-referrals within 12 months were 31%, not 16% as first reported: help too often did not "
    "make a lasting difference."
)
RATIONALE = (
    "Children who need help and protection in Calderbridge are identified early, and children "
    "at immediate risk are seen and protected without delay. However, nearly a third of "
    "children are referred again within a year, because help too often ends before it has made "
    "a lasting difference."
)
KEY_FINDING_WAS = (
    "Children in Calderbridge who need help and protection are identified early and are safer"
)
KEY_FINDING_NOW = (
    "Children in Calderbridge who need help and protection are identified early, but too many "
    "are referred again within a year; they are safer"
)


def _judgement(inspection) -> Judgement:
    return Judgement.objects.get(
        inspection=inspection, inspectorate__code="ofsted", area_code="help_and_protection"
    )


def _correct_judgement(inspection, people: dict[str, AbstractBaseUser]) -> None:
    inspector, lead = people["ofsted.inspector"], people["ofsted.lead"]
    judgement = _judgement(inspection)
    judgement = judgement_services.judgement_reopen(
        acting_user=lead,
        judgement=judgement,
        reason="Correction: re-referrals under-reported",
        seen_version=judgement.version,
    )
    judgement = judgement_services.judgement_save(
        acting_user=inspector,
        inspection=inspection,
        inspectorate_code="ofsted",
        area_code="help_and_protection",
        expected_version=judgement.version,
        grade="requires_improvement",
        rationale=RATIONALE,
        strengths=judgement.strengths,
        areas_for_improvement=judgement.areas_for_improvement,
        recommendations=judgement.recommendations,
        evidence=list(Evidence.objects.filter(inspection=inspection, inspectorate__code="ofsted")),
    )
    judgement = judgement_services.judgement_submit(
        acting_user=inspector, judgement=judgement, seen_version=judgement.version
    )
    judgement_services.judgement_agree(
        acting_user=lead, judgement=judgement, seen_version=judgement.version
    )


def _correct_key_findings(inspection, people, leads: dict[str, str]) -> None:
    lead = people["ofsted.lead"]
    shared = SharedText.objects.get(inspection=inspection, kind=SharedTextKind.KEY_FINDINGS)
    body = shared.versions.get(number=shared.current_version).body
    shared = lscb_services.shared_text_reopen(
        acting_user=lead,
        shared_text=shared,
        reason="Correction: re-referrals under-reported",
        seen_version=shared.current_version,
    )
    shared = lscb_services.shared_text_save(
        acting_user=lead,
        inspection=inspection,
        kind=SharedTextKind.KEY_FINDINGS,
        body=body.replace(KEY_FINDING_WAS, KEY_FINDING_NOW),
        expected_version=shared.current_version,
    )
    lscb_services.shared_text_circulate(
        acting_user=lead, shared_text=shared, seen_version=shared.current_version
    )
    for code, username in leads.items():
        lscb_services.signoff_record(
            acting_user=people[username],
            shared_text=shared,
            inspectorate_code=code,
            version_number=shared.current_version,
            decision=SignOffDecision.AGREE,
        )
    lscb_services.shared_text_finalise(
        acting_user=lead, shared_text=shared, seen_version=shared.current_version
    )


def seed_correction(inspection, people, *, leads: dict[str, str], render) -> None:
    """Open, make, render and publish the correction. `render(inspection, purpose)` renders a
    version in-process; `leads` maps each inspectorate to its lead's username."""
    corrections.correction_open(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        reason=REASON,
        grade_ids=[_judgement(inspection).pk],
        grade_reason=GRADE_REASON,
        shared_kinds=[SharedTextKind.KEY_FINDINGS],
    )
    _correct_judgement(inspection, people)
    _correct_key_findings(inspection, people, leads)
    render(inspection)
    report_publish(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        seen_version=selectors.final_version_candidate(inspection=inspection).number,
    )
