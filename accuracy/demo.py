"""The demo's factual accuracy round: Brackenfield's integrated inspection, in the factual accuracy
check, its draft sent to two contacts, who commented (one of them late), with dispositions.

Driven through the real services: the inspection set up and moved on, the draft rendered once
by the render task in-process, the round sent, then dated back so that its deadline has passed.
Idempotent: when Brackenfield's round exists, nothing is done.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accuracy import links, services
from accuracy.models import (
    AccuracyComment,
    AccuracyLink,
    CommentKind,
    FactualAccuracyRound,
    Outcome,
)
from core.working_days import add_working_days
from inspections import services as inspection_services
from inspections.demo import DemoInspection, move_through
from inspections.models import (
    AreaContact,
    InspectionStatus,
    LocalAuthority,
    PartnerBody,
    PartnerBodyKind,
    TeamRole,
)
from reports import selectors as report_selectors
from reports import services as report_services
from reports.models import ReportPurpose
from reports.tasks import render_report_version

AREA_ONS_CODE = "E08000902"  # Brackenfield
INSPECTORATES = ["ofsted", "cqc", "hmic", "hmi_probation"]
# (kind, body, contact name, role, email)
CONTACTS = [
    (
        PartnerBodyKind.CHILDRENS_SERVICES,
        "Brackenfield Council children's services",
        "Hannah Okafor",
        "Director of children's services",
        "hannah.okafor@brackenfield.example.org",
    ),
    (
        PartnerBodyKind.POLICE,
        "Brackenfield Constabulary",
        "Chief Superintendent Mark Ellery",
        "Head of public protection",
        "mark.ellery@police.brackenfield.example.org",
    ),
]
# The round is dated back this many days, so that its 5-working-day deadline has passed.
SENT_DAYS_AGO = 10


def _contacts(area: LocalAuthority) -> None:
    for kind, body_name, name, role, email in CONTACTS:
        body, _ = PartnerBody.objects.get_or_create(
            local_authority=area, name=body_name, defaults={"kind": kind}
        )
        AreaContact.objects.get_or_create(
            partner_body=body, email=email, defaults={"name": name, "role": role}
        )


def _fieldwork_inspection(people, area: LocalAuthority):
    """Four inspectorates (the area holds no children in custody, so not HMI Prisons)."""
    admin = people["programme.admin"]
    start = timezone.localdate() - datetime.timedelta(days=40)
    inspection = inspection_services.inspection_create(
        acting_user=admin,
        local_authority=area,
        kind="integrated",
        window_start=start,
        window_end=start + datetime.timedelta(days=27),
        inspectorate_codes=INSPECTORATES,
        lead_inspector=people["ofsted.lead"],
    )
    for prefix in ("ofsted", "cqc", "hmic", "probation"):
        inspection_services.team_member_add(
            acting_user=admin,
            inspection=inspection,
            user=people[f"{prefix}.lead"],
            role=TeamRole.INSPECTORATE_LEAD,
        )
        inspection_services.team_member_add(
            acting_user=admin, inspection=inspection, user=people[f"{prefix}.inspector"]
        )
    return move_through(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        stages=(InspectionStatus.NOTIFIED, InspectionStatus.FIELDWORK),
    )


def _draft(inspection, lead) -> None:
    version = report_services.report_request_render(
        acting_user=lead,
        inspection=inspection,
        purpose=ReportPurpose.FACTUAL_ACCURACY,
        seen_version=report_selectors.newest_version_number(inspection=inspection),
    )
    # Rendered here, in-process, so that the draft is ready when seed_demo ends; the task
    # queued after commit then finds it ready and does nothing.
    render_report_version(version.pk)
    version.refresh_from_db()
    if not version.is_ready:
        raise RuntimeError(f"The demo draft did not render: {version.error}")


def _date_back(round_: FactualAccuracyRound) -> None:
    """Move the round into the past: sent ten days ago, its deadline counted from then."""
    sent = timezone.now() - datetime.timedelta(days=SENT_DAYS_AGO)
    deadline = add_working_days(
        timezone.localdate(sent), round_.inspection.framework.factual_accuracy_working_days
    )
    FactualAccuracyRound.objects.filter(pk=round_.pk).update(sent_at=sent, deadline=deadline)
    AccuracyLink.objects.filter(round=round_).update(expires_on=deadline)
    round_.refresh_from_db()


def _comment(link: AccuracyLink, section: str, kind: str, text: str, change: str):
    return services.comment_add(
        token=links.token_for(link),
        section_key=section,
        kind=kind,
        text=text,
        proposed_change=change,
    )


def seed(seeded: DemoInspection) -> FactualAccuracyRound | None:
    area = LocalAuthority.objects.filter(ons_code=AREA_ONS_CODE).first()
    if area is None:
        return None
    existing = FactualAccuracyRound.objects.filter(inspection__local_authority=area).first()
    if existing is not None:
        return existing
    people = seeded.people
    lead = people["ofsted.lead"]
    with transaction.atomic():
        _contacts(area)
        inspection = _fieldwork_inspection(people, area)
        inspection = inspection_services.inspection_move_stage(
            acting_user=lead, inspection=inspection, to_status=InspectionStatus.DRAFTING
        )
        _draft(inspection, lead)
        inspection = inspection_services.inspection_move_stage(
            acting_user=lead, inspection=inspection, to_status=InspectionStatus.FACTUAL_ACCURACY
        )
        round_ = services.round_send(acting_user=lead, inspection=inspection)
        council = round_.links.get(contact__email=CONTACTS[0][4])
        police = round_.links.get(contact__email=CONTACTS[1][4])
        on_time = _comment(
            council,
            "key-findings",
            CommentKind.FACTUAL_ERROR,
            "The early help hub opened in January 2015, not in March 2015 as the draft says.",
            "Say that the early help hub opened in January 2015.",
        )
        services.comment_dispose(
            acting_user=lead,
            comment=on_time,
            outcome=Outcome.ACCEPTED,
            change_made="The summary of key findings now gives January 2015.",
            reason="",
            seen_version=on_time.version,
        )
        _date_back(round_)
        AccuracyComment.objects.filter(pk=on_time.pk).update(
            created_at=round_.sent_at + datetime.timedelta(days=2)
        )
        council.refresh_from_db()
        police.refresh_from_db()
        # After the deadline the lead inspector sent the police a new link; their comment is late.
        police = services.link_reissue(acting_user=lead, link=police)
        late = _comment(
            police,
            "inspectorate-hmic",
            CommentKind.DISAGREES_WITH_JUDGEMENT,
            "The force's domestic abuse referrals were audited in February 2015 and showed "
            "improvement that the draft does not reflect.",
            "Recognise the February 2015 audit in the findings.",
        )
        # HMIC owns its own section: its lead answers.
        services.comment_dispose(
            acting_user=people["hmic.lead"],
            comment=late,
            outcome=Outcome.NOT_ACCEPTED,
            change_made="",
            reason="The audit came after the inspection's fieldwork and was not evidence "
            "seen by inspectors.",
            seen_version=late.version,
        )
    return round_


def close_round_before_publication(inspection, people) -> FactualAccuracyRound | None:
    """The published demo's own round: its draft sent to the area's contacts, who each said
    they had no comments, and closed, so that the report may be published (DESIGN rule 10).
    Idempotent: an inspection with a round is left as it is."""
    if inspection is None or inspection.accuracy_rounds.exists():
        return None
    lead = people["ofsted.lead"]
    round_ = services.round_send(acting_user=lead, inspection=inspection)
    for link in round_.links.all():
        services.no_comments_record(token=links.token_for(link))
    return services.round_close(acting_user=lead, inspection=inspection)
