"""The render path's speed-ups (bench/README.md) find personal data exactly as before.

The report's text is read back from the PDF with PDFium, and the personal-data check reads it
in one multi-pattern pass (ADR 0013). Neither may let a child's name through.
"""

from __future__ import annotations

import datetime

import pytest
from weasyprint import HTML

from inspections import services as inspection_services
from inspections.case_samples import age_band_for
from reports.personal_data import find_personal_data, personal_data_terms
from reports.rendering import read_pdf

BORN = datetime.date(2009, 3, 4)


@pytest.fixture
def terms(inspection, people):
    inspection_services.case_sample_create(
        acting_user=people["ofsted.inspector"],
        inspection=inspection,
        internal_reference="BEN-T01",
        tracking="tracked",
        age_band=age_band_for(date_of_birth=BORN, start=inspection.window_start),
        child_name="Kacey Dunmore-Platt",
        date_of_birth=BORN,
        agency_references="CSC-55012",
    )
    inspection_services.case_sample_create(
        acting_user=people["ofsted.inspector"],
        inspection=inspection,
        internal_reference="BEN-S02",
        tracking="sampled",
        age_band="5_9",
        child_name="Isla Rossiter",
    )
    return personal_data_terms(inspection=inspection)


def _pdf_pages(paragraph: str, width: str = "2.4cm") -> list[str]:
    html = f'<p style="width: {width}; font-size: 12pt">{paragraph}</p>'
    return read_pdf(HTML(string=html).write_pdf()).page_texts


def _found(terms, *, html: str = "", pdf_pages: list[str] | None = None) -> set[str]:
    findings = find_personal_data(terms=terms, html=html, pdf_pages=pdf_pages or [])
    return {finding.label for finding in findings}


def test_a_name_broken_at_its_hyphen_across_lines_of_a_real_pdf_is_found(terms):
    pages = _pdf_pages("Seen with Kacey Dunmore-Platt and her carer.")
    assert "Dunmore-Platt" not in " ".join(pages[0].split())  # the line breaks at the hyphen
    assert _found(terms, pdf_pages=pages) == {"the child's name from case sample BEN-T01"}


def test_a_name_in_capitals_or_written_with_look_alike_letters_is_found(terms):
    assert _found(terms, html="<p>We met KACEY DUNMORE-PLATT.</p>") == {
        "the child's name from case sample BEN-T01"
    }
    # A dotless i and a long s match "i" and "s" when case is ignored: still found.
    assert _found(terms, html="<p>We met \u0131sla Ro\u017f\u017fiter.</p>") == {
        "the child's name from case sample BEN-S02"
    }


def test_a_date_of_birth_and_an_agency_reference_are_found_on_a_pdf_page(terms):
    pages = _pdf_pages("Born 4 March 2009; agency case CSC-55012.", width="12cm")
    assert _found(terms, pdf_pages=pages) == {
        "the child's date of birth from case sample BEN-T01",
        "an agency reference from case sample BEN-T01",
    }


def test_a_report_without_personal_data_has_no_findings(terms):
    pages = _pdf_pages("Children are seen alone and their views shape their plans.")
    assert _found(terms, html="<p>No child was named.</p>", pdf_pages=pages) == set()
    # A given name alone is not a full name: it asks a reviewer rather than blocking.
    (warning,) = find_personal_data(terms=terms, html="<p>Kacey was seen.</p>", pdf_pages=pages)
    assert (warning.label, warning.blocking) == (
        "the child's given name from case sample BEN-T01",
        False,
    )
