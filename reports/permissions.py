"""Who may do what with the joint report.

Membership comes from `inspections.permissions.inspection_access`; the rules here add the
state: which stages allow a render, and who sees drafts.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from core.permissions import refuse_unless
from inspections.models import InspectionStatus
from inspections.permissions import InspectionAccess
from reports.models import ReportPurpose, ReportState, ReportVersion

NOT_ALLOWED_TO_RENDER = "Only the lead inspector can ask for the report to be rendered."
NOT_ALLOWED_TO_PUBLISH = "Only the lead inspector can publish the report."
RETRY_NOT_ALLOWED = "Only the lead inspector can try a render again."
NOT_ALLOWED_TO_ACKNOWLEDGE = (
    "Only the lead inspector or an inspectorate lead can acknowledge a warning of the "
    "personal-data check."
)
NOT_ALLOWED_TO_CORRECT = "Only the lead inspector can open a correction of the report."

# Stages in which each kind of version may be asked for. A final version of a published
# inspection is a correction.
RENDER_STATUSES: dict[str, frozenset[str]] = {
    ReportPurpose.FACTUAL_ACCURACY: frozenset(
        {InspectionStatus.DRAFTING, InspectionStatus.FACTUAL_ACCURACY}
    ),
    ReportPurpose.FINAL: frozenset(
        {
            InspectionStatus.DRAFTING,
            InspectionStatus.FACTUAL_ACCURACY,
            InspectionStatus.PUBLISHED,
        }
    ),
}
# Publication starts from these; a published inspection publishes again only as a correction.
PUBLISH_STATUSES = frozenset(
    {InspectionStatus.DRAFTING, InspectionStatus.FACTUAL_ACCURACY, InspectionStatus.PUBLISHED}
)


def may_see_versions(access: InspectionAccess) -> bool:
    """Drafts, failed renders and unpublished finals are for the team (and programme staff)."""
    return access.can_view


def may_request_render(access: InspectionAccess) -> bool:
    return access.is_lead_inspector


def may_publish(access: InspectionAccess) -> bool:
    return access.is_lead_inspector


def may_acknowledge_findings(access: InspectionAccess) -> bool:
    """The named reviewer of a personal-data warning (DESIGN rule 19): a lead of the team."""
    return access.is_team_member and (access.is_lead_inspector or bool(access.leads_for))


def check_acknowledge_findings(access: InspectionAccess) -> None:
    refuse_unless(may_acknowledge_findings(access), NOT_ALLOWED_TO_ACKNOWLEDGE)


def check_request_render(access: InspectionAccess) -> None:
    refuse_unless(may_request_render(access), NOT_ALLOWED_TO_RENDER)


def check_publish(access: InspectionAccess) -> None:
    refuse_unless(may_publish(access), NOT_ALLOWED_TO_PUBLISH)


def may_open_correction(access: InspectionAccess) -> bool:
    return access.is_lead_inspector and access.inspection.status == InspectionStatus.PUBLISHED


def check_open_correction(access: InspectionAccess) -> None:
    refuse_unless(access.is_lead_inspector, NOT_ALLOWED_TO_CORRECT)


def check_retry(access: InspectionAccess) -> None:
    """Who may retry; whether this version needs it is the service's rule (`may_retry`)."""
    refuse_unless(may_request_render(access), RETRY_NOT_ALLOWED)


def render_allowed_now(access: InspectionAccess, purpose: str) -> bool:
    """The lead inspector, in a stage that allows this kind of version."""
    return may_request_render(access) and access.inspection.status in RENDER_STATUSES.get(
        purpose, frozenset()
    )


# A queued or rendering version untouched for this long has lost its task (say, the broker was
# emptied): the lead inspector may queue it again.
STUCK_AFTER = datetime.timedelta(minutes=10)


def is_stuck(version: ReportVersion) -> bool:
    return (
        version.state in (ReportState.QUEUED, ReportState.RENDERING)
        and version.modified_at < timezone.now() - STUCK_AFTER
    )


def may_retry(access: InspectionAccess, version: ReportVersion) -> bool:
    """A failed render, or one that seems lost, can be queued again by the lead inspector."""
    return may_request_render(access) and (version.state == ReportState.FAILED or is_stuck(version))
