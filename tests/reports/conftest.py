"""Fixtures for the joint report: an inspection whose judgements and shared text are agreed.

The judgements and shared text are written as model rows directly: that is test set-up, standing
in for the judgements and LSCB apps' own services, which have their own tests.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from inspections import demo
from inspections import services as inspection_services
from inspections.models import (
    AgeBand,
    CaseSample,
    CaseTracking,
    Inspection,
    InspectionStatus,
    LocalAuthority,
    Participation,
    Region,
)
from inspectorates.models import Inspectorate
from judgements.models import Evidence, EvidenceArea, EvidenceSource, Judgement, JudgementStatus
from lscb.models import (
    SharedText,
    SharedTextKind,
    SharedTextStatus,
    SharedTextVersion,
    SignOff,
    SignOffDecision,
)
from reports import selectors as report_selectors
from reports import services
from reports.models import (
    Publication,
    ReportJudgement,
    ReportPurpose,
    ReportState,
    ReportVersion,
)
from tests.conftest import module_transaction

GRADES = ["good", "requires_improvement", "good", "outstanding"]
CHILD_NAME = "Tallulah Ferncastle"
DATE_OF_BIRTH = datetime.date(2007, 6, 14)
AGENCY_REFERENCE = "CSC-448812"
STAFF_NAME = "Morwenna Tregarthen"
KEY_FINDINGS = (
    "Children in the area who need help and protection are identified early and are safer "
    "because agencies work well together.\n"
    "Leaders know their services well and have acted on the findings of serious case reviews."
)
LSCB_BODY = (
    "The LSCB coordinates the work of partner agencies well and holds them to account through a "
    "clear programme of multi-agency audit."
)
LSCB_IMPROVEMENTS = "Evaluate the impact of multi-agency training on frontline practice."


def agree_judgements(inspection: Inspection, people, *, skip: tuple[str, str] | None = None):
    """An agreed, graded judgement for every area of every participating inspectorate."""
    framework = inspection.framework
    participations = inspection.participations.select_related("inspectorate", "lead")
    leads = {p.inspectorate.code: p.lead for p in participations}
    for participation in inspection.participations.select_related("inspectorate"):
        code = participation.inspectorate.code
        for index, area in enumerate(framework.for_inspectorate(code).areas):
            if skip == (code, area.code):
                continue
            grade = GRADES[index % len(GRADES)]
            # An area on a scale of its own (HMI Prisons' tests, DESIGN rule 15) gets its grades.
            codes = framework.scale_for(code, area).codes
            if grade not in codes:
                grade = codes[index % len(codes)]
            if code == "ofsted" and area.code == "overall_effectiveness":
                grade = "good"
            Judgement.objects.update_or_create(
                inspection=inspection,
                inspectorate=participation.inspectorate,
                area_code=area.code,
                defaults={
                    "grade": grade,
                    "rationale": f"Findings of {participation.inspectorate.name} on {area.title}.",
                    "strengths": f"Strength noted in {area.title.lower()}.",
                    "areas_for_improvement": f"Improve consistency in {area.title.lower()}.",
                    "recommendations": f"Recommendation for {area.title.lower()}.",
                    "status": JudgementStatus.AGREED,
                    "agreed_by": leads[code],
                    "agreed_at": timezone.now(),
                    "last_edited_by": leads[code],
                },
            )


def agree_shared_text(
    inspection: Inspection, people, kind: str, *, body: str, grade="", improvements=""
) -> SharedText:
    """Shared text at version 1, signed off by every inspectorate lead and finalised."""
    status = SharedTextStatus.AGREED
    shared, _ = SharedText.objects.update_or_create(
        inspection=inspection,
        kind=kind,
        defaults={
            "status": status,
            "current_version": 1,
            "finalised_by": people["ofsted.lead"],
            "finalised_at": timezone.now(),
        },
    )
    SharedTextVersion.objects.update_or_create(
        shared_text=shared,
        number=1,
        defaults={
            "body": body,
            "grade": grade,
            "improvements": improvements,
            "author": people["ofsted.lead"],
        },
    )
    for participation in inspection.participations.select_related("inspectorate", "lead"):
        SignOff.objects.get_or_create(
            shared_text=shared,
            inspectorate=participation.inspectorate,
            voided_at=None,
            defaults={
                "version_number": 1,
                "decision": SignOffDecision.AGREE,
                "signed_by": participation.lead,
            },
        )
    return shared


def record_cases_and_evidence(inspection: Inspection, people) -> None:
    """Case samples with personal details, and evidence naming staff: none may be published."""
    case = CaseSample.objects.create(
        inspection=inspection,
        internal_reference="CASE-01",
        tracking=CaseTracking.TRACKED,
        age_band=AgeBand.AGE_5_9,
        child_name=CHILD_NAME,
        date_of_birth=DATE_OF_BIRTH,
        agency_references=AGENCY_REFERENCE,
        added_by=people["ofsted.inspector"],
    )
    CaseSample.objects.create(
        inspection=inspection,
        internal_reference="CASE-02",
        tracking=CaseTracking.SAMPLED,
        age_band=AgeBand.AGE_10_15,
        child_name="Bartholomew Quill",
        added_by=people["cqc.inspector"],
    )
    ofsted = Inspectorate.objects.get(code="ofsted")
    evidence = Evidence.objects.create(
        inspection=inspection,
        inspectorate=ofsted,
        author=people["ofsted.inspector"],
        observed_on=inspection.window_start,
        source=EvidenceSource.CASE_AUDIT,
        text="Audit of the child's file: timely visits, clear plan.",
        staff_names=STAFF_NAME,
    )
    evidence.case_samples.add(case)
    EvidenceArea.objects.create(evidence=evidence, area_code="help_and_protection")
    Evidence.objects.create(
        inspection=inspection,
        inspectorate=Inspectorate.objects.get(code="cqc"),
        author=people["cqc.inspector"],
        observed_on=inspection.window_start,
        source=EvidenceSource.PRACTITIONER_DISCUSSION,
        text="Discussion with health visitors about referrals.",
    )


def end_window(inspection: Inspection, *, days_ago: int = 1) -> Inspection:
    """Time passing, for set-up: the window (its length kept) ended `days_ago` days ago, so that
    publication's window condition holds (DESIGN rule 10)."""
    length = inspection.window_end - inspection.window_start
    end = timezone.localdate() - datetime.timedelta(days=days_ago)
    Inspection.objects.filter(pk=inspection.pk).update(window_start=end - length, window_end=end)
    inspection.refresh_from_db()
    return inspection


def make_ready_for_publication(inspection: Inspection, people, *, lscb: bool = True) -> Inspection:
    """Drafting, every judgement agreed, LSCB judgement and key findings agreed (the LSCB
    judgement left as it is with `lscb=False`, for a test that has it agreed for real)."""
    if inspection.status == InspectionStatus.FIELDWORK:
        inspection = inspection_services.inspection_move_stage(
            acting_user=people["ofsted.lead"],
            inspection=inspection,
            to_status=InspectionStatus.DRAFTING,
        )
    inspection = end_window(inspection)
    record_cases_and_evidence(inspection, people)
    agree_judgements(inspection, people)
    if lscb:
        agree_shared_text(
            inspection,
            people,
            SharedTextKind.LSCB_JUDGEMENT,
            body=LSCB_BODY,
            grade="good",
            improvements=LSCB_IMPROVEMENTS,
        )
    agree_shared_text(inspection, people, SharedTextKind.KEY_FINDINGS, body=KEY_FINDINGS)
    return inspection


def render(
    inspection: Inspection,
    people,
    purpose: str = ReportPurpose.FINAL,
    *,
    record_round: bool = True,
    **kwargs,
) -> ReportVersion:
    """Ask for a version as the lead inspector and render it in-process, as a worker would.

    A final version comes with the area's closed round (`record_closed_round`) unless the test
    runs a real round itself (`record_round=False`)."""
    version = services.report_request_render(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        purpose=purpose,
        **kwargs,
        seen_version=report_selectors.newest_version_number(inspection=inspection),
    )
    rendered = services.report_version_render(version_id=version.pk)
    if purpose == ReportPurpose.FINAL and record_round:
        record_closed_round(inspection, people, rendered)
    return rendered


def record_closed_round(inspection: Inspection, people, version: ReportVersion) -> None:
    """The area's factual accuracy round, sent and closed, as the data a publication needs
    (DESIGN rule 10). These tests are about the report; tests/accuracy drives real rounds
    through their pages and services. Nothing is recorded where a round exists already."""
    from accuracy.models import FactualAccuracyRound

    if inspection.accuracy_rounds.exists():
        return
    now = timezone.now()
    FactualAccuracyRound.objects.create(
        inspection=inspection,
        report_version=version,
        sent_by=people["ofsted.lead"],
        sent_at=now - datetime.timedelta(days=10),
        deadline=timezone.localdate(now - datetime.timedelta(days=3)),
        closed_at=now,
        closed_by=people["ofsted.lead"],
    )


@dataclass(frozen=True)
class RenderedOnce:
    """What `report_rendered_once` made for its module: row ids, and the stored files."""

    usernames: tuple[str, ...]
    final_version_id: int
    unrendered_inspection_id: int
    media_root: Path

    def demo(self, media_root: str) -> demo.DemoInspection:
        """Fresh objects for one test (a test may change its own), the files in its media."""
        shutil.copytree(self.media_root, media_root, dirs_exist_ok=True)
        version = ReportVersion.objects.select_related("inspection").get(pk=self.final_version_id)
        people = get_user_model().objects.filter(username__in=self.usernames)
        return demo.DemoInspection(
            inspection=version.inspection, people={user.username: user for user in people}
        )


REPORT_RENDERED_ONCE = "report_rendered_once"


@pytest.fixture(scope="module")
def report_rendered_once(
    django_db_setup, django_db_blocker, tmp_path_factory
) -> Iterator[RenderedOnce]:
    """One real render (WeasyPrint, a real PDF stored) for every test of a module that checks
    what surrounds a final version rather than the render itself: about 5 s a test otherwise.

    The demo, its inspection made ready and its final version rendered through the services, and
    a second area's inspection made ready with nothing rendered, are made once and kept in a
    transaction left open for the module (`module_transaction`). With it, `seeded`,
    `final_version` and `ready_inspection` (that second inspection) are these, fresh for each
    test.

    A module asks for it with `pytest.mark.usefixtures("report_rendered_once")` in its
    `pytestmark`: pytest sets up a module's fixtures before a test's own database transaction.
    """
    media_root = tmp_path_factory.mktemp("rendered-once-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with module_transaction(django_db_blocker):
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=str(media_root), PASSWORD_HASHERS=fast),
        ):
            seeded = demo.seed()
            ready = make_ready_for_publication(seeded.inspection, seeded.people)
            final = render(ready, seeded.people)
            assert final.state == ReportState.READY, final.error
            other = demo.seed_fieldwork_inspection(
                people=seeded.people, area=demo.seed_areas()["Calderbridge"]
            )
            unrendered = make_ready_for_publication(other, seeded.people)
        yield RenderedOnce(
            usernames=tuple(seeded.people),
            final_version_id=final.pk,
            unrendered_inspection_id=unrendered.pk,
            media_root=media_root,
        )


def _rendered_once(request) -> RenderedOnce | None:
    if REPORT_RENDERED_ONCE in request.fixturenames:
        return request.getfixturevalue(REPORT_RENDERED_ONCE)
    return None


@pytest.fixture
def seeded(request, db, settings) -> demo.DemoInspection:
    shared = _rendered_once(request)
    return demo.seed() if shared is None else shared.demo(settings.MEDIA_ROOT)


@pytest.fixture
def ready_inspection(request, inspection, people) -> Inspection:
    shared = _rendered_once(request)
    if shared is not None:
        return Inspection.objects.get(pk=shared.unrendered_inspection_id)
    return make_ready_for_publication(inspection, people)


@pytest.fixture
def final_version(request, ready_inspection, people) -> ReportVersion:
    shared = _rendered_once(request)
    if shared is not None:
        return ReportVersion.objects.select_related("inspection").get(pk=shared.final_version_id)
    return render(ready_inspection, people)


def embargo(version: ReportVersion, publish_at: datetime.datetime) -> ReportVersion:
    """Set-up standing in for a final version asked for with this embargo: the publication uses
    it, and its cover's day is the embargo's (DESIGN rule 20)."""
    ReportVersion.objects.filter(pk=version.pk).update(
        planned_publish_at=publish_at, publication_date=timezone.localdate(publish_at)
    )
    version.refresh_from_db()
    return version


def publish(inspection: Inspection, people, **kwargs):
    """Publish the newest final version (the one the publish page shows) as the lead inspector."""
    candidate = report_selectors.final_version_candidate(inspection=inspection)
    return services.report_publish(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        seen_version=candidate.number if candidate else 0,
        **kwargs,
    )


@pytest.fixture
def published(final_version, people):
    """The ready inspection's final version, published now."""
    return publish(final_version.inspection, people)


def publish_many(
    count: int, *, people, first: int = 0, newest: datetime.datetime | None = None
) -> list:
    """`count` published reports, one a day back from `newest`, written in bulk for list tests.

    Numbered from `first` (area "Area 000" is the newest of a batch starting at 0). Each has
    Ofsted and CQC taking part and three printed judgements; the files are not real.
    """
    newest = newest or timezone.now() - datetime.timedelta(hours=1)
    inspectorates = {i.code: i for i in Inspectorate.objects.filter(code__in=["ofsted", "cqc"])}
    grades = ["outstanding", "good", "requires_improvement", "inadequate"]
    areas = LocalAuthority.objects.bulk_create(
        LocalAuthority(name=f"Area {n:03d}", ons_code=f"T9{n:07d}", region=Region.LONDON)
        for n in range(first, first + count)
    )
    inspections = Inspection.objects.bulk_create(
        Inspection(
            reference=f"INT-20150101-{area.ons_code}",
            local_authority=area,
            kind="integrated",
            framework_key="integrated/2015.1",
            window_start=datetime.date(2015, 1, 5),
            window_end=datetime.date(2015, 1, 30),
            status=InspectionStatus.PUBLISHED,
            lead_inspector=people["ofsted.lead"],
        )
        for area in areas
    )
    Participation.objects.bulk_create(
        Participation(inspection=inspection, inspectorate=inspectorate)
        for inspection in inspections
        for inspectorate in inspectorates.values()
    )
    versions = ReportVersion.objects.bulk_create(
        ReportVersion(
            inspection=inspection,
            number=1,
            purpose=ReportPurpose.FINAL,
            state=ReportState.READY,
            requested_by=people["ofsted.lead"],
            pdf=f"reports/{inspection.reference}/v1-000000000000.pdf",
            sha256=f"{first + n:064x}",
            page_count=20,
            size_bytes=100_000,
            finished_at=newest,
        )
        for n, inspection in enumerate(inspections)
    )
    ReportJudgement.objects.bulk_create(
        row
        for n, version in enumerate(versions)
        for row in (
            ReportJudgement(
                version=version,
                inspectorate=inspectorates["ofsted"],
                area_code="overall_effectiveness",
                area_title="Overall effectiveness",
                grade=grades[(first + n) % 4],
                grade_label=grades[(first + n) % 4].replace("_", " ").capitalize(),
                position=0,
            ),
            ReportJudgement(
                version=version,
                inspectorate=inspectorates["cqc"],
                area_code="safeguarding",
                area_title="Safeguarding children in health services",
                grade="good",
                grade_label="Good",
                position=1,
            ),
            ReportJudgement(
                version=version,
                inspectorate=None,
                area_code="lscb",
                area_title="Local Safeguarding Children Board",
                grade="good",
                grade_label="Good",
                position=2,
            ),
        )
    )
    return Publication.objects.bulk_create(
        Publication(
            inspection=version.inspection,
            report_version=version,
            slug=f"area-{first + n:03d}",
            publish_at=newest - datetime.timedelta(days=first + n),
            published_at=newest - datetime.timedelta(days=first + n),
            published_by=people["ofsted.lead"],
        )
        for n, version in enumerate(versions)
    )
