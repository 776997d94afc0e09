"""From report content to HTML and PDF: one body template, printed by WeasyPrint.

`templates/reports/report_body.html` is the report. The public web page shows it inside the
GOV.UK layout; the PDF wraps the same body in a print document (`report_print.html`) styled by
`static/css/report-layout.css` (the report's own layout, which the web page loads too) and
`static/css/report.css` for A4: cover, contents with page numbers, running headers and footers.
The structure tree is finished by `reports.tagging`, so that it follows sections, not pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pypdfium2
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from core.working_days import add_working_days
from reports import tagging
from reports.content import ReportContent

if TYPE_CHECKING:
    # WeasyPrint takes seconds to import (Pango through cffi, fontTools): it is imported when a
    # report is first laid out, not by every web process and management command that loads the
    # URLs (half of a newcomer's first `make run` went on starting processes).
    from weasyprint import CSS
    from weasyprint.document import Document

# The report's own layout (shared with the web page), then what paper adds.
PRINT_STYLESHEETS = ("css/grades.css", "css/report-layout.css", "css/report.css")
# The paper-only sheet alone (the benchmark reads it).
PRINT_STYLESHEET = PRINT_STYLESHEETS[-1]
# Tagged PDF for assistive technology: WeasyPrint's PDF/UA-1 variant (implies pdf_tags).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


# Where the cover ends in the report's body (templates/reports/report_body.html): the web page
# puts the download panel there, straight after the report's heading.
AFTER_COVER = "<!-- app-report:after-cover -->"


@dataclass(frozen=True)
class PdfFacts:
    page_count: int
    page_texts: list[str]


def render_body(
    *,
    content: ReportContent,
    version_number: int,
    draft: bool,
    publication_date: datetime.date | None,
    first_published: datetime.date | None = None,
) -> str:
    return render_to_string(
        # A narrative inspection's output is its joint letter (DESIGN rule 16; ADR 18).
        "reports/letter_body.html" if content.letter is not None else "reports/report_body.html",
        {
            "report": content,
            "version_number": version_number,
            "draft": draft,
            "publication_date": publication_date,
            "first_published": first_published,
            # The letter's written statement of action is due in working days (DESIGN rule 17).
            "statement_due": (
                add_working_days(publication_date, content.letter.statement_working_days)
                if content.letter is not None and publication_date and not draft
                else None
            ),
        },
    )


def split_after_cover(body_html: str) -> tuple[str, str]:
    """The rendered body as (cover, the rest). A body rendered before the marker existed is all
    "rest", so the panel then comes first, as it used to."""
    cover, marker, rest = body_html.partition(AFTER_COVER)
    return (cover, rest) if marker else ("", body_html)


def render_print_document(
    *, content: ReportContent, body_html: str, draft: bool, created: datetime.datetime
) -> str:
    title = content.title + (" (draft for factual accuracy check)" if draft else "")
    return render_to_string(
        "reports/report_print.html",
        {
            "report": content,
            "body_html": body_html,
            "draft": draft,
            "title": title,
            # Fixed document dates make the PDF byte-for-byte repeatable for one version.
            "created": created.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        },
    )


def _stylesheets() -> list[CSS]:
    from weasyprint import CSS

    sheets = []
    for name in PRINT_STYLESHEETS:
        path = finders.find(name)
        if path is None:
            raise FileNotFoundError(f"The print stylesheet {name} is missing.")
        sheets.append(CSS(filename=path))
    return sheets


def lay_out(print_html: str) -> Document:
    from weasyprint import HTML

    return HTML(string=print_html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=_stylesheets(), **PDF_OPTIONS
    )


def write_pdf(document: Document) -> bytes:
    with tagging.recording_sources() as sources:
        return document.write_pdf(
            stylesheets=None, finisher=tagging.finisher(sources), **PDF_OPTIONS
        )


def read_pdf(data: bytes) -> PdfFacts:
    """The page count and each page's text, read back from the PDF file itself.

    PDFium (Chromium's PDF engine) extracts the text of a 100-page report in a fraction of a
    second; pypdf's pure-Python parser took longer than WeasyPrint took to write the file
    (bench/README.md).
    """
    document = pypdfium2.PdfDocument(data)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            # PDFium joins a word broken at a line-ending hyphen with U+FFFE (a soft hyphen with
            # \x02): put the hyphen and line break back, as the personal-data check expects.
            text = text_page.get_text_range().replace("\ufffe", "-\n").replace("\x02", "-")
            texts.append(text)
            text_page.close()
            page.close()
    finally:
        document.close()
    return PdfFacts(page_count=len(texts), page_texts=texts)
