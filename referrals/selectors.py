"""Reads of concern referrals that views, gates and the report share, in fixed query counts."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Expression, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from inspections.models import CaseSample, Inspection, PartnerBody, TeamMember
from referrals.models import ConcernReferral

NO_RESPONSE = "Referral {number} about {child} has no response from {agency} recorded"


def referrals_for_inspection(*, inspection: Inspection) -> QuerySet[ConcernReferral]:
    return ConcernReferral.objects.filter(inspection=inspection).select_related(
        "case_sample", "partner_body", "referred_by"
    )


def open_referrals(*, inspection: Inspection) -> QuerySet[ConcernReferral]:
    return referrals_for_inspection(inspection=inspection).filter(closed_at__isnull=True)


def _any_referral_open() -> RawSQL:
    quote = connection.ops.quote_name
    referrals, inspections = ConcernReferral._meta.db_table, Inspection._meta.db_table
    return RawSQL(  # noqa: S611 - a fixed statement: table names from the models, no values
        f"EXISTS (SELECT 1 FROM {quote(referrals)} r WHERE r.inspection_id = "  # noqa: S608
        f"{quote(inspections)}.{quote(Inspection._meta.pk.column)} AND r.closed_at IS NULL)",
        (),
        BooleanField(),
    )


# Whether any referral is open, read with the inspection by a page that shows the open referrals
# panel (the workspace): the panel then reads the referrals only when there are some to show. As
# SQL, not the ORM's Exists, which took longer to compile than to run (bench/README.md fix 11).
OPEN_REFERRALS_ANNOTATIONS: dict[str, Expression] = {"any_referral_open": _any_referral_open()}


def referral_get(*, inspection: Inspection, number: int) -> ConcernReferral:
    referral = (
        referrals_for_inspection(inspection=inspection)
        .select_related("recorded_by", "closed_by", "last_changed_by")
        .prefetch_related("escalation_notices__recipient")
        .filter(number=number)
        .first()
    )
    if referral is None:
        raise Http404("No such referral.")
    # The page already has the inspection: no second read of it.
    referral.inspection = inspection
    return referral


def referral_count(inspection: Inspection) -> int:
    """How many referrals the inspection made: the report prints this number, nothing else."""
    return ConcernReferral.objects.filter(inspection=inspection).count()


def referrals_blocking_drafting(*, inspection: Inspection) -> list[str]:
    """The `enter:drafting` gate (DESIGN rule 13): each referral without a response, by its
    number, the child's reference and the agency; never the child's name."""
    waiting = referrals_for_inspection(inspection=inspection).filter(
        response_received_at__isnull=True
    )
    messages = []
    for referral in waiting.order_by("number"):
        child = f"case {referral.child}" if referral.case_sample_id else f"child {referral.child}"
        messages.append(
            NO_RESPONSE.format(
                number=referral.number, child=child, agency=referral.partner_body.name
            )
        )
    return messages


def case_samples_for_referral(*, inspection: Inspection) -> QuerySet[CaseSample]:
    return inspection.case_samples.order_by("internal_reference")


def agencies_for_referral(*, inspection: Inspection) -> QuerySet[PartnerBody]:
    return PartnerBody.objects.filter(local_authority=inspection.local_authority_id).order_by(
        "kind", "name"
    )


def team_for_referral(*, inspection: Inspection) -> QuerySet[TeamMember]:
    return inspection.team.select_related("user", "inspectorate")
