"""The people around the demo's children: family members, carers, other names and a school on
the Ashdown fieldwork inspection's case samples (seeded by `judgements.demo`).

Through the real update service, so the demo has the history a real change would. Idempotent:
a case already holding these people is left alone. Every name here is made up, and none of them
is in any demo report's text (the personal-data check would rightly refuse it).
"""

from __future__ import annotations

from inspections.case_samples import (
    CaseDetails,
    age_band_error,
    age_band_for,
    case_sample_update,
    case_sample_version,
)
from inspections.demo import DemoInspection
from inspections.models import CaseSample

# internal reference: (family members, carers, other names, school)
DEMO_PEOPLE = {
    "ASH-T01": (["Dana Ellery", "Kai Ellery"], ["Rosalind Varga"], ["Jordy Ellery"], ""),
    "ASH-S02": (["Leanne Thorne", "Craig Thorne"], [], [], "Little Acorns Nursery"),
    "ASH-S03": (
        ["Shannon Hobbs"],
        ["Winston Adebayo-Reid"],
        ["Ty Hobbs"],
        "Greyfriars Lane College",
    ),
}


def _age_band(case: CaseSample, start) -> str:
    """The recorded band, or the one its date of birth gives at the start: the demo's first
    cases were recorded before the age band was checked against the date of birth."""
    born = case.date_of_birth
    if (
        born is None
        or age_band_error(date_of_birth=born, age_band=case.age_band, start=start) is None
    ):
        return case.age_band
    return age_band_for(date_of_birth=born, start=start)


def seed(seeded: DemoInspection) -> None:
    inspection = seeded.inspection
    cases = CaseSample.objects.filter(
        inspection=inspection, internal_reference__in=DEMO_PEOPLE
    ).prefetch_related("agencies_involved")
    for case in cases:
        family, carers, aliases, school = DEMO_PEOPLE[case.internal_reference]
        wanted = ("\n".join(family), "\n".join(carers), "\n".join(aliases), school)
        if (case.family_members, case.carers, case.aliases, case.school) == wanted:
            continue
        case_sample_update(
            acting_user=seeded.people["ofsted.lead"],
            case=case,
            seen_version=case_sample_version(case),
            details=CaseDetails(
                internal_reference=case.internal_reference,
                tracking=case.tracking,
                age_band=_age_band(case, inspection.window_start),
                child_name=case.child_name,
                date_of_birth=case.date_of_birth,
                agency_references=case.agency_references,
                family_members=wanted[0],
                carers=wanted[1],
                aliases=wanted[2],
                school=school,
            ),
            agencies_involved=[agency.code for agency in case.agencies_involved.all()],
        )
