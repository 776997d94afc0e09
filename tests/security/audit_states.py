"""The demo states the audit walk of `test_audit` starts its services from: each helper brings
the demo data to where one service can act (kept apart so that test_audit stays readable)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import Inspection, LocalAuthority, PartnerBodyKind
from judgements.models import Judgement
from lscb import services as lscb_services
from lscb.models import SharedText, SharedTextKind
from reports import corrections
from reports import selectors as report_selectors
from reports import services as report_services
from reports.models import ReportPurpose, ReportVersion


def hmic_draft(demo) -> Judgement:
    return Judgement.objects.get(inspection=demo.inspection, inspectorate__code="hmic")


def ofsted_submitted(demo) -> Judgement:
    return Judgement.objects.get(
        inspection=demo.inspection, inspectorate__code="ofsted", area_code="help_and_protection"
    )


def lscb(demo) -> SharedText:
    return SharedText.objects.get(inspection=demo.inspection, kind=SharedTextKind.LSCB_JUDGEMENT)


def new_inspection(demo) -> Inspection:
    start = timezone.localdate() + datetime.timedelta(days=60)
    return inspection_services.inspection_create(
        acting_user=demo.people["programme.admin"],
        local_authority=LocalAuthority.objects.get(name="Dunmore"),
        kind="integrated",
        window_start=start,
        window_end=start + datetime.timedelta(days=20),
        inspectorate_codes=["ofsted", "cqc"],
    )


def correction(demo, user=None):
    """An open correction of the published report (a corrected version needs one)."""
    return corrections.correction_open(
        acting_user=user or demo.people["ofsted.lead"],
        inspection=demo.published,
        reason="The police force's name was wrong.",
        other_sections=True,
    )


def area_corrected(demo) -> None:
    """What the correction names changes: the area's police force, printed in the report."""
    correction(demo)
    police = demo.published.local_authority.partner_bodies.get(kind=PartnerBodyKind.POLICE)
    police.name = "Calderbridge and District Police"
    police.save()


def window_closed(demo) -> Inspection:
    """Time passing: the inspection in fieldwork is past its window's end."""
    Inspection.objects.filter(pk=demo.inspection.pk).update(
        window_end=timezone.localdate() - datetime.timedelta(days=1)
    )
    demo.inspection.refresh_from_db()
    return demo.inspection


def final_ready(demo) -> ReportVersion:
    if demo.published.corrections.filter(publication__isnull=True).count() == 0:
        correction(demo)
    version = report_services.report_request_render(
        acting_user=demo.people["ofsted.lead"],
        inspection=demo.published,
        purpose=ReportPurpose.FINAL,
        seen_version=report_selectors.newest_version_number(inspection=demo.published),
    )
    return report_services.report_version_render(version_id=version.pk)


def all_agree_lscb(demo) -> SharedText:
    shared = lscb(demo)
    leads = {
        "ofsted": "ofsted.lead",
        "cqc": "cqc.lead",
        "hmic": "hmic.lead",
        "hmi_probation": "probation.lead",
        "hmi_prisons": "prisons.lead",
    }
    for code, username in leads.items():
        lscb_services.signoff_record(
            acting_user=demo.people[username],
            shared_text=shared,
            inspectorate_code=code,
            version_number=shared.current_version,
            decision="agree",
        )
    return shared


def as_seen(action: Callable, user, shared: SharedText, reason: str = "") -> SharedText:
    """A lead inspector's button press on the shared text, made on the version they see."""
    extra = {"reason": reason} if reason else {}
    return action(
        acting_user=user, shared_text=shared, seen_version=shared.current_version, **extra
    )


def finalised_lscb(demo, user) -> SharedText:
    return as_seen(lscb_services.shared_text_finalise, user, all_agree_lscb(demo))
