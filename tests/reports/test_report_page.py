"""The report's web page: GOV.UK markup on every part of the report, the download panel after
the heading, and a report without grades or without the LSCB judgement shown as it is."""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.utils import timezone

from reports import rendering
from reports.content import report_content

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_rendered_once")]

_OPENING = re.compile(r"<(p|ul|ol|table|h[1-6]|dl)\b([^>]*)>")


def _body(content) -> str:
    return rendering.render_body(
        content=content, version_number=1, draft=False, publication_date=timezone.localdate()
    )


def test_every_paragraph_list_table_and_heading_of_the_report_has_govuk_classes(final_version):
    bare = [
        match.group(0)
        for match in _OPENING.finditer(final_version.body_html)
        if "govuk-" not in match.group(2)
    ]
    assert bare == []
    assert "<br>" not in final_version.body_html


def test_the_download_panel_follows_the_heading_and_gives_the_date_once(client, published):
    page = client.get(f"/reports/{published.slug}/").content.decode()
    heading, panel, contents = (
        page.index("<h1"),
        page.index("app-report-download"),
        page.index('id="contents"'),
    )
    assert heading < panel < contents
    assert page.count("Publication date") == 1
    digest = page.index(published.report_version.sha256)
    assert page.rindex("govuk-details", 0, digest) > panel
    assert "report-layout.css" in page and 'media="print"' in page


def test_the_about_section_is_written_for_the_public(final_version):
    content = report_content(inspection=final_version.inspection)
    body = _body(content)
    assert "This was an integrated inspection under the" in body
    assert content.framework_notice not in body


def test_a_narrative_report_shows_no_grade_anywhere(final_version):
    content = report_content(inspection=final_version.inspection)
    body = _body(dataclasses.replace(content, graded=False))
    assert "govuk-tag" not in body
    assert "Judgements at a glance" not in body
    assert "What the grades mean" not in body
    assert "Judgement:" not in body


def test_a_kind_without_the_lscb_judgement_has_no_lscb_section_or_row(final_version):
    content = report_content(inspection=final_version.inspection)
    body = _body(dataclasses.replace(content, lscb=None))
    assert "Local Safeguarding Children Board" not in body
    assert 'id="lscb"' not in body
