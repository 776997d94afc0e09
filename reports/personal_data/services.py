"""Acknowledging a warning of the personal-data check (DESIGN rule 19).

A named reviewer (the lead inspector or an inspectorate lead) acknowledges one warning of one
version with a reason; the acknowledgement, who and why, is kept with its history. A blocking
finding is refused: it must leave the report.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import record_change
from inspections.permissions import inspection_access
from reports.models import FindingAcknowledgement, ReportState, ReportVersion
from reports.permissions import check_acknowledge_findings
from reports.personal_data.selectors import finding_groups

NO_SUCH_FINDING = "There is no such finding on version {number}: refresh the page."
BLOCKING_NOT_ACKNOWLEDGEABLE = (
    "A blocking finding cannot be acknowledged: remove the personal data from the report and "
    "ask for a new version."
)
REASON_REQUIRED = "Enter why this can stay in the report"
ALREADY_ACKNOWLEDGED = "This warning was already acknowledged by {name}."
NOT_READY = "Version {number} is not ready: there is nothing to acknowledge yet."
PUBLISHED = "Version {number} is published: its findings can no longer be acknowledged."


@transaction.atomic
def finding_acknowledge(
    *, acting_user: AbstractBaseUser, version: ReportVersion, finding_key: str, reason: str
) -> FindingAcknowledgement:
    """Record that `acting_user` has read a warning and why the words may stay."""
    version = (
        ReportVersion.objects.select_for_update().select_related("inspection").get(pk=version.pk)
    )
    check_acknowledge_findings(inspection_access(acting_user, version.inspection))
    if version.state != ReportState.READY:
        raise ValidationError(NOT_READY.format(number=version.number))
    if hasattr(version, "publication"):
        raise ValidationError(PUBLISHED.format(number=version.number))
    group = next((g for g in finding_groups(version=version) if g.key == finding_key), None)
    if group is None:
        raise ValidationError(NO_SUCH_FINDING.format(number=version.number))
    if group.blocking:
        raise ValidationError(BLOCKING_NOT_ACKNOWLEDGEABLE)
    if group.acknowledgement is not None:
        who = group.acknowledgement.acknowledged_by
        raise ValidationError(
            ALREADY_ACKNOWLEDGED.format(name=who.get_full_name() or who.get_username())
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    acknowledgement = FindingAcknowledgement(
        version=version, finding_key=finding_key, acknowledged_by=acting_user, reason=reason
    )
    # The reason may quote the words found: the history row keeps it for the team only.
    record_change(
        acknowledgement, acting_user=acting_user, reason="Personal-data warning acknowledged"
    )
    acknowledgement.save()
    return acknowledgement
