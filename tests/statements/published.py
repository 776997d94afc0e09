"""A published report whose printed judgements are given, for the statement of action's tests
and the security walks: model rows written directly, test set-up standing in for the reports
app's render and publish services, which have their own tests."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.models import Inspection, InspectionStatus, LocalAuthority
from reports.models import Publication, ReportJudgement, ReportPurpose, ReportState, ReportVersion

LONDON = ZoneInfo("Europe/London")
# The Thursday before Easter 2015: Good Friday and Easter Monday follow.
PUBLISHED_AT = datetime.datetime(2015, 4, 2, 10, 0, tzinfo=LONDON)
DUE_ON = datetime.date(2015, 7, 15)  # 70 working days later, four bank holidays skipped
SLUG = "calderbridge-2015"
# A small real PDF: the header, one empty page, the trailer.
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def publish_report(
    *,
    people,
    grades: dict[str, str],
    published_at: datetime.datetime = PUBLISHED_AT,
    area_code: str = "E08000903",
    slug: str = SLUG,
    inspection: Inspection | None = None,
) -> Publication:
    """A published final version of a report whose printed judgements have these grades."""
    lead = people["ofsted.lead"]
    if inspection is None:
        framework_key = Inspection.objects.order_by("pk").first().framework_key
        inspection = Inspection.objects.create(
            reference=f"INT-20150309-{area_code}",
            local_authority=LocalAuthority.objects.get(ons_code=area_code),
            kind="integrated",
            framework_key=framework_key,
            window_start=datetime.date(2015, 3, 9),
            window_end=datetime.date(2015, 3, 27),
            status=InspectionStatus.PUBLISHED,
            lead_inspector=lead,
        )
    number = inspection.report_versions.count() + 1
    version = ReportVersion.objects.create(
        inspection=inspection,
        number=number,
        purpose=ReportPurpose.FINAL,
        state=ReportState.READY,
        requested_by=lead,
        pdf=f"reports/{inspection.reference}-v{number}.pdf",
        sha256=f"{number:064d}",
        page_count=20,
        size_bytes=200_000,
        body_html="<h1 class='govuk-heading-xl'>Joint inspection report</h1>",
        finished_at=published_at,
    )
    for position, (area, grade) in enumerate(grades.items(), start=1):
        ReportJudgement.objects.create(
            version=version,
            area_code=area,
            area_title=area.replace("_", " ").capitalize(),
            grade=grade,
            grade_label=grade.replace("_", " ").capitalize(),
            position=position,
        )
    return Publication.objects.create(
        inspection=inspection,
        report_version=version,
        slug=slug,
        publish_at=published_at,
        published_at=published_at,
        published_by=lead,
    )


def pdf_upload(content: bytes = PDF, name: str = "statement.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def dated(name: str, day: datetime.date) -> dict[str, str]:
    """The three boxes of a GOV.UK date input."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
