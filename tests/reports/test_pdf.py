"""The demo report, rendered for real, is a complete, tagged PDF that says what it should."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from functools import cached_property

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader

from inspections import demo as inspections_demo
from inspectorates.registry import framework_get
from reports.models import ReportPurpose
from seeding.demo import seed_published_report

# Also makes pytest-django set the test database up before the module's fixture uses it.
pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Rendered:
    """One rendered version of the demo report: its file and what the database says of it."""

    pdf: bytes
    sha256: str
    page_count: int
    size_bytes: int

    @property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))

    @cached_property
    def pages(self) -> list[str]:
        """Each page's text, line breaks as spaces (none after a hyphen that ends a line)."""
        return [
            re.sub(r"-\s+", "-", " ".join(page.extract_text().split()))
            for page in self.reader.pages
        ]

    @cached_property
    def text(self) -> str:
        return " ".join(self.pages)


@dataclass(frozen=True)
class DemoReport:
    final: Rendered
    draft: Rendered
    reference: str
    framework_key: str
    inspectorates: list[tuple[str, str]]
    judgements: list[tuple[str, str]]
    case_samples: list[tuple[str, str]]


def _rendered(version) -> Rendered:
    with default_storage.open(version.pdf.name, "rb") as stored:
        data = stored.read()
    return Rendered(data, version.sha256, version.page_count, version.size_bytes)


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker, tmp_path_factory) -> DemoReport:
    """seed_demo's published Calderbridge report, rendered once for this module.

    Seeding drives every app's real services and renders two PDFs, so it is done once and
    rolled back; the tests read the files and the facts captured here.
    """
    media = tmp_path_factory.mktemp("demo-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        inspection = seed_published_report(inspections_demo.seed())
        versions = {v.purpose: v for v in inspection.report_versions.all()}
        report = DemoReport(
            # The corrected version the public reads now (the demo's report has a correction).
            final=_rendered(inspection.publications.latest("publish_at", "pk").report_version),
            draft=_rendered(versions[ReportPurpose.FACTUAL_ACCURACY]),
            reference=inspection.reference,
            framework_key=inspection.framework_key,
            inspectorates=[
                (p.inspectorate.code, p.inspectorate.name)
                for p in inspection.participations.select_related("inspectorate")
            ],
            judgements=[(j.rationale, j.grade_label) for j in inspection.judgements.all()],
            case_samples=[
                (c.child_name, c.internal_reference) for c in inspection.case_samples.all()
            ],
        )
        transaction.set_rollback(True)
    return report


def test_the_demo_report_has_every_judgement_the_lscb_judgement_and_the_key_findings(
    demo_report,
):
    text = demo_report.final.text
    framework = framework_get(demo_report.framework_key)
    for code, name in demo_report.inspectorates:
        assert name in text
        for area in framework.for_inspectorate(code).areas:
            assert area.title in text
    assert len(demo_report.judgements) == sum(
        len(framework.for_inspectorate(code).areas) for code, _ in demo_report.inspectorates
    )
    for rationale, grade_label in demo_report.judgements:
        assert " ".join(rationale.split()) in text
        assert grade_label in text
    assert "The Local Safeguarding Children Board" in text
    assert "coordinates the work of partner agencies well" in text
    assert "Evaluate the impact of multi-agency training on frontline practice." in text
    assert "Summary of key findings" in text
    assert "adoption performance is outstanding" in text


def test_the_contents_give_the_page_each_section_starts_on(demo_report):
    reader = demo_report.final.reader
    contents = reader.pages[1].extract_text()
    entries = re.findall(r"^(\S.*?)\s*\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)
    titles = [title for title, _ in entries]
    assert titles[:2] == ["Judgements at a glance", "Summary of key findings"]
    assert [name for _, name in demo_report.inspectorates] == titles[2:7]
    assert titles[7:] == [
        "The Local Safeguarding Children Board",
        "What the grades mean",
        "About this inspection",
    ]
    pages = demo_report.final.pages
    for title, number in entries:
        # The section's heading is the first text of the page the contents point to.
        assert pages[int(number) - 1].startswith(title), (title, number)


def test_stored_sha256_and_page_count_match_the_file(demo_report):
    final = demo_report.final
    assert final.sha256 == hashlib.sha256(final.pdf).hexdigest()
    assert final.page_count == len(final.reader.pages)
    assert final.size_bytes == len(final.pdf)


def test_the_pdf_is_tagged_for_accessibility_with_its_language_and_title(demo_report):
    reader = demo_report.final.reader
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Joint inspection of services for children in Calderbridge"
    assert "pdfuaid" in reader.xmp_metadata.stream.get_data().decode()


def test_every_page_has_a_page_x_of_y_footer_and_after_the_cover_a_running_header(demo_report):
    pages = demo_report.final.pages
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        if number > 1:
            assert f"Calderbridge: joint inspection {demo_report.reference}" in text


def test_the_cover_names_the_area_window_inspectorates_and_publication_date(demo_report):
    cover = demo_report.final.pages[0]
    assert "Joint inspection of services for children in Calderbridge" in cover
    assert "9 March 2015 to 3 April 2015" in cover
    for _, name in demo_report.inspectorates:
        assert name in cover
    assert re.search(r"Publication date \d{1,2} [A-Z][a-z]+ \d{4}", cover)


def test_the_judgements_at_a_glance_table_has_each_grade_and_the_shared_lscb_judgement(
    demo_report,
):
    glance = next(p for p in demo_report.final.pages if "Every judgement in this report" in p)
    assert "Adoption performance (sub-judgement) Outstanding" in glance
    assert "Providers of probation services Requires improvement" in glance
    assert "All inspectorates (shared) Local Safeguarding Children Board Good" in glance


def test_what_the_grades_mean_quotes_the_frameworks_descriptors(demo_report):
    area = framework_get(demo_report.framework_key).for_inspectorate("hmi_prisons").area("custody")
    for grade in ("outstanding", "inadequate"):
        assert " ".join(area.descriptor(grade).split()) in demo_report.final.text


def test_case_samples_appear_only_as_counts(demo_report):
    text = demo_report.final.text
    assert "Inspectors looked at the experiences of 3 children: 2 tracked" in text
    for child_name, internal_reference in demo_report.case_samples:
        assert child_name not in text
        assert internal_reference not in text


def test_a_factual_accuracy_draft_says_draft_on_every_page(demo_report):
    pages = demo_report.draft.pages
    assert len(pages) == demo_report.final.page_count
    for text in pages:
        assert "DRAFT" in text


def test_the_final_version_has_no_draft_mark(demo_report):
    assert "DRAFT" not in demo_report.final.text


def test_the_demo_reports_correction_changed_a_grade_and_a_finding(demo_report):
    text = demo_report.final.text
    assert "Children who need help and protection Requires improvement" in text
    assert "too many are referred again within a year" in text
    assert "(corrected version; first published" in demo_report.final.pages[0]
