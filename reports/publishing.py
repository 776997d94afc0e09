"""Publishing the joint report, and publishing a correction of it.

`report_publish` is the lead inspector's action: it checks who is acting, refuses with every
missing condition named (DESIGN rules 7 and 10, and what other apps add through `core.gates`),
and publishes the newest final version at the moment that version was rendered for: its
embargo, or now. The date printed on the version is therefore the publication's date (rule 20).

Publishing a published inspection again closes its open correction (rule 11): the public note is
built from what changed since the correction was opened, and its reason.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.dates import date_and_time
from core.models import record_change
from core.versioning import check_version_seen
from inspections.models import Inspection, InspectionStatus
from inspections.permissions import inspection_access
from reports import caching, corrections, selectors
from reports.models import OPEN_CORRECTION, Correction, Publication
from reports.permissions import check_publish

CORRECTION_BEFORE_ORIGINAL = (
    "A correction cannot be published before the report it corrects, due at {when}."
)
NOTHING_CORRECTED = (
    "Nothing in the report has changed since the correction was opened: change what it names, "
    "render a new final version, then publish."
)
PUBLISH_MOVED = (
    "The final version has changed since you opened this page: version {version} is now the "
    "newest, not version {seen}. Nothing has been published: read version {version}, then "
    "publish again."
)


def publication_slug(inspection: Inspection) -> str:
    """The report's public address: the area's name and the inspection's unique reference."""
    return slugify(f"{inspection.local_authority.name} {inspection.reference}")


def _when(moment) -> str:
    return date_and_time(moment)


@transaction.atomic
def report_publish(
    *, acting_user: AbstractBaseUser, inspection: Inspection, seen_version: int | None
) -> Publication:
    """Publish the newest final version at the moment it was rendered for (embargo or now).

    Refused, naming every missing condition, unless the window is over, the judgements, the
    LSCB judgement and the key findings are agreed, the final version is ready, current, free of
    personal data and dated for this publication, and every other app's condition holds. On a
    published inspection it publishes the open correction. Only the final version the lead
    inspector's page showed (`seen_version`) is published.
    """
    inspection = (
        Inspection.objects.select_for_update()
        .select_related("local_authority")
        .get(pk=inspection.pk)
    )
    check_publish(inspection_access(acting_user, inspection))
    version = selectors.final_version_candidate(inspection=inspection)
    check_version_seen(
        version, seen_version, version=version.number if version else 0, message=PUBLISH_MOVED
    )
    missing = selectors.publication_missing_conditions(inspection=inspection)
    if missing:
        raise ValidationError(missing)
    now = timezone.now()
    when = version.planned_publish_at or now
    previous = inspection.publications.order_by("-publish_at", "-pk").first()
    correction = None
    note = ""
    if previous is not None:
        correction = Correction.objects.select_for_update().get(
            OPEN_CORRECTION, inspection=inspection
        )
        changes = corrections.correction_changes(
            correction=correction, after=corrections.content_snapshot(inspection=inspection)
        )
        if not changes:
            raise ValidationError(NOTHING_CORRECTED)
        note = corrections.correction_note(correction=correction, changes=changes)
        if when < previous.publish_at:
            due = _when(previous.publish_at)
            raise ValidationError(CORRECTION_BEFORE_ORIGINAL.format(when=due))
    publication = Publication(
        inspection=inspection,
        report_version=version,
        slug=publication_slug(inspection),
        publish_at=when,
        published_at=now,
        published_by=acting_user,
        correction_note=note,
    )
    record_change(
        publication,
        acting_user=acting_user,
        reason="Correction published" if correction else "Report published",
    )
    publication.save()
    if correction is not None:
        correction.publication = publication
        record_change(correction, acting_user=acting_user, reason="Correction published")
        correction.save()
    # The public pages this process has cached show what was published before.
    transaction.on_commit(caching.forget_publication_state)
    if inspection.status != InspectionStatus.PUBLISHED:
        # Publishing is not a stage move through `inspection_move_stage`, which refuses it on
        # purpose: only here, with every condition checked, does an inspection become published.
        inspection.status = InspectionStatus.PUBLISHED
        record_change(
            inspection,
            acting_user=acting_user,
            reason=f"Published with report version {version.number}",
        )
        inspection.save()
    return publication
