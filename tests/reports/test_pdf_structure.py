"""The PDF's structure tree, as a screen reader follows it: sections, lists and tables.

Read back from the stored file with pypdf: one structure element per section and subsection of
the report (not one per page), findings and recommendations tagged as lists, every table header
cell with its scope, and bookmarks matching the headings. What the grades mean prints only the
scales the report's judgements use, so an unused scale adds no page.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader

from inspectorates.frameworks import Grade, GradeScale
from reports import rendering
from reports.content import grade_meanings, report_content

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_rendered_once")]


def _elements(node, found=None) -> list:
    """Every structure element under `node`, in document order."""
    found = [] if found is None else found
    node = node.get_object()
    if not hasattr(node, "get"):
        return found
    if "/S" in node:
        found.append(node)
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, list) else [kids]:
        if not isinstance(kid, int):
            _elements(kid, found)
    return found


def _kids(element) -> list:
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    return [kid.get_object() for kid in kids if not isinstance(kid, int)]


@pytest.fixture
def tree(final_version):
    with default_storage.open(final_version.pdf.name, "rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    return reader, _elements(root)


def _tags(elements, tag: str) -> list:
    return [element for element in elements if element.get("/S") == tag]


def test_the_report_is_one_article_with_one_section_per_heading(tree):
    _reader, elements = tree
    assert len(_tags(elements, "/Art")) == 1
    sections = _tags(elements, "/Sect")
    # Each section begins with its own heading, and no heading of the body is outside one:
    # the cover's title (h1) and the contents' heading are the only ones that head no section.
    heads = []
    for section in sections:
        first = next(kid for kid in _kids(section) if kid.get("/S") != "/NonStruct")
        assert first.get("/S") in ("/H2", "/H3"), first.get("/S")
        heads.append(first)
    headings = _tags(elements, "/H2") + _tags(elements, "/H3")
    assert len(heads) == len(headings) - 1  # the contents' own heading
    assert len(sections) >= 20


def test_findings_and_recommendations_are_tagged_as_lists(tree, final_version):
    """Every list of the report (findings, recommendations, the contents, the cover's facts)
    is one list in the tree, whatever pages it runs over, and each item is a list item."""
    _reader, elements = tree
    body = final_version.body_html
    lists = _tags(elements, "/L")
    items = _tags(elements, "/LI")
    assert body.count("<ul") >= 3
    assert len(lists) == body.count("<ul") + body.count("<ol") + body.count("<dl")
    assert len(items) >= body.count("<li")
    for item in items:
        assert {kid.get("/S") for kid in _kids(item)} & {"/LBody", "/Lbl"}


def test_every_table_header_cell_has_a_scope(tree):
    _reader, elements = tree
    headers = _tags(elements, "/TH")
    assert len(headers) >= 40
    scopes = {str(header["/A"]["/Scope"]) for header in headers}
    assert scopes == {"/Column", "/Row"}


def test_a_table_header_repeated_on_a_new_page_is_read_once(tree):
    _reader, elements = tree
    for table in _tags(elements, "/Table"):
        kinds = [kid.get("/S") for kid in _kids(table)]
        assert kinds.count("/THead") <= 1, kinds


def test_the_bookmarks_are_the_sections_headings(tree):
    reader, elements = tree
    titles = []

    def walk(outline):
        for entry in outline:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    assert titles[0] == "Contents"
    assert "Judgements at a glance" in titles
    assert "What the grades mean" in titles
    # One bookmark per heading of a section or subsection, and the contents.
    assert len(titles) == len(_tags(elements, "/H2")) + len(_tags(elements, "/H3"))


def test_an_unused_grade_scale_adds_no_page(final_version):
    """A scale of HMI Prisons' own (DESIGN rule 15) does not lengthen a report it takes no
    part in; in a report it takes part in, its grades are printed with its name."""
    inspection = final_version.inspection
    framework = inspection.framework
    prisons = framework.for_inspectorate("hmi_prisons")
    own = GradeScale(
        grades=(Grade("good", "Good"), Grade("reasonably_good", "Reasonably good")),
        code="healthy_establishment",
        name="Healthy establishment scale",
    )
    with_own_scale = dataclasses.replace(
        framework,
        inspectorates={
            **framework.inspectorates,
            "hmi_prisons": dataclasses.replace(
                prisons,
                areas=tuple(
                    dataclasses.replace(
                        area, descriptors={**area.descriptors, "reasonably_good": "Mostly."}
                    )
                    for area in prisons.areas
                ),
                grade_scale=own,
            ),
        },
    )
    content = report_content(inspection=inspection)
    without_prisons = [
        (section.code, section.name)
        for section in content.inspectorates
        if section.code != "hmi_prisons"
    ]
    plain = dataclasses.replace(content, grade_meanings=grade_meanings(framework, without_prisons))
    unused = dataclasses.replace(
        content, grade_meanings=grade_meanings(with_own_scale, without_prisons)
    )
    assert plain.grade_meanings == unused.grade_meanings
    assert _pages(plain) == _pages(unused)

    everyone = [(section.code, section.name) for section in content.inspectorates]
    used = grade_meanings(with_own_scale, everyone)
    assert {meaning.scale_name for meaning in used} == {
        with_own_scale.scale_for(code, area).name
        for code, _ in everyone
        for area in with_own_scale.for_inspectorate(code).areas
        if area.graded
    }
    assert "Healthy establishment scale" in {meaning.scale_name for meaning in used}


def _pages(content) -> int:
    body = rendering.render_body(
        content=content, version_number=1, draft=False, publication_date=timezone.localdate()
    )
    document = rendering.lay_out(
        rendering.render_print_document(
            content=content, body_html=body, draft=False, created=timezone.now()
        )
    )
    return len(document.pages)
