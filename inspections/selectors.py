"""Reads of inspections that views share, each a fixed number of queries."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Expression, Prefetch, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from inspections.models import (
    AreaContact,
    Inspection,
    LocalAuthority,
    Participation,
    PartnerBody,
    TeamMember,
)
from inspections.permissions import (
    InspectionAccess,
    inspection_access,
    is_programme_admin,
    with_access_of,
)


def inspections_for_user(*, user: AbstractBaseUser) -> QuerySet[Inspection]:
    """Programme staff see every inspection; everyone else, the ones whose team they are on."""
    if is_programme_admin(user):
        inspections = Inspection.objects.all()
    else:
        inspections = get_objects_for_user(
            user, "inspections.view_inspection", klass=Inspection, accept_global_perms=False
        )
    return inspections.select_related("local_authority", "lead_inspector").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("inspectorate"))
    )


def inspection_get_for_user(
    *,
    user: AbstractBaseUser,
    reference: str,
    annotations: Mapping[str, Expression] | None = None,
) -> tuple[Inspection, InspectionAccess]:
    """The inspection and what the user may do on it; 404 when they may not see it. One query:
    the access check is read with the inspection (`with_access_of`), and so is whatever a page
    adds in `annotations` (for example the workspace's change counters).

    404 rather than 403, so that an inspection's existence does not leak before publication.
    """
    # The reference is unique: no ordering to compile or run (the model's default one took a
    # third of this function's time in Python, bench/README.md fix 12). The lead inspector's own
    # row is read only by the pages that show it (the inspection's page), not by every page.
    found = (
        with_access_of(Inspection.objects.select_related("local_authority"), user)
        .annotate(**(annotations or {}))
        .filter(reference=reference)
        .order_by()[:1]
    )
    inspection = next(iter(found), None)
    if inspection is None:
        raise Http404("No such inspection.")
    access = inspection_access(user, inspection)
    if not access.can_view:
        raise Http404("No such inspection.")
    return inspection, access


def team_for_inspection(*, inspection: Inspection) -> QuerySet[TeamMember]:
    return inspection.team.select_related("user", "inspectorate")


def participations_for_inspection(*, inspection: Inspection) -> QuerySet[Participation]:
    return inspection.participations.select_related("inspectorate", "lead")


# --- An area's partner bodies and contacts (DESIGN rule 18) -----------------------------------
# Other apps call these two: referrals (the agency alerted is one of the area's partner bodies)
# and the factual accuracy round (drafts go to the area's active contacts). Positional or keyword.


def partner_bodies(local_authority: LocalAuthority) -> QuerySet[PartnerBody]:
    """The area's partner bodies, by kind then name: one query."""
    return PartnerBody.objects.filter(local_authority=local_authority).order_by("kind", "name")


def area_contacts(local_authority: LocalAuthority) -> QuerySet[AreaContact]:
    """The area's contacts who receive factual accuracy drafts (active ones), each with its
    partner body: one query."""
    return (
        AreaContact.objects.filter(partner_body__local_authority=local_authority, active=True)
        .select_related("partner_body")
        .order_by("partner_body__kind", "partner_body__name", "name", "pk")
    )
