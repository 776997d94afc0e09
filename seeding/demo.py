"""The whole demo for `make run`: each app's demo data, on top of the inspections' demo.

Every app's `demo.seed` is idempotent, so `seed_demo` is too: running it again changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from accuracy import demo as accuracy_demo
from inspections import demo as inspections_demo
from inspections.demo import DemoInspection
from inspections.models import Inspection
from judgements import demo as judgements_demo
from lscb import demo as lscb_demo
from privacy import demo as privacy_demo
from referrals import demo as referrals_demo
from reports import demo as reports_demo
from reports import demo_2017 as reports_demo_2017
from selection import demo as selection_demo
from statements import demo as statements_demo
from thematic import demo as thematic_demo


def seed_app_demos(seeded: DemoInspection) -> None:
    """Each app's demo on top of the inspections' people, areas and fieldwork inspection.

    In this order: evidence and judgements first, the shared text that draws on them, the
    published report (which goes through all of them), then selection.
    """
    judgements_demo.seed(seeded)
    privacy_demo.seed(seeded)
    lscb_demo.seed(seeded)
    referrals_demo.seed(seeded)
    seed_published_report(seeded)
    seed_second_version_report(seeded)
    statements_demo.seed(seeded)
    accuracy_demo.seed(seeded)
    selection_demo.seed(seeded)
    # Joint targeted area inspections: two published letters and their series' overview.
    thematic_demo.seed(seeded)


def seed_published_report(seeded: DemoInspection) -> Inspection:
    """Calderbridge's report from draft to public as inspectorates publish: the draft, the
    area's factual accuracy round (sent, answered, closed), the publication and a correction."""
    inspection = reports_demo.seed(seeded)
    accuracy_demo.close_round_before_publication(inspection, seeded.people)
    return reports_demo.publish(seeded)


def seed_second_version_report(seeded: DemoInspection) -> Inspection | None:
    """Calderbridge inspected again in 2018 under the second integrated framework (ADR 17),
    published the same way: draft, the area's round closed, final version published."""
    inspection = reports_demo_2017.seed(seeded)
    accuracy_demo.close_round_before_publication(inspection, seeded.people)
    return reports_demo_2017.publish(seeded)


def seed_demo() -> DemoInspection:
    """The demo users, areas and inspections, in one transaction."""
    with transaction.atomic():
        seeded = inspections_demo.seed()
        seed_app_demos(seeded)
    return seeded
