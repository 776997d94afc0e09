"""Reads of the factual accuracy round: the team's page, what closing and publication still need,
and what awaits each inspector. Each runs a fixed number of queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accuracy.models import AccuracyComment, AccuracyLink, FactualAccuracyRound
from accuracy.permissions import may_dispose
from accuracy.sections import Section, draft_sections
from core.dates import long_date
from core.working_days import add_working_days
from inspections.models import AreaContact, Inspection, InspectionStatus
from inspections.permissions import inspection_access
from reports.models import ReportPurpose, ReportVersion

NOT_SENT = "The factual accuracy round has not been sent."
STILL_OPEN = "The factual accuracy round is still open: close it first."
COMMENTS_WITHOUT_DISPOSITION = (
    "The factual accuracy round is still open: {count} {comments} no disposition."
)
DEADLINE_NOT_PASSED = (
    "The factual accuracy round's deadline has not passed ({deadline}) and {count} {contacts} "
    "not answered: {names}."
)
LEAD_INSPECTOR = "the lead inspector"


def newest_round(*, inspection: Inspection) -> FactualAccuracyRound | None:
    return (
        FactualAccuracyRound.objects.filter(inspection=inspection)
        .select_related("report_version", "sent_by", "closed_by", "inspection")
        .order_by("-sent_at", "-pk")
        .first()
    )


def newest_draft(*, inspection: Inspection) -> ReportVersion | None:
    """The newest factual accuracy draft, ready or not: the one the lead inspector would send."""
    return (
        ReportVersion.objects.filter(inspection=inspection, purpose=ReportPurpose.FACTUAL_ACCURACY)
        .order_by("-number")
        .first()
    )


def round_deadline(*, inspection: Inspection, sent_on: datetime.date) -> datetime.date:
    """The last day for comments: the framework's working days after the day the draft is sent
    (DESIGN rule 17): sent on Thursday 2 April 2015, before Easter, it is 13 April 2015."""
    return add_working_days(sent_on, inspection.framework.factual_accuracy_working_days)


def area_contacts_active(*, inspection: Inspection) -> list[AreaContact]:
    """The area's contacts who receive drafts, by partner body."""
    return list(
        AreaContact.objects.filter(
            partner_body__local_authority_id=inspection.local_authority_id, active=True
        )
        .select_related("partner_body")
        .order_by("partner_body__name", "name", "pk")
    )


def inspectorate_names(*, inspection: Inspection) -> dict[str, str]:
    return {
        p.inspectorate.code: p.inspectorate.name
        for p in inspection.participations.select_related("inspectorate")
    }


def round_sections(round_: FactualAccuracyRound, names: dict[str, str]) -> list[Section]:
    return draft_sections(round_.report_version.body_html, inspectorate_codes=list(names))


def owner_name(section: Section | None, names: dict[str, str]) -> str:
    if section is None or section.is_shared:
        return LEAD_INSPECTOR
    return names.get(section.owner, section.owner)


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def close_missing(round_: FactualAccuracyRound, *, today=None) -> list[str]:
    """What keeps an open round from closing, one message each; [] when it may close."""
    missing = []
    undisposed = round_.comments.filter(outcome="").count()
    if undisposed:
        missing.append(
            COMMENTS_WITHOUT_DISPOSITION.format(
                count=undisposed, comments=_plural(undisposed, "comment has", "comments have")
            )
        )
    today = today or timezone.localdate()
    if today <= round_.deadline:
        silent = contacts_not_answered(round_)
        if silent:
            missing.append(
                DEADLINE_NOT_PASSED.format(
                    deadline=long_date(round_.deadline),
                    count=len(silent),
                    contacts=_plural(len(silent), "contact has", "contacts have"),
                    names=", ".join(silent),
                )
            )
    return missing


def contacts_not_answered(round_: FactualAccuracyRound) -> list[str]:
    """Contacts with no comment and no "no comments" on any of their links in the round."""
    answered: dict[int, bool] = defaultdict(bool)
    names: dict[int, str] = {}
    links = round_.links.select_related("contact").annotate(comment_count=Count("comments"))
    for link in links:
        names[link.contact_id] = link.contact.name
        answered[link.contact_id] |= bool(link.comment_count or link.no_comments_at)
    return [names[pk] for pk in sorted(names, key=names.get) if not answered[pk]]


def publication_missing(*, inspection: Inspection) -> list[str]:
    """The round's condition on publication (DESIGN rule 10), for `core.gates` "publish".

    A published inspection's correction needs no new round: the area checked the report's facts
    before its first publication.
    """
    if inspection.status == InspectionStatus.PUBLISHED:
        return []
    round_ = newest_round(inspection=inspection)
    if round_ is None:
        return [NOT_SENT]
    if not round_.is_open:
        return []
    return close_missing(round_) or [STILL_OPEN]


@dataclass
class SectionComments:
    section: Section
    owner_name: str
    comments: list[AccuracyComment] = field(default_factory=list)


def comments_by_section(
    round_: FactualAccuracyRound, names: dict[str, str]
) -> list[SectionComments]:
    """Every comment beside its section, sections in report order; empty sections left out."""
    sections = round_sections(round_, names)
    groups = {s.key: SectionComments(s, owner_name(s, names)) for s in sections}
    comments = round_.comments.select_related(
        "link__contact__partner_body", "disposed_by"
    ).order_by("created_at", "pk")
    for comment in comments:
        if comment.section_key not in groups:
            # The section's heading is gone from the draft: keep the comment under its title.
            groups[comment.section_key] = SectionComments(
                Section(comment.section_key, comment.section_title, ""), LEAD_INSPECTOR
            )
        groups[comment.section_key].comments.append(comment)
    return [group for group in groups.values() if group.comments]


def round_links(round_: FactualAccuracyRound) -> list[AccuracyLink]:
    """The round's links by contact; `replaced`: revoked, and its contact has a newer link."""
    links = list(
        round_.links.select_related("contact__partner_body", "revoked_by")
        .annotate(comment_count=Count("comments"))
        .order_by("contact__partner_body__name", "contact__name", "pk")
    )
    live = {link.contact_id for link in links if not link.is_revoked}
    for link in links:
        link.replaced = link.is_revoked and link.contact_id in live
    return links


def comment_get(*, inspection: Inspection, pk: int) -> AccuracyComment:
    comment = (
        AccuracyComment.objects.select_related(
            "round__report_version", "round__inspection", "link__contact__partner_body"
        )
        .filter(round__inspection=inspection, pk=pk)
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    return comment


# --- What awaits an inspector ------------------------------------------------------------------


@dataclass(frozen=True)
class AwaitingItem:
    inspection: Inspection
    what: str
    url: str


def awaiting_for_user(*, user: AbstractBaseUser) -> list[AwaitingItem]:
    """Comments awaiting this user's disposition, and rounds ready for them to close."""
    if not (user.is_authenticated and user.is_active):
        return []
    rounds = list(
        FactualAccuracyRound.objects.filter(Q(inspection__team__user=user), closed_at=None)
        .distinct()
        .select_related("inspection__local_authority", "report_version")
        .prefetch_related(Prefetch("comments", queryset=AccuracyComment.objects.filter(outcome="")))
    )
    items: list[AwaitingItem] = []
    for round_ in rounds:
        inspection = round_.inspection
        access = inspection_access(user, inspection)
        names = inspectorate_names(inspection=inspection)
        owners = {s.key: s.owner for s in round_sections(round_, names)}
        mine = [
            c for c in round_.comments.all() if may_dispose(access, owners.get(c.section_key, ""))
        ]
        url = reverse("accuracy:overview", args=[inspection.reference])
        if mine:
            what = (
                f"Record a disposition of {len(mine)} factual accuracy "
                f"{_plural(len(mine), 'comment', 'comments')}"
            )
            items.append(AwaitingItem(inspection, what, url))
        if access.is_lead_inspector and not close_missing(round_):
            items.append(AwaitingItem(inspection, "Close the factual accuracy round", url))
    return items
