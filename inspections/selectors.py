"""Reads of inspections that views share, each a fixed number of queries."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from inspections.models import Inspection, Participation, TeamMember
from inspections.permissions import InspectionAccess, inspection_access, is_programme_admin


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
    *, user: AbstractBaseUser, reference: str
) -> tuple[Inspection, InspectionAccess]:
    """The inspection and what the user may do on it; 404 when they may not see it.

    404 rather than 403, so that an inspection's existence does not leak before publication.
    """
    inspection = (
        Inspection.objects.select_related("local_authority", "lead_inspector")
        .filter(reference=reference)
        .first()
    )
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
