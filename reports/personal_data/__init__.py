"""The personal-data check (DESIGN rule 19): nothing a reader could recognise a child by, nor the
people around the child, reaches the public; a staff name or a name alone asks a reviewer.

The check reads what a reader reads: the text of the rendered HTML and the text of every page of
the PDF, folded so that case, accents, ligatures, look-alike letters and line-broken hyphens do
not hide a name (`normalise`). It looks for every form of every recorded name and reference
(`terms`) with one multi-pattern matcher, and for dates of birth and identifiers by their form
(`identifiers`); `match` puts the two together and says where each finding is.

Findings quote the words around what was found, for the inspection team alone: they are stored
on the report version (never logged) and the audit log never shows them.
"""

from __future__ import annotations

from core.dates import long_date
from inspections.models import CaseSample, Inspection
from judgements.models import Evidence
from reports.personal_data.match import Finding, find_personal_data, html_sections
from reports.personal_data.terms import CaseRecord, Term, Terms, build

__all__ = [
    "CaseRecord",
    "Finding",
    "Term",
    "Terms",
    "build",
    "find_personal_data",
    "html_sections",
    "personal_data_terms",
    "terms_digest",
]


def case_record(case: CaseSample) -> CaseRecord:
    return CaseRecord(
        reference=case.internal_reference,
        child_name=case.child_name,
        date_of_birth=case.date_of_birth,
        agency_references=tuple(case.agency_reference_list),
        family_members=tuple(case.family_member_list),
        carers=tuple(case.carer_list),
        aliases=tuple(case.alias_list),
        school=case.school,
    )


def personal_data_terms(*, inspection: Inspection) -> Terms:
    """Everything recorded about the inspection's children, the people around them, and the
    staff named in its evidence. Two queries."""
    cases = [
        case_record(case)
        for case in CaseSample.objects.filter(inspection=inspection).order_by("internal_reference")
    ]
    evidence = Evidence.objects.filter(inspection=inspection).exclude(staff_names="")
    staff = [
        (
            name,
            f"{item.inspectorate.name}'s evidence of {long_date(item.observed_on)}",
        )
        for item in evidence.select_related("inspectorate").order_by("observed_on", "id")
        for name in item.staff_name_list
    ]
    return build(cases, staff)


def terms_digest(terms: Terms) -> str:
    """Changes whenever anything looked for changes: a check run before is then out of date."""
    return terms.digest()
