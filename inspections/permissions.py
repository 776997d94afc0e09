"""Who may do what on an inspection: the one place that answers it for the `inspections` app.

Membership rights are django-guardian object permissions, kept in step with the team by
`sync_team_permissions` whenever the team changes:

- ``inspections.view_inspection`` on the inspection: every team member;
- ``inspections.contribute`` on a participation: team members of that inspectorate;
- ``inspections.lead`` on a participation: that inspectorate's lead for this inspection.

Rights that depend on state ("may write now", "may sign now") are predicates here, never rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import CharField, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm

from core.permissions import refuse_unless
from inspections.access_query import access_annotations
from inspections.models import CLOSED_STATUSES, Inspection, LocalAuthority, Participation

PROGRAMME_PERMISSION = "inspections.manage_programme"
VIEW_PERMISSION = "view_inspection"
CONTRIBUTE_PERMISSION = "contribute"
LEAD_PERMISSION = "lead"

User = AbstractBaseUser | AnonymousUser

NOT_ALLOWED_TO_MANAGE = "Only programme staff can set inspections up."
NOT_ALLOWED_TO_MOVE = "Only the lead inspector or programme staff can move the inspection on."
NOT_ALLOWED_TO_MANAGE_AREAS = (
    "Only programme staff can change an area's partner bodies and contacts."
)
CASE_SAMPLE_NOT_ALLOWED = (
    "Only the inspection team can add case samples, while the inspection is in fieldwork or "
    "drafting."
)
CASE_SAMPLE_CHANGE_NOT_ALLOWED = (
    "Only the inspection team can change case samples, while the inspection is in fieldwork or "
    "drafting."
)


def is_programme_admin(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(PROGRAMME_PERMISSION))


@dataclass(frozen=True)
class InspectionAccess:
    """What one user may do on one inspection, worked out once per request."""

    inspection: Inspection
    is_programme_admin: bool
    is_team_member: bool
    is_lead_inspector: bool
    contributes_for: frozenset[str]
    leads_for: frozenset[str]

    @property
    def can_view(self) -> bool:
        return self.is_programme_admin or self.is_team_member

    @property
    def can_manage(self) -> bool:
        """Set-up: window, participants, team."""
        return self.is_programme_admin

    @property
    def can_move_stage(self) -> bool:
        return self.is_programme_admin or self.is_lead_inspector

    def may_write_for(self, inspectorate_code: str) -> bool:
        """DESIGN rule 2: own inspectorate, on the team, in fieldwork or drafting."""
        return inspectorate_code in self.contributes_for and self.inspection.is_writable

    def leads(self, inspectorate_code: str) -> bool:
        return inspectorate_code in self.leads_for


def case_samples_visible(access: InspectionAccess) -> bool:
    """Children's personal details are for the inspection team alone, not all programme staff."""
    return access.is_team_member


def case_sample_may_add(access: InspectionAccess) -> bool:
    return access.is_team_member and bool(access.contributes_for) and access.inspection.is_writable


def case_sample_may_change(access: InspectionAccess) -> bool:
    """The team corrects what it recorded while it may write; after publication nothing changes
    (DESIGN rule 8) except the erasure of personal details (rule 14)."""
    return case_sample_may_add(access)


def check_manage_programme(user: User) -> None:
    """Setting inspections up (window, participants, team) is for programme staff."""
    refuse_unless(is_programme_admin(user), NOT_ALLOWED_TO_MANAGE)


def check_manage_areas(user: User) -> None:
    """An area's partner bodies and contacts are kept by programme staff (DESIGN rule 18)."""
    refuse_unless(is_programme_admin(user), NOT_ALLOWED_TO_MANAGE_AREAS)


def area_readable(user: User, local_authority: LocalAuthority) -> bool:
    """Programme staff, and the team of a live inspection of the area, may read its partner bodies
    and contacts.

    Need to know: the contacts are people's names and email addresses, which the team needs only
    while it inspects the area (up to the factual accuracy round); a published or withdrawn
    inspection's team no longer does. One query.
    """
    if is_programme_admin(user):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    live = Inspection.objects.filter(local_authority=local_authority).exclude(
        status__in=CLOSED_STATUSES
    )
    return UserObjectPermission.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(Inspection),
        permission__codename=VIEW_PERMISSION,
        object_pk__in=live.annotate(pk_text=Cast("pk", CharField())).values("pk_text"),
    ).exists()


def area_readable_from(access: InspectionAccess) -> bool:
    """The same answer as `area_readable`, from what the inspection page already knows."""
    live = access.inspection.status not in CLOSED_STATUSES
    return access.is_programme_admin or (access.is_team_member and live)


def check_move_stage(access: InspectionAccess) -> None:
    refuse_unless(access.can_move_stage, NOT_ALLOWED_TO_MOVE)


def check_add_case_sample(access: InspectionAccess) -> None:
    refuse_unless(case_sample_may_add(access), CASE_SAMPLE_NOT_ALLOWED)


def check_change_case_sample(access: InspectionAccess) -> None:
    refuse_unless(case_sample_may_change(access), CASE_SAMPLE_CHANGE_NOT_ALLOWED)


def inspection_access(user: User, inspection: Inspection) -> InspectionAccess:
    """What `user` may do on `inspection`: no query when the inspection was read through
    `with_access_of` for the same user, otherwise four (the programme permission, the
    participations, the user's rights)."""
    if not (user.is_authenticated and user.is_active):
        return InspectionAccess(inspection, False, False, False, frozenset(), frozenset())
    if getattr(inspection, "access_user_id", None) == user.pk:
        is_member = inspection.access_member
        admin = inspection.access_programme
        contributes = frozenset(inspection.access_contributes)
        leads = frozenset(inspection.access_leads)
    else:
        admin = is_programme_admin(user)
        participations = list(inspection.participations.select_related("inspectorate"))
        granted = _object_permissions(user, inspection, participations)
        is_member = (Inspection, inspection.pk, VIEW_PERMISSION) in granted
        contributes, leads = (
            frozenset(
                p.inspectorate.code
                for p in participations
                if (Participation, p.pk, codename) in granted
            )
            for codename in (CONTRIBUTE_PERMISSION, LEAD_PERMISSION)
        )
    return InspectionAccess(
        inspection=inspection,
        is_programme_admin=admin,
        is_team_member=is_member,
        is_lead_inspector=is_member and inspection.lead_inspector_id == user.pk,
        contributes_for=frozenset(contributes),
        leads_for=frozenset(leads),
    )


def with_access_of(inspections: QuerySet[Inspection], user: User) -> QuerySet[Inspection]:
    """`inspections`, each carrying what `user` may do on it, read in the same query.

    Every signed-in page of an inspection asks this, so the answer `inspection_access` would
    read in four more queries (the programme permission from the user's own and their groups'
    rows, the participations, guardian's rights on the inspection and its participations) is
    worked out by PostgreSQL beside the inspection's row: the same rows, read in the same
    statement, so never from another moment than the inspection itself. Nothing is remembered
    between requests: a member removed from the team is refused on their next request.

    Superusers and signed-out visitors are answered by `inspection_access` itself, unchanged;
    so is every user on the embedded SQLite database of the demo (ADR 0006), which has no
    arrays: there the four queries run as before.
    """
    if not (user.is_authenticated and user.is_active) or user.is_superuser:
        return inspections
    if connections[inspections.db].vendor != "postgresql":
        return inspections
    return inspections.annotate(
        access_user_id=Value(user.pk, output_field=IntegerField()),
        **access_annotations(
            user.pk, PROGRAMME_PERMISSION, VIEW_PERMISSION, CONTRIBUTE_PERMISSION, LEAD_PERMISSION
        ),
    )


def _object_permissions(
    user: AbstractBaseUser, inspection: Inspection, participations: list[Participation]
) -> set[tuple[type, int, str]]:
    """(model, pk, codename) of every guardian right the user holds on the inspection and its
    participations, in one query.

    Every page of an inspection asks this, so it reads guardian's user rows directly instead of
    through ObjectPermissionChecker (four queries: user and group rows, for each model).
    `sync_team_permissions` grants rights to users only, never to groups; a superuser holds
    every right, as with guardian's checker.
    """
    objects = [(Inspection, inspection.pk)] + [(Participation, p.pk) for p in participations]
    if user.is_superuser:
        codenames = {
            Inspection: [VIEW_PERMISSION],
            Participation: [CONTRIBUTE_PERMISSION, LEAD_PERMISSION],
        }
        return {(model, pk, name) for model, pk in objects for name in codenames[model]}
    types = ContentType.objects.get_for_models(Inspection, Participation)
    model_of = {types[model].pk: model for model in (Inspection, Participation)}
    rows = UserObjectPermission.objects.filter(
        Q(content_type=types[Inspection], object_pk=str(inspection.pk))
        | Q(
            content_type=types[Participation],
            object_pk__in=[str(p.pk) for p in participations],
        ),
        user=user,
    ).values_list("content_type_id", "object_pk", "permission__codename")
    return {(model_of[type_id], int(pk), codename) for type_id, pk, codename in rows}


def sync_team_permissions(inspection: Inspection) -> None:
    """Make the guardian rows on this inspection say exactly what its team says."""
    participations = list(inspection.participations.select_related("inspectorate"))
    for model, pks in (
        (Inspection, [inspection.pk]),
        (Participation, [p.pk for p in participations]),
    ):
        UserObjectPermission.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_pk__in=[str(pk) for pk in pks],
        ).delete()
    members = list(inspection.team.select_related("user", "inspectorate"))
    by_inspectorate = {p.inspectorate_id: p for p in participations}
    for member in members:
        assign_perm(VIEW_PERMISSION, member.user, inspection)
        participation = by_inspectorate.get(member.inspectorate_id)
        if participation is not None:
            assign_perm(CONTRIBUTE_PERMISSION, member.user, participation)
    for participation in participations:
        if participation.lead is not None:
            assign_perm(LEAD_PERMISSION, participation.lead, participation)
