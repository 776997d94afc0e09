"""What the statements app adds to pages it does not own: the programme administrator's "what
awaits you" and inspection page (`core.dashboard`), and the public report page's link to the
published statement (`core.report_links`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from core.dashboard import Link
from core.dates import long_date
from core.report_links import ReportLink
from inspections.models import Inspection
from inspections.permissions import InspectionAccess
from reports.models import Publication
from statements import selectors
from statements.permissions import may_manage_statements


def _date(day) -> str:
    return long_date(day)


@dataclass(frozen=True)
class Awaiting:
    what: str
    url: str
    inspection: Inspection


def awaiting_for_user(*, user: AbstractBaseUser) -> list[Awaiting]:
    """Programme staff: every statement overdue, and every statement whose actions are overdue."""
    if not may_manage_statements(user):
        return []
    today = selectors.today()
    items = []
    for owed in selectors.statements_owed():
        url = reverse("statements:detail", kwargs={"reference": owed.inspection.reference})
        area = owed.inspection.local_authority.name
        if owed.is_overdue(today=today):
            what = f"Chase {area}'s written statement of action, due {_date(owed.due_on)}"
            items.append(Awaiting(what, url, owed.inspection))
        late = owed.overdue_actions(today=today)
        if late:
            count = f"{len(late)} action{'s' if len(late) != 1 else ''}"
            what = f"Follow up {count} overdue in {area}'s statement of action"
            items.append(Awaiting(what, url, owed.inspection))
    return items


def inspection_links(*, inspection: Inspection, access: InspectionAccess) -> list[Link]:
    """Programme staff reach a published inspection's statement from its page."""
    if not (access.is_programme_admin and inspection.is_published):
        return []
    url = reverse("statements:detail", kwargs={"reference": inspection.reference})
    return [Link("Written statement of action", url)]


def report_links(publication: Publication) -> list[ReportLink]:
    """The public report page links the statement once it is published."""
    statement = selectors.published_statement_for_publication(publication)
    if statement is None:
        return []
    url = reverse("statements_public:pdf", kwargs={"slug": publication.slug})
    size = filesizeformat(statement.size_bytes).replace("\xa0", " ")
    return [ReportLink(f"Written statement of action (PDF, {size})", url)]
