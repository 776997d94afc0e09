"""Changes to area selection: indicators, concerns, policy versions, programme years, decisions.

Each function checks that a programme administrator is acting, applies the rule, and leaves a
history record naming the acting user and the reason (django-simple-history), in one
transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import record_change
from inspections.models import LocalAuthority
from inspectorates.models import Inspectorate
from selection import selectors
from selection.indicators import IndicatorValues, indicator_errors, indicators_csv_parse, one_place
from selection.models import (
    AreaIndicators,
    Decision,
    DecisionOutcome,
    PartnerConcern,
    ProgrammeYear,
    SelectionPolicy,
)
from selection.permissions import check_manage_selection
from selection.policy import POLICY_CHANGED_MEANWHILE, POLICY_UNCHANGED, policy_check, same_policy
from selection.ranking import ExcludedArea

# Partner concerns
CONCERN_IN_FUTURE = "The date the concern was raised must be today or in the past."
CONCERN_NEEDS_SUMMARY = "Enter what the concern is."

# Programme years and decisions
PROGRAMME_YEAR_EXISTS = "There is already a programme year {label}."
FIRST_YEAR, LAST_YEAR, MAX_PLACES = 2014, 2100, 500
YEAR_RANGE = f"The programme year must start in a year from {FIRST_YEAR} to {LAST_YEAR}."
PLACES_RANGE = f"The number of places must be between 1 and {MAX_PLACES}."
PLACES_BELOW_SELECTED = (
    "{count} areas are already selected for {year}: defer or do not select some of them before "
    "reducing the places to {places}."
)
NO_POLICY = "There is no selection policy yet: set one up first."
DECISION_NEEDS_RATIONALE = "Enter the reason for the decision."
DECISION_UNKNOWN_OUTCOME = "Select selected, deferred or not selected."
NOT_A_CANDIDATE = "{area} is not a candidate under policy version {version}: {reason}."
PLACES_FULL = "All {places} places for {year} are taken: defer or do not select another area first."


# ------------------------------------------------------------------------------------------------
# Indicators
# ------------------------------------------------------------------------------------------------


def _write_indicators(
    *,
    acting_user: AbstractBaseUser,
    local_authority: LocalAuthority,
    existing: AreaIndicators | None,
    values: IndicatorValues,
    reason: str,
) -> bool:
    """Save the values if they differ from what is held; True when something changed."""
    indicators = existing or AreaIndicators(local_authority=local_authority)
    new = {
        "ofsted_grade": values.ofsted_grade,
        "ofsted_judged_on": values.ofsted_judged_on,
        "last_joint_inspection_on": values.last_joint_inspection_on,
        "re_referral_rate": one_place(values.re_referral_rate),
        "child_protection_plan_rate": one_place(values.child_protection_plan_rate),
        "looked_after_rate": one_place(values.looked_after_rate),
    }
    if existing is not None and all(getattr(existing, k) == v for k, v in new.items()):
        return False
    for name, value in new.items():
        setattr(indicators, name, value)
    indicators.updated_by = acting_user
    record_change(indicators, acting_user=acting_user, reason=reason)
    indicators.save()
    return True


@transaction.atomic
def area_indicators_save(
    *,
    acting_user: AbstractBaseUser,
    local_authority: LocalAuthority,
    ofsted_grade: str,
    ofsted_judged_on: datetime.date | None,
    last_joint_inspection_on: datetime.date | None,
    re_referral_rate: Decimal | None,
    child_protection_plan_rate: Decimal | None,
    looked_after_rate: Decimal | None,
) -> AreaIndicators:
    """Record what is known about one area; a blank value means it is not held."""
    check_manage_selection(acting_user)
    values = IndicatorValues(
        ofsted_grade=ofsted_grade,
        ofsted_judged_on=ofsted_judged_on,
        last_joint_inspection_on=last_joint_inspection_on,
        re_referral_rate=re_referral_rate,
        child_protection_plan_rate=child_protection_plan_rate,
        looked_after_rate=looked_after_rate,
    )
    errors = indicator_errors(values)
    if errors:
        raise ValidationError(errors)
    existing = (
        AreaIndicators.objects.select_for_update().filter(local_authority=local_authority).first()
    )
    _write_indicators(
        acting_user=acting_user,
        local_authority=local_authority,
        existing=existing,
        values=values,
        reason="Indicators changed",
    )
    return AreaIndicators.objects.get(local_authority=local_authority)


@dataclass(frozen=True)
class ImportResult:
    rows: int
    changed: int


@transaction.atomic
def indicators_import_csv(
    *, acting_user: AbstractBaseUser, data: bytes, filename: str = "indicators.csv"
) -> ImportResult:
    """Import a whole file of indicators, or nothing: one bad row rejects the file."""
    check_manage_selection(acting_user)
    rows = indicators_csv_parse(data=data)
    existing = {
        i.local_authority_id: i
        for i in AreaIndicators.objects.select_for_update().filter(
            local_authority__in=[row.local_authority for row in rows]
        )
    }
    changed = 0
    for row in rows:
        changed += _write_indicators(
            acting_user=acting_user,
            local_authority=row.local_authority,
            existing=existing.get(row.local_authority.pk),
            values=row.values,
            reason=f"Imported from {filename[:60]}, row {row.row}",
        )
    return ImportResult(rows=len(rows), changed=changed)


# ------------------------------------------------------------------------------------------------
# Partner concerns
# ------------------------------------------------------------------------------------------------


@transaction.atomic
def partner_concern_record(
    *,
    acting_user: AbstractBaseUser,
    local_authority: LocalAuthority,
    inspectorate: Inspectorate,
    raised_on: datetime.date,
    summary: str,
    raised_by: str = "",
) -> PartnerConcern:
    check_manage_selection(acting_user)
    errors: dict[str, list[str]] = {}
    if raised_on > timezone.localdate():
        errors["raised_on"] = [CONCERN_IN_FUTURE]
    if not summary.strip():
        errors["summary"] = [CONCERN_NEEDS_SUMMARY]
    if errors:
        raise ValidationError(errors)
    concern = PartnerConcern(
        local_authority=local_authority,
        inspectorate=inspectorate,
        raised_on=raised_on,
        raised_by=raised_by.strip(),
        summary=summary.strip(),
        recorded_by=acting_user,
    )
    record_change(concern, acting_user=acting_user, reason="Concern recorded")
    concern.save()
    return concern


@transaction.atomic
def partner_concern_delete(*, acting_user: AbstractBaseUser, concern: PartnerConcern) -> None:
    """Remove a concern recorded in error; its history keeps what it said and who removed it."""
    check_manage_selection(acting_user)
    record_change(concern, acting_user=acting_user, reason="Concern removed")
    concern.delete()


# ------------------------------------------------------------------------------------------------
# Policy versions
# ------------------------------------------------------------------------------------------------


@transaction.atomic
def selection_policy_create(
    *,
    acting_user: AbstractBaseUser,
    based_on_version: int | None,
    criteria: Mapping[str, Mapping[str, Decimal | int]],
    revisit_always_candidate: bool,
    revisit_window_months: int,
    recently_inspected_months: int,
    quota_fraction: Decimal,
    change_note: str,
) -> SelectionPolicy:
    """Make a new version of the policy. Earlier versions, and decisions made on them, stay."""
    check_manage_selection(acting_user)
    # Serialise policy changes: the newest version is read and replaced under one lock.
    current = SelectionPolicy.objects.select_for_update().order_by("-version").first()
    current_version = current.version if current else None
    if based_on_version != current_version:
        raise ValidationError(POLICY_CHANGED_MEANWHILE.format(version=current_version))
    candidate, errors = policy_check(
        criteria=criteria,
        revisit_always_candidate=revisit_always_candidate,
        revisit_window_months=revisit_window_months,
        recently_inspected_months=recently_inspected_months,
        quota_fraction=quota_fraction,
        change_note=change_note,
    )
    if errors:
        raise ValidationError(errors)
    if current is not None and same_policy(current, candidate):
        raise ValidationError(POLICY_UNCHANGED)
    policy = SelectionPolicy(
        version=(current_version or 0) + 1,
        change_note=change_note.strip(),
        created_by=acting_user,
        **candidate,
    )
    record_change(policy, acting_user=acting_user, reason=f"Policy version {policy.version}")
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError as error:
        # The first version has no row to lock: two first saves at once meet here.
        raise ValidationError(POLICY_CHANGED_MEANWHILE.format(version=policy.version)) from error
    return policy


# ------------------------------------------------------------------------------------------------
# Programme years and decisions
# ------------------------------------------------------------------------------------------------


@transaction.atomic
def programme_year_create(
    *, acting_user: AbstractBaseUser, year: int, places: int
) -> ProgrammeYear:
    check_manage_selection(acting_user)
    programme_year = ProgrammeYear(year=year, places=places, created_by=acting_user)
    errors = _check_places(places)
    if not (FIRST_YEAR <= year <= LAST_YEAR):
        errors["year"] = [YEAR_RANGE]
    if errors:
        raise ValidationError(errors)
    if ProgrammeYear.objects.filter(year=year).exists():
        raise ValidationError({"year": [PROGRAMME_YEAR_EXISTS.format(label=programme_year.label)]})
    record_change(programme_year, acting_user=acting_user, reason="Programme year set up")
    try:
        with transaction.atomic():
            programme_year.save()
    except IntegrityError as error:
        raise ValidationError(
            {"year": [PROGRAMME_YEAR_EXISTS.format(label=programme_year.label)]}
        ) from error
    return programme_year


def _check_places(places: int) -> dict[str, list[str]]:
    return {} if 1 <= places <= MAX_PLACES else {"places": [PLACES_RANGE]}


def _selected_count(programme_year: ProgrammeYear, *, other_than: int | None = None) -> int:
    decisions = programme_year.decisions.filter(outcome=DecisionOutcome.SELECTED)
    if other_than is not None:
        decisions = decisions.exclude(local_authority_id=other_than)
    return decisions.count()


@transaction.atomic
def programme_year_set_places(
    *, acting_user: AbstractBaseUser, programme_year: ProgrammeYear, places: int
) -> ProgrammeYear:
    check_manage_selection(acting_user)
    programme_year = ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    programme_year.places = places
    errors = _check_places(places)
    if errors:
        raise ValidationError(errors)
    selected = _selected_count(programme_year)
    if selected > places:
        raise ValidationError(
            {
                "places": [
                    PLACES_BELOW_SELECTED.format(
                        count=selected, year=programme_year.label, places=places
                    )
                ]
            }
        )
    record_change(programme_year, acting_user=acting_user, reason=f"Places: {places}")
    programme_year.save()
    return programme_year


@transaction.atomic
def decision_record(
    *,
    acting_user: AbstractBaseUser,
    programme_year: ProgrammeYear,
    local_authority: LocalAuthority,
    outcome: str,
    rationale: str,
) -> Decision:
    """Record (or change) whether an area is inspected in the year, with the score behind it.

    The decision keeps the policy version, rank, score and reasons of the moment it was made:
    a later policy version leaves it exactly as it was.
    """
    check_manage_selection(acting_user)
    # One decision at a time per year, so that two people cannot both fill the last place.
    programme_year = ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    errors: dict[str, list[str]] = {}
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = [DECISION_UNKNOWN_OUTCOME]
    if not rationale.strip():
        errors["rationale"] = [DECISION_NEEDS_RATIONALE]
    if errors:
        raise ValidationError(errors)
    policy = selectors.selection_policy_current()
    if policy is None:
        raise ValidationError(NO_POLICY)
    ranking = selectors.programme_year_ranking(programme_year=programme_year, policy=policy)
    found = ranking.find(local_authority.pk)
    if isinstance(found, ExcludedArea):
        if outcome == DecisionOutcome.SELECTED:
            raise ValidationError(
                {
                    "outcome": [
                        NOT_A_CANDIDATE.format(
                            area=local_authority.name, version=policy.version, reason=found.reason
                        )
                    ]
                }
            )
        snapshot = {
            "score": Decimal(0),
            "rank": None,
            "was_recommended": False,
            "reasons": [found.reason],
        }
    else:
        snapshot = {
            "score": found.score,
            "rank": found.rank,
            "was_recommended": found.recommended,
            "reasons": found.all_reasons,
        }
    if (
        outcome == DecisionOutcome.SELECTED
        and _selected_count(programme_year, other_than=local_authority.pk) >= programme_year.places
    ):
        raise ValidationError(
            {
                "outcome": [
                    PLACES_FULL.format(places=programme_year.places, year=programme_year.label)
                ]
            }
        )
    decision = (
        Decision.objects.filter(programme_year=programme_year, local_authority=local_authority)
        .select_for_update()
        .first()
    ) or Decision(programme_year=programme_year, local_authority=local_authority)
    decision.outcome = outcome
    decision.rationale = rationale.strip()
    decision.decided_by = acting_user
    decision.decided_at = timezone.now()
    decision.policy = policy
    for name, value in snapshot.items():
        setattr(decision, name, value)
    record_change(decision, acting_user=acting_user, reason=DecisionOutcome(outcome).label)
    decision.save()
    return decision
