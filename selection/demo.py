"""Demo data for area selection: indicators, concerns, a programme year and one decision.

Idempotent: each row is looked for before it is made, so running the seed again changes
nothing. Besides the inspections' four demo areas, it adds a few more fictional areas so that
the ranked list has enough candidates to show the quota and the exclusions at work.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from importlib import import_module

from django.apps import apps as django_apps

from inspections.demo import DemoInspection
from inspections.models import LocalAuthority, Region
from inspectorates.models import Inspectorate
from selection import selectors, services
from selection.models import (
    AreaIndicators,
    Decision,
    PartnerConcern,
    ProgrammeYear,
    SelectionPolicy,
)
from selection.ranking import RankedArea

DEMO_YEAR = 2015
DEMO_PLACES = 4

EXTRA_AREAS: list[dict] = [
    {"name": "Fernleigh", "ons_code": "E06000905", "region": Region.EAST_MIDLANDS},
    {"name": "Glenmoor", "ons_code": "E06000906", "region": Region.NORTH_EAST},
    {"name": "Hollinsford", "ons_code": "E06000907", "region": Region.WEST_MIDLANDS},
    {"name": "Kestrel Vale", "ons_code": "E06000908", "region": Region.SOUTH_WEST},
    {"name": "Larchmont", "ons_code": "E06000909", "region": Region.EAST},
    {"name": "Northam", "ons_code": "E06000910", "region": Region.SOUTH_EAST},
]

# ONS code: (grade, judged on, last joint inspection before the service, re-referrals %,
# child protection plans and looked-after children per 10,000 children)
INDICATORS: dict[str, tuple] = {
    "E06000901": ("good", "2012-10-05", "2010-03-19", "21.9", "38.4", "57.0"),
    "E08000902": ("inadequate", "2014-03-12", None, "28.1", "51.0", "72.4"),
    "E08000903": ("requires_improvement", "2013-11-20", "2010-06-18", "24.9", "44.0", "65.0"),
    "E09000904": ("outstanding", "2014-06-30", "2011-02-11", "19.8", "35.2", "48.0"),
    "E06000905": ("inadequate", "2011-05-10", "2012-01-20", "27.0", "47.3", "70.1"),
    "E06000906": ("good", "2013-07-04", None, "22.0", "40.0", "58.0"),
    "E06000907": ("requires_improvement", "2014-09-22", "2013-10-01", "30.5", "49.0", "80.2"),
    "E06000908": ("good", "2012-02-14", None, "21.5", "39.0", "55.0"),
    "E06000909": ("inadequate", "2014-11-05", "2014-01-10", "26.2", "58.3", "75.5"),
    "E06000910": ("requires_improvement", "2014-05-14", None, "26.0", "45.0", "66.0"),
}

# ONS code, inspectorate code, raised on, raised by, summary
CONCERNS: list[tuple[str, str, str, str, str]] = [
    (
        "E08000902",
        "cqc",
        "2015-02-03",
        "CQC North West region",
        "Health visiting caseloads far above the planned level; missed checks of under-ones.",
    ),
    (
        "E08000903",
        "hmic",
        "2014-09-15",
        "HMIC child protection lead",
        "Delays in police attending strategy discussions about children at risk.",
    ),
    (
        "E06000906",
        "hmi_probation",
        "2014-12-01",
        "HMI Probation youth justice team",
        "Youth offending service case records do not show risks to children in the household.",
    ),
]

FIRST_DECISION = (
    "E08000902",
    "Judged inadequate in March 2014 and due for revisit; CQC raised a concern about health "
    "visiting in February 2015.",
)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _number(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


def _is_candidate(programme_year: ProgrammeYear, area: LocalAuthority) -> bool:
    policy = selectors.selection_policy_current()
    if policy is None:
        return False
    ranking = selectors.programme_year_ranking(programme_year=programme_year, policy=policy)
    return isinstance(ranking.find(area.pk), RankedArea)


def _first_policy() -> None:
    """The policy that migration 0002 adds, where a database lost it: a test database is
    emptied by every transactional test, and the demo's ranked list needs a policy."""
    if not SelectionPolicy.objects.exists():
        first = import_module("selection.migrations.0002_first_selection_policy")
        first.add_first_policy(django_apps, None)


def seed(seeded: DemoInspection) -> None:
    admin = seeded.people["programme.admin"]
    _first_policy()
    for data in EXTRA_AREAS:
        LocalAuthority.objects.get_or_create(ons_code=data["ons_code"], defaults=data)
    areas = {area.ons_code: area for area in LocalAuthority.objects.all()}
    with_indicators = set(
        AreaIndicators.objects.values_list("local_authority__ons_code", flat=True)
    )
    for code, (grade, judged, joint, re_referrals, plans, looked_after) in INDICATORS.items():
        if code in with_indicators or code not in areas:
            continue
        services.area_indicators_save(
            acting_user=admin,
            local_authority=areas[code],
            ofsted_grade=grade,
            ofsted_judged_on=_date(judged),
            last_joint_inspection_on=_date(joint),
            re_referral_rate=_number(re_referrals),
            child_protection_plan_rate=_number(plans),
            looked_after_rate=_number(looked_after),
        )
    inspectorates = {i.code: i for i in Inspectorate.objects.all()}
    for code, inspectorate, raised_on, raised_by, summary in CONCERNS:
        exists = PartnerConcern.objects.filter(
            local_authority=areas[code],
            inspectorate=inspectorates[inspectorate],
            raised_on=_date(raised_on),
        ).exists()
        if not exists:
            services.partner_concern_record(
                acting_user=admin,
                local_authority=areas[code],
                inspectorate=inspectorates[inspectorate],
                raised_on=_date(raised_on),
                raised_by=raised_by,
                summary=summary,
            )
    programme_year = ProgrammeYear.objects.filter(year=DEMO_YEAR).first()
    if programme_year is None:
        programme_year = services.programme_year_create(
            acting_user=admin, year=DEMO_YEAR, places=DEMO_PLACES
        )
    code, rationale = FIRST_DECISION
    decided = Decision.objects.filter(programme_year=programme_year, local_authority=areas[code])
    # Another app's demo may already be inspecting the area; then there is nothing to select.
    if not decided.exists() and _is_candidate(programme_year, areas[code]):
        services.decision_record(
            acting_user=admin,
            programme_year=programme_year,
            local_authority=areas[code],
            outcome="selected",
            rationale=rationale,
        )
