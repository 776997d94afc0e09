"""Recording and changing the children's cases the team looks at, and reading their history.

A case sample holds a child's personal details (name, date of birth, agency references, the
people around the child, aliases, school): they are for the team only and never published, and
everywhere else the case is called by its internal reference. The names of the people around
the child are recorded so that the personal-data check can keep each of them out of the report
(DESIGN rule 19); they are erased a set time after publication (rule 14).

Each write checks who is acting, applies every rule before saving anything (a refused case is
refused whole), and leaves a history record naming the acting user and the reason, in one
transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from core.dates import long_date
from core.history import Change, history_changes, history_kind, linked_ids
from core.models import record_change
from core.text import display_name, one_per_line, tidy_one_per_line
from core.versioning import check_version_seen
from inspections.models import AgeBand, CaseSample, CaseTracking, Inspection
from inspections.permissions import (
    check_add_case_sample,
    check_change_case_sample,
    inspection_access,
)
from inspectorates.models import Inspectorate

CASE_REFERENCE_REQUIRED = "Enter the case's internal reference"
CASE_REFERENCE_TAKEN = "Case {reference} is already recorded on this inspection"
CASE_TRACKING_REQUIRED = "Select whether the case is tracked or sampled"
CASE_AGE_BAND_REQUIRED = "Select the child's age band"
CASE_CHILD_NAME_REQUIRED = "Enter the child's name"
CASE_BORN_IN_FUTURE = "The date of birth must be in the past"
# The age band is the child's age when the inspection starts (its window's first day).
CASE_AGE_OUTSIDE_BAND = (
    "The date of birth makes the child {age} at the start of the inspection, which is not in "
    "the age band {band}"
)
CASE_BORN_AFTER_START = (
    "The date of birth is after the start of the inspection, so the age band must be under 1"
)
CASE_NAME_MAX_LENGTH = 120
CASE_NAME_TOO_LONG = "{what}: each line must be {limit} characters or fewer"
CASE_SCHOOL_MAX_LENGTH = 160
CASE_SCHOOL_TOO_LONG = f"The school must be {CASE_SCHOOL_MAX_LENGTH} characters or fewer"
CASE_CHANGED_SINCE = (
    "Someone changed this case sample after you opened it, so your changes were not saved. "
    "Open the case sample again to see what it says now."
)
CASE_REASON_ADDED = "Case sample added"
CASE_REASON_CHANGED = "Case sample changed"

# Youngest and oldest age in years of each band; None: no upper bound (care leavers).
AGE_BAND_YEARS: dict[str, tuple[int, int | None]] = {
    AgeBand.UNDER_1: (0, 0),
    AgeBand.AGE_1_4: (1, 4),
    AgeBand.AGE_5_9: (5, 9),
    AgeBand.AGE_10_15: (10, 15),
    AgeBand.AGE_16_17: (16, 17),
    AgeBand.CARE_LEAVER: (18, None),
}

# The lists typed one name (or reference) a line, and what a message calls each.
LIST_FIELDS = {
    "agency_references": "Agency references",
    "family_members": "Family members",
    "carers": "Carers",
    "aliases": "Other names",
}
# Every personal detail of a case sample: shown to the team only, erased after publication.
PERSONAL_FIELDS = (
    "child_name",
    "date_of_birth",
    "agency_references",
    "family_members",
    "carers",
    "aliases",
    "school",
)


@dataclass(frozen=True)
class CaseDetails:
    """What a user types about a case: everything but its inspection and who added it."""

    internal_reference: str
    tracking: str
    age_band: str
    child_name: str
    date_of_birth: datetime.date | None = None
    agency_references: str = ""
    family_members: str = ""
    carers: str = ""
    aliases: str = ""
    school: str = ""

    def tidied(self) -> CaseDetails:
        lists = {name: tidy_one_per_line(getattr(self, name)) for name in LIST_FIELDS}
        return CaseDetails(
            internal_reference=(self.internal_reference or "").strip(),
            tracking=self.tracking,
            age_band=self.age_band,
            child_name=(self.child_name or "").strip(),
            date_of_birth=self.date_of_birth,
            school=(self.school or "").strip(),
            **lists,
        )


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Whole years from `born` to `day` (a 29 February birthday comes on 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band_for(*, date_of_birth: datetime.date, start: datetime.date) -> str:
    """The age band a child born on `date_of_birth` is in at `start` (under 1 if born later)."""
    age = max(age_on(date_of_birth, start), 0)
    return next(
        band
        for band, (youngest, oldest) in AGE_BAND_YEARS.items()
        if youngest <= age and (oldest is None or age <= oldest)
    )


def _band_label(age_band: str) -> str:
    label = str(AgeBand(age_band).label)
    return label[0].lower() + label[1:] if label.startswith("Under") else label


def age_band_error(
    *, date_of_birth: datetime.date, age_band: str, start: datetime.date
) -> str | None:
    """Why the date of birth does not fit the age band at the inspection's start, or None."""
    if date_of_birth > start:
        return None if age_band == AgeBand.UNDER_1 else CASE_BORN_AFTER_START
    if age_band_for(date_of_birth=date_of_birth, start=start) == age_band:
        return None
    age = age_on(date_of_birth, start)
    return CASE_AGE_OUTSIDE_BAND.format(
        age="under 1" if age == 0 else age, band=_band_label(age_band)
    )


def _birth_error(details: CaseDetails, *, start: datetime.date) -> str | None:
    born = details.date_of_birth
    if born is None:
        return None
    if born >= timezone.localdate():
        return CASE_BORN_IN_FUTURE
    if details.age_band not in AgeBand.values:
        return None  # the age band's own error says what to do
    return age_band_error(date_of_birth=born, age_band=details.age_band, start=start)


def _errors(
    *, inspection: Inspection, details: CaseDetails, case: CaseSample | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    others = inspection.case_samples.all()
    if case is not None:
        others = others.exclude(pk=case.pk)
    if not details.internal_reference:
        errors["internal_reference"] = [CASE_REFERENCE_REQUIRED]
    elif others.filter(internal_reference=details.internal_reference).exists():
        errors["internal_reference"] = [
            CASE_REFERENCE_TAKEN.format(reference=details.internal_reference)
        ]
    if details.tracking not in CaseTracking.values:
        errors["tracking"] = [CASE_TRACKING_REQUIRED]
    if details.age_band not in AgeBand.values:
        errors["age_band"] = [CASE_AGE_BAND_REQUIRED]
    if not details.child_name:
        errors["child_name"] = [CASE_CHILD_NAME_REQUIRED]
    if message := _birth_error(details, start=inspection.window_start):
        errors["date_of_birth"] = [message]
    for name, what in LIST_FIELDS.items():
        if any(len(line) > CASE_NAME_MAX_LENGTH for line in one_per_line(getattr(details, name))):
            errors[name] = [CASE_NAME_TOO_LONG.format(what=what, limit=CASE_NAME_MAX_LENGTH)]
    if len(details.school) > CASE_SCHOOL_MAX_LENGTH:
        errors["school"] = [CASE_SCHOOL_TOO_LONG]
    return errors


def _apply(case: CaseSample, details: CaseDetails) -> None:
    for name in (
        "internal_reference",
        "tracking",
        "age_band",
        "child_name",
        "date_of_birth",
        "school",
        *LIST_FIELDS,
    ):
        setattr(case, name, getattr(details, name))


def _set_agencies(case: CaseSample, agencies_involved: Iterable[Inspectorate | str]) -> None:
    codes = {a if isinstance(a, str) else a.code for a in agencies_involved}
    wanted = set(Inspectorate.objects.filter(code__in=codes).values_list("pk", flat=True))
    if wanted != set(case.agencies_involved.values_list("pk", flat=True)):
        case.agencies_involved.set(wanted)


@sensitive_variables()  # an error report shows none of a child's details
@transaction.atomic
def case_sample_create(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    internal_reference: str,
    tracking: str,
    age_band: str,
    child_name: str,
    date_of_birth: datetime.date | None = None,
    agency_references: str = "",
    agencies_involved: Iterable[Inspectorate | str] = (),
    family_members: str = "",
    carers: str = "",
    aliases: str = "",
    school: str = "",
) -> CaseSample:
    """Record a child's case the team looks at. Everywhere but the team's case pages it is
    called by its internal reference, so choose one that does not identify the child."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    check_add_case_sample(inspection_access(acting_user, inspection))
    details = CaseDetails(
        internal_reference=internal_reference,
        tracking=tracking,
        age_band=age_band,
        child_name=child_name,
        date_of_birth=date_of_birth,
        agency_references=agency_references,
        family_members=family_members,
        carers=carers,
        aliases=aliases,
        school=school,
    ).tidied()
    if errors := _errors(inspection=inspection, details=details, case=None):
        raise ValidationError(errors)
    case = CaseSample(inspection=inspection, added_by=acting_user)
    _apply(case, details)
    record_change(case, acting_user=acting_user, reason=CASE_REASON_ADDED)
    case.save()
    _set_agencies(case, agencies_involved)
    return case


def case_sample_version(case: CaseSample) -> int:
    """The version of the case a page shows: the id of its newest history record."""
    newest = case.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return newest or 0


@sensitive_variables()  # an error report shows none of a child's details
@transaction.atomic
def case_sample_update(
    *,
    acting_user: AbstractBaseUser,
    case: CaseSample,
    seen_version: int | None,
    details: CaseDetails,
    agencies_involved: Iterable[Inspectorate | str] = (),
) -> CaseSample:
    """Change what is recorded about a case: all of it or none of it, only while the team may
    write, and only if nobody changed it since the user's page showed it."""
    inspection = Inspection.objects.select_for_update().get(pk=case.inspection_id)
    check_change_case_sample(inspection_access(acting_user, inspection))
    case = CaseSample.objects.select_for_update().get(pk=case.pk)
    check_version_seen(
        case, seen_version, message=CASE_CHANGED_SINCE, version=case_sample_version(case)
    )
    details = details.tidied()
    if errors := _errors(inspection=inspection, details=details, case=case):
        raise ValidationError(errors)
    _apply(case, details)
    record_change(case, acting_user=acting_user, reason=CASE_REASON_CHANGED)
    case.save()
    _set_agencies(case, agencies_involved)
    return case


# --- History ----------------------------------------------------------------------------------

_HISTORY_FIELDS = (
    "internal_reference",
    "tracking",
    "age_band",
    "agencies_involved",
    *PERSONAL_FIELDS,
    "personal_details_erased_at",
)
_HISTORY_LABELS = {
    "tracking": "Tracked or sampled",
    "child_name": "Child's name",
    "agency_references": "Agency references",
    "family_members": "Family members",
    "aliases": "Other names",
    "agencies_involved": "Agencies involved",
    "personal_details_erased_at": "Personal details erased",
}


@dataclass(frozen=True)
class CaseHistoryEntry:
    when: datetime.datetime
    who: str
    reason: str
    kind: str
    changes: list[Change]


def case_sample_history(*, case: CaseSample) -> list[CaseHistoryEntry]:
    """Every recorded change of the case, oldest first: who, when, why, values before and after.

    Erased personal details are blank in every record (DESIGN rule 14), so the history shows
    them as blank too.
    """
    records = list(case.history.select_related("history_user").order_by("history_id"))
    names = dict(
        Inspectorate.objects.filter(pk__in=linked_ids(records, "agencies_involved")).values_list(
            "pk", "name"
        )
    )

    def shown(name: str, value: Any) -> str:
        if name == "agencies_involved":
            return ", ".join(names.get(pk, str(pk)) for pk in value)
        if value in (None, ""):
            return ""
        if name == "tracking":
            return str(CaseTracking(value).label)
        if name == "age_band":
            return str(AgeBand(value).label)
        if name == "date_of_birth":
            return long_date(value)
        if name == "personal_details_erased_at":
            return long_date(value)
        return str(value)

    entries, previous = [], None
    for record in records:
        changes = history_changes(
            record, previous, fields=_HISTORY_FIELDS, labels=_HISTORY_LABELS, shown=shown
        )
        entries.append(
            CaseHistoryEntry(
                when=record.history_date,
                who=display_name(record.history_user) if record.history_user else "The service",
                reason=record.history_change_reason or "",
                kind=history_kind(record),
                changes=changes,
            )
        )
        previous = record
    return entries
