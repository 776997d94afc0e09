"""Reads of the joint report: what the public may see, what the team sees, and what publication
still needs. Each runs a fixed number of queries, whatever the number of reports.

The public visibility rule lives here once, in `publications_visible`: a publication is public
from its publish-at time. Every public page, the PDF downloads, the feed and the API read
through it, so an embargoed report is a 404 everywhere until its time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core import gates
from core.dates import date_and_time, long_date
from inspections.models import Inspection, InspectionStatus, Participation
from judgements.selectors import areas_not_agreed
from lscb.models import SharedTextKind
from lscb.selectors import shared_texts_not_agreed
from reports import scales
from reports.content import report_content
from reports.models import (
    OPEN_CORRECTION,
    Correction,
    Publication,
    ReportJudgement,
    ReportPurpose,
    ReportState,
    ReportVersion,
)
from reports.permissions import PUBLISH_STATUSES
from reports.personal_data.selectors import check_missing

# Publication conditions (DESIGN rule 7): one message per missing condition.
WRONG_STAGE_FOR_PUBLICATION = (
    "The report can only be published while the inspection is in drafting or the factual "
    "accuracy check."
)
JUDGEMENTS_NOT_AGREED = "Not every judgement is agreed. Still to agree: {judgements}."
LSCB_NOT_AGREED = "The shared LSCB judgement has not been agreed by every inspectorate."
KEY_FINDINGS_NOT_AGREED = "The summary of key findings has not been agreed by every inspectorate."
LETTER_NOT_AGREED = "The joint letter has not been agreed by every inspectorate."
NO_FINAL_VERSION = (
    "There is no final version of the report: ask for a final version to be rendered."
)
FINAL_VERSION_NOT_READY = (
    "Final version {number} is not ready ({state}): wait until it is ready, or try it again."
)
FINAL_VERSION_OUT_OF_DATE = (
    "Final version {number} is out of date: the inspection's content has changed since it was "
    "rendered. Ask for a new final version."
)
WINDOW_NOT_ENDED = (
    "The inspection window ends on {end}: the report can be published from {day} onwards."
)
NO_OPEN_CORRECTION = (
    "The report is published: open a correction, naming what it changes, before publishing a "
    "corrected version."
)
EMBARGO_PASSED = (
    "Final version {number} was rendered to be published at {when}, which has passed: render "
    "the report again with a new publication time."
)
COVER_DATE_PASSED = (
    "Final version {number} gives {date} as its publication date, but today is {today}: render "
    "the report again to publish it today."
)
NO_NEW_FINAL_VERSION = (
    "Final version {number} is already published: ask for a new final version to publish a "
    "correction."
)


# --- The team's view ---------------------------------------------------------------------------


def report_versions_for_inspection(*, inspection: Inspection) -> QuerySet[ReportVersion]:
    return (
        ReportVersion.objects.filter(inspection=inspection)
        .select_related("requested_by", "publication")
        .order_by("-number")
    )


def report_version_get(*, inspection: Inspection, number: int) -> ReportVersion:
    version = (
        ReportVersion.objects.select_related("inspection", "requested_by", "publication")
        .filter(inspection=inspection, number=number)
        .first()
    )
    if version is None:
        raise Http404("No such version.")
    return version


def newest_version_number(*, inspection: Inspection) -> int:
    """The number of the report's newest version, rendered or not; 0 before the first."""
    newest = ReportVersion.objects.filter(inspection=inspection).order_by("-number").first()
    return newest.number if newest else 0


def final_version_candidate(*, inspection: Inspection) -> ReportVersion | None:
    """The newest final version: the only one publication will consider."""
    return (
        ReportVersion.objects.filter(inspection=inspection, purpose=ReportPurpose.FINAL)
        .select_related("publication")
        .order_by("-number")
        .first()
    )


def _version_conditions(inspection: Inspection) -> list[str]:
    version = final_version_candidate(inspection=inspection)
    if version is None:
        return [NO_FINAL_VERSION]
    if version.state != ReportState.READY:
        return [
            FINAL_VERSION_NOT_READY.format(
                number=version.number, state=version.get_state_display().lower()
            )
        ]
    if hasattr(version, "publication"):
        return [NO_NEW_FINAL_VERSION.format(number=version.number)]
    missing = _date_conditions(version)
    if version.content_digest != report_content(inspection=inspection).digest():
        missing.append(FINAL_VERSION_OUT_OF_DATE.format(number=version.number))
    # No blocking finding, every warning acknowledged, the check not out of date (rule 19).
    missing.extend(check_missing(version=version, inspection=inspection))
    return missing


def _day(day: datetime.date | None) -> str:
    return long_date(day) if day else "no date"


def _date_conditions(version: ReportVersion) -> list[str]:
    """The date the version prints is the publication's own (DESIGN rule 20): its embargo, or
    today when it is published as soon as it is ready."""
    now = timezone.now()
    if version.planned_publish_at is not None:
        if version.planned_publish_at <= now:
            when = date_and_time(version.planned_publish_at)
            return [EMBARGO_PASSED.format(number=version.number, when=when)]
        return []
    today = timezone.localdate(now)
    if version.publication_date != today:
        return [
            COVER_DATE_PASSED.format(
                number=version.number, date=_day(version.publication_date), today=_day(today)
            )
        ]
    return []


def is_date_condition(message: str) -> bool:
    """Whether a missing condition is cured by rendering again (the publish page links it)."""
    return "render the report again" in message


def publication_missing_conditions(*, inspection: Inspection) -> list[str]:
    """Every condition for publication that is not met, as the message to show; [] to publish."""
    missing = []
    if inspection.status not in PUBLISH_STATUSES:
        missing.append(WRONG_STAGE_FOR_PUBLICATION)
    # DESIGN rule 10: the window is over before the report is published.
    if inspection.status != InspectionStatus.PUBLISHED:
        today = timezone.localdate()
        if inspection.window_end >= today:
            day = inspection.window_end + datetime.timedelta(days=1)
            missing.append(WINDOW_NOT_ENDED.format(end=_day(inspection.window_end), day=_day(day)))
    elif not Correction.objects.filter(OPEN_CORRECTION, inspection=inspection).exists():
        missing.append(NO_OPEN_CORRECTION)
    # Conditions other apps add, e.g. the factual accuracy round closed (rule 10).
    missing.extend(gates.missing("publish", inspection=inspection))
    # Whether judgements and shared text are agreed is for their own apps to say.
    not_agreed = areas_not_agreed(inspection=inspection)
    if not_agreed:
        names = "; ".join(f"{inspectorate.name}: {area.title}" for inspectorate, area in not_agreed)
        missing.append(JUDGEMENTS_NOT_AGREED.format(judgements=names))
    shared = shared_texts_not_agreed(inspection=inspection)
    if SharedTextKind.LSCB_JUDGEMENT in shared:
        missing.append(LSCB_NOT_AGREED)
    if SharedTextKind.KEY_FINDINGS in shared:
        missing.append(KEY_FINDINGS_NOT_AGREED)
    if SharedTextKind.JOINT_LETTER in shared:
        missing.append(LETTER_NOT_AGREED)
    missing.extend(_version_conditions(inspection))
    return missing


# --- The public's view -------------------------------------------------------------------------


def publications_visible(*, now: datetime.datetime | None = None) -> QuerySet[Publication]:
    """The one visibility rule: a publication is public from its publish-at time."""
    return Publication.objects.filter(publish_at__lte=now or timezone.now())


def _current(now: datetime.datetime) -> QuerySet[Publication]:
    """Each inspection's newest visible publication: the report the public reads."""
    later = publications_visible(now=now).filter(
        Q(publish_at__gt=OuterRef("publish_at"))
        | Q(publish_at=OuterRef("publish_at"), pk__gt=OuterRef("pk")),
        inspection=OuterRef("inspection"),
    )
    return publications_visible(now=now).filter(~Exists(later))


# The rendered report and its stage timings: large, and only the report's own page reads them.
_REPORT_BODY = ("report_version__body_html", "report_version__stages")


@dataclass(frozen=True)
class ReportFilters:
    area: str = ""
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None
    inspectorate: str = ""
    grade: str = ""


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def published_reports(
    *, filters: ReportFilters | None = None, now: datetime.datetime | None = None
) -> QuerySet[Publication]:
    """The public list: one row per report (its current publication), newest first."""
    filters = filters or ReportFilters()
    reports = _current(now or timezone.now())
    if filters.area:
        reports = reports.filter(inspection__local_authority__name__icontains=filters.area.strip())
    if filters.published_from:
        reports = reports.filter(publish_at__gte=_start_of(filters.published_from))
    # The last day there is has no next day to stop before: nothing is published after it.
    if filters.published_to and filters.published_to < datetime.date.max:
        next_day = filters.published_to + datetime.timedelta(days=1)
        reports = reports.filter(publish_at__lt=_start_of(next_day))
    if filters.grade:
        graded = ReportJudgement.objects.filter(
            scales.judgements_graded(filters.grade), version=OuterRef("report_version")
        )
        if filters.inspectorate:
            graded = graded.filter(inspectorate__code=filters.inspectorate)
        reports = reports.filter(Exists(graded))
    elif filters.inspectorate:
        reports = reports.filter(
            Exists(
                Participation.objects.filter(
                    inspection=OuterRef("inspection"), inspectorate__code=filters.inspectorate
                )
            )
        )
    return (
        reports.select_related("inspection__local_authority", "report_version")
        # A list never shows a report's body: leave its HTML (tens of kilobytes each) unread.
        .defer(*_REPORT_BODY)
        .prefetch_related(
            Prefetch(
                "inspection__participations",
                queryset=Participation.objects.select_related("inspectorate"),
            ),
        )
        .order_by("-publish_at", "-pk")
    )


def with_judgements(publications: QuerySet[Publication]) -> QuerySet[Publication]:
    """Add each report's printed judgements (one more query): for the open data."""
    return publications.prefetch_related(
        Prefetch(
            "report_version__judgements",
            queryset=ReportJudgement.objects.select_related("inspectorate"),
        )
    )


def publication_current(
    *, slug: str, now: datetime.datetime | None = None, without_body: bool = False
) -> Publication:
    """The report's current publication; `without_body` leaves its HTML unread (a download)."""
    publications = (
        _current(now or timezone.now())
        .filter(slug=slug)
        .select_related("inspection__local_authority", "report_version")
    )
    if without_body:
        publications = publications.defer(*_REPORT_BODY)
    publication = publications.first()
    if publication is None:
        raise Http404("No such report.")
    return publication


def publication_for_api(*, slug: str, now: datetime.datetime | None = None) -> Publication:
    """The report's current publication with what the open data prints, its HTML unread."""
    publication = (
        with_judgements(_current(now or timezone.now()).filter(slug=slug))
        .select_related("inspection__local_authority", "report_version")
        .prefetch_related(
            Prefetch(
                "inspection__participations",
                queryset=Participation.objects.select_related("inspectorate"),
            )
        )
        .defer(*_REPORT_BODY)
        .first()
    )
    if publication is None:
        raise Http404("No such report.")
    return publication


# The judgements the public list shows for each report: the overall one and the shared LSCB's.
HEADLINE_AREAS = ("overall_effectiveness", "lscb")


def headline_judgements(publication: Publication) -> list[ReportJudgement]:
    """A listed report's headline judgements (from `with_judgements`); none for a narrative
    report, which has no grades (DESIGN rule 16)."""
    rows = [row for row in publication.report_version.judgements.all() if row.grade]
    headline = [row for row in rows if row.area_code in HEADLINE_AREAS]
    # A kind without an overall judgement: its first judgements stand in for it.
    return headline or rows[:2]


def with_headlines(publications) -> list[Publication]:
    """The listed reports, each with `headline` (its headline judgements), `narrative` and
    `inspectorate_names`: names as the inspection's framework version gives them (HMIC is
    HMICFRS from 2017, DESIGN section 1)."""
    listed = list(publications)
    for publication in listed:
        framework = publication.inspection.framework
        publication.headline = headline_judgements(publication)
        publication.narrative = not publication.headline
        publication.inspectorate_names = [
            framework.inspectorate_name(participation.inspectorate.code)
            for participation in publication.inspection.participations.all()
        ]
        for row in publication.headline:
            row.inspectorate_name = (
                framework.inspectorate_name(row.inspectorate.code) if row.inspectorate else ""
            )
    return listed


def publications_for_slug(*, slug: str, now: datetime.datetime | None = None) -> list[Publication]:
    """Every visible publication of one report, oldest first: the current one is the last."""
    return list(
        publications_visible(now=now)
        .filter(slug=slug)
        .select_related("report_version")
        .order_by("publish_at", "pk")
    )


@dataclass(frozen=True)
class PublishedVersion:
    publication: Publication
    superseded_by: Publication | None

    @property
    def is_current(self) -> bool:
        return self.superseded_by is None


def published_version(
    *, slug: str, number: int, now: datetime.datetime | None = None
) -> PublishedVersion:
    """One published version of a report, current or superseded; 404 if never public."""
    history = publications_for_slug(slug=slug, now=now)
    for position, publication in enumerate(history):
        if publication.report_version.number == number:
            later = history[position + 1] if position + 1 < len(history) else None
            return PublishedVersion(publication=publication, superseded_by=later)
    raise Http404("No such version.")


def publications_for_feed(
    *, now: datetime.datetime | None = None, limit: int = 50
) -> list[Publication]:
    """Every visible publication, corrections included, newest first."""
    return list(
        publications_visible(now=now)
        .select_related("inspection__local_authority", "report_version")
        .order_by("-publish_at", "-pk")[:limit]
    )


def inspection_publication_status(*, inspection: Inspection) -> list[Publication]:
    """The team's view of every publication of its inspection, embargoed ones included."""
    return list(
        Publication.objects.filter(inspection=inspection)
        .select_related("report_version", "published_by")
        .order_by("publish_at", "pk")
    )


def first_published(*, inspection: Inspection) -> datetime.date | None:
    """The day the report was first published: a corrected version's cover gives it too."""
    first = Publication.objects.filter(inspection=inspection).order_by("publish_at", "pk").first()
    return timezone.localdate(first.publish_at) if first else None


def is_published(inspection: Inspection) -> bool:
    return inspection.status == InspectionStatus.PUBLISHED
