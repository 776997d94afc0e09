"""The demo's joint targeted area inspections (DESIGN rule 16), through the real services: two
areas' letters on child sexual exploitation and children missing, each set up with its theme,
each agency's findings tagged, the letter agreed by every lead, the draft checked by the area,
rendered and published; then the series of the two and its published overview. Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser

from accuracy.demo import close_round_before_publication
from core.dates import long_date
from inspections import services as inspection_services
from inspections.demo import DemoInspection, move_through
from inspections.models import Inspection, InspectionStatus, LocalAuthority, TeamRole
from inspectorates.registry import InspectionKind
from lscb import services as lscb_services
from lscb.models import SharedTextKind, SignOffDecision
from narrative import services as narrative_services
from narrative.models import FindingKind
from reports.demo import render_and_publish, render_in_process
from reports.models import ReportPurpose
from thematic import services
from thematic.models import Series

THEME = "cse_missing"
AGENCIES = ("ofsted", "cqc", "hmic", "hmi_probation")
PEOPLE_PREFIX = {"ofsted": "ofsted", "cqc": "cqc", "hmic": "hmic", "hmi_probation": "probation"}
S, A = FindingKind.STRENGTH, FindingKind.AREA_FOR_IMPROVEMENT

# area -> (window start, {agency: [(kind, text, sub-themes)]})
LETTERS: dict[str, tuple[datetime.date, dict[str, list[tuple[str, str, list[str]]]]]] = {
    "Calderbridge": (
        datetime.date(2016, 6, 6),
        {
            "ofsted": [
                (
                    S,
                    "Social workers know the children at risk of exploitation well and visit "
                    "them often.",
                    ["risk_assessment"],
                ),
                (
                    A,
                    "Return home interviews are not always offered within 72 hours, and what "
                    "children say is not used to plan.",
                    ["return_interviews"],
                ),
            ],
            "cqc": [
                (
                    S,
                    "Sexual health services identify risk early and refer the same day.",
                    ["front_door", "risk_assessment"],
                ),
                (A, "GPs are not told when a child they see goes missing.", ["front_door"]),
            ],
            "hmic": [
                (
                    A,
                    "Officers do not routinely use the powers they have to disrupt adults who "
                    "exploit children.",
                    ["disruption"],
                ),
            ],
            "hmi_probation": [
                (
                    S,
                    "Youth offending workers share intelligence on exploiting adults with the "
                    "police.",
                    ["disruption", "leadership"],
                ),
            ],
        },
    ),
    "Ashdown": (
        datetime.date(2016, 11, 7),
        {
            "ofsted": [
                (
                    S,
                    "Leaders have a clear strategy for exploitation, and the partnership "
                    "tests it through audit.",
                    ["leadership"],
                ),
                (
                    S,
                    "Return home interviews are timely and their learning is mapped across "
                    "the area.",
                    ["return_interviews"],
                ),
            ],
            "cqc": [
                (
                    A,
                    "Emergency department staff do not ask about exploitation when young "
                    "people attend after being missing.",
                    ["front_door", "risk_assessment"],
                ),
            ],
            "hmic": [
                (
                    S,
                    "The police missing person unit works alongside social workers each day.",
                    ["front_door"],
                ),
                (A, "Child abduction warning notices are not used consistently.", ["disruption"]),
            ],
            "hmi_probation": [
                (
                    A,
                    "Probation staff are not trained to recognise exploitation of the young "
                    "adults they supervise.",
                    ["leadership"],
                ),
            ],
        },
    ),
}
LETTER_BODY = (
    "Between {start} and {end}, Ofsted, the Care Quality Commission, HM Inspectorate of "
    "Constabulary and HM Inspectorate of Probation carried out a joint inspection of the "
    "multi-agency response to child sexual exploitation and children missing from home, care "
    "or education in {area}.\n"
    "This letter sets out the strengths and areas for improvement each agency's inspectorate "
    "found."
)
NEXT_STEPS = (
    "The partnership should act on the areas for improvement above, agreeing who leads each "
    "action and how it will know that children are safer."
)
SERIES_TITLE = "Child sexual exploitation and children missing: joint targeted area inspections"


def _set_up(people: dict[str, AbstractBaseUser], area: LocalAuthority, start) -> Inspection:
    admin, lead = people["programme.admin"], people["ofsted.lead"]
    inspection = inspection_services.inspection_create(
        acting_user=admin,
        local_authority=area,
        kind=InspectionKind.JOINT_TARGETED_AREA,
        window_start=start,
        window_end=start + datetime.timedelta(days=11),
        inspectorate_codes=AGENCIES,
        lead_inspector=lead,
    )
    narrative_services.theme_choose(acting_user=admin, inspection=inspection, theme_code=THEME)
    for code in AGENCIES:
        for role, suffix in (
            (TeamRole.INSPECTORATE_LEAD, "lead"),
            (TeamRole.INSPECTOR, "inspector"),
        ):
            inspection_services.team_member_add(
                acting_user=admin,
                inspection=inspection,
                user=people[f"{PEOPLE_PREFIX[code]}.{suffix}"],
                role=role,
            )
    return move_through(
        acting_user=lead,
        inspection=inspection,
        stages=(InspectionStatus.NOTIFIED, InspectionStatus.FIELDWORK, InspectionStatus.DRAFTING),
    )


def agree_letter(inspection: Inspection, people: dict[str, AbstractBaseUser]) -> None:
    """The lead inspector's letter, circulated, agreed by every lead and finalised."""
    lead = people["ofsted.lead"]
    body = LETTER_BODY.format(
        start=long_date(inspection.window_start),
        end=long_date(inspection.window_end),
        area=inspection.local_authority.name,
    )
    letter = lscb_services.shared_text_save(
        acting_user=lead,
        inspection=inspection,
        kind=SharedTextKind.JOINT_LETTER,
        body=body,
        improvements=NEXT_STEPS,
        expected_version=0,
    )
    lscb_services.shared_text_circulate(acting_user=lead, shared_text=letter, seen_version=1)
    for participation in inspection.participations.select_related("inspectorate"):
        code = participation.inspectorate.code
        lscb_services.signoff_record(
            acting_user=people[f"{PEOPLE_PREFIX[code]}.lead"],
            shared_text=letter,
            inspectorate_code=code,
            version_number=1,
            decision=SignOffDecision.AGREE,
        )
    lscb_services.shared_text_finalise(acting_user=lead, shared_text=letter, seen_version=1)


def seed_letter(people: dict[str, AbstractBaseUser], area_name: str) -> Inspection:
    start, findings = LETTERS[area_name]
    area = LocalAuthority.objects.get(name=area_name)
    existing = Inspection.objects.filter(
        local_authority=area, kind=InspectionKind.JOINT_TARGETED_AREA, window_start=start
    ).first()
    if existing is not None:
        return existing
    inspection = _set_up(people, area, start)
    for code, entries in findings.items():
        for kind, text, tags in entries:
            narrative_services.finding_add(
                acting_user=people[f"{PEOPLE_PREFIX[code]}.inspector"],
                inspection=inspection,
                inspectorate_code=code,
                kind=kind,
                text=text,
                sub_themes=tags,
            )
    agree_letter(inspection, people)
    lead = people["ofsted.lead"]
    render_in_process(inspection, people, ReportPurpose.FACTUAL_ACCURACY)
    inspection = inspection_services.inspection_move_stage(
        acting_user=lead, inspection=inspection, to_status=InspectionStatus.FACTUAL_ACCURACY
    )
    close_round_before_publication(inspection, people)
    render_and_publish(inspection, people)
    inspection.refresh_from_db()
    return inspection


def seed_series(people: dict[str, AbstractBaseUser], letters: list[Inspection]) -> Series:
    existing = Series.objects.filter(title=SERIES_TITLE).first()
    if existing is not None:
        return existing
    admin = people["programme.admin"]
    series = services.series_create(
        acting_user=admin,
        title=SERIES_TITLE,
        framework_key=letters[0].framework_key,
        theme_code=THEME,
        summary="What the inspectorates found across the areas they inspected on this theme.",
    )
    for inspection in letters:
        services.series_add_inspection(acting_user=admin, series=series, inspection=inspection)
    return services.series_publish(acting_user=admin, series=series)


def seed(seeded: DemoInspection) -> Series:
    letters = [seed_letter(seeded.people, area) for area in LETTERS]
    return seed_series(seeded.people, letters)
