"""The personal-data check on text (DESIGN rule 19): every blocking and warning class, the ways
a reader still recognises a name, and what must not be taken for personal data.

Pure functions of the text and the recorded details: no database and no render, so each case is
fast; tests/reports/test_personal_data.py runs the check through real renders.
"""

from __future__ import annotations

import datetime
import time

import pytest

from bench.personal_data import workload
from reports.personal_data import CaseRecord, build, find_personal_data

CASE = CaseRecord(
    reference="ASH-T01",
    child_name="Jordan Ellery",
    date_of_birth=datetime.date(2003, 4, 12),
    agency_references=("CSC-48213",),
    family_members=("Dana Ellery", "Kacey Dunmore-Platt"),
    carers=("Mrs Okafor", "Bernard Quilliam"),
    aliases=("Jojo Renshaw", "Zeb"),
    school="Calder Vale Academy",
)
OTHER = CaseRecord(reference="ASH-S02", child_name="Hope Ravensworth")
STAFF = [("Morwenna Tregarthen", "Ofsted's evidence of 2 March 2015")]
TERMS = build([CASE, OTHER], STAFF)
RECORD = "case sample ASH-T01"


def found(text: str, terms=TERMS) -> list[tuple[str, bool, str]]:
    """(label, blocking, the words found) of each finding in one PDF page of `text`."""
    return [
        (f.label, f.blocking, f.match)
        for f in find_personal_data(terms=terms, html="", pdf_pages=[text])
    ]


def blocking(text: str) -> set[str]:
    return {label for label, blocks, _ in found(text) if blocks}


def warnings(text: str) -> set[str]:
    return {label for label, blocks, _ in found(text) if not blocks}


# --- Each blocking class, alone in a finding ---------------------------------------------------

BLOCKING = {
    "the child's full name": ("Jordan Ellery waited too long.", f"the child's name from {RECORD}"),
    "given and family name in reverse": (
        "Ellery, Jordan waited.",
        f"the child's name, family name first from {RECORD}",
    ),
    "an initial and the family name": (
        "J. Ellery waited.",
        f"the child's name with an initial from {RECORD}",
    ),
    "an initial without a full stop": (
        "J Ellery waited.",
        f"the child's name with an initial from {RECORD}",
    ),
    "a possessive of the full name": ("Jordan Ellery's plan", f"the child's name from {RECORD}"),
    "a possessive of the given name": (
        "Jordan's plan was late.",
        f"the child's given name as a possessive from {RECORD}",
    ),
    "a title and the family name": (
        "Ms Ellery, the team manager, agreed.",
        f"the child's family name with a title from {RECORD}",
    ),
    "a title with a full stop": (
        "Dr. Ellery agreed.",
        f"the child's family name with a title from {RECORD}",
    ),
    "the family name as a family": (
        "The Ellery family moved.",
        f"the child's family name as a family from {RECORD}",
    ),
    "a family member's name": ("Dana Ellery attended.", f"a family member's name from {RECORD}"),
    "a sibling's hyphenated name": (
        "Kacey Dunmore-Platt attended.",
        f"a family member's name from {RECORD}",
    ),
    "a carer recorded with her title": (
        "Mrs Okafor cared well.",
        f"a carer's family name with a title from {RECORD}",
    ),
    "a carer's name": ("Bernard Quilliam cared well.", f"a carer's name from {RECORD}"),
    "an alias": ("Jojo Renshaw was seen.", f"the child's other name from {RECORD}"),
    "a one-word alias": ("Zeb was seen.", f"the child's other name from {RECORD}"),
    "a date of birth in words": (
        "born 12 April 2003",
        f"the child's date of birth from {RECORD}",
    ),
    "an agency reference": ("case CSC-48213", f"an agency reference from {RECORD}"),
    "the case sample's own reference": (
        "case ASH-T01",
        f"the case sample's reference from {RECORD}",
    ),
    "an NHS number": ("NHS number 943 476 5919", "an NHS number"),
    "an NHS number written plain": ("NHS 9434765919", "an NHS number"),
    "a unique pupil number": ("UPN B801200005001", "a unique pupil number"),
    "a National Insurance number": ("NI AB 12 34 56 C", "a National Insurance number"),
    "a postcode": ("lives at LS1 4AP", "a postcode"),
    "a postcode in lower case": ("lives at ls1 4ap", "a postcode"),
    "a mobile number": ("call 07700 900123", "a telephone number"),
    "a landline number": ("call (0113) 496 0000", "a telephone number"),
    "an international number": ("call +44 20 7946 0018", "a telephone number"),
    "an email address": ("write to jo.bloggs@example.com", "an email address"),
}


@pytest.mark.parametrize("case", list(BLOCKING))
def test_each_blocking_class_alone_blocks(case):
    text, label = BLOCKING[case]
    assert blocking(text) == {label}, found(text)


def test_a_blocking_finding_says_its_section_page_and_the_words_around_it():
    html = (
        '<h1>Report</h1><h2 id="findings">Findings</h2><p>All good.</p>'
        '<h2 id="about">About this inspection</h2><p>We met Jordan Ellery at home.</p>'
    )
    pages = ["Report", "Findings All good.", "About this inspection We met Jordan Ellery at home."]
    anchors = [[], ["findings"], ["about"]]
    findings = find_personal_data(terms=TERMS, html=html, pdf_pages=pages, page_anchors=anchors)
    assert [(f.where, f.section, f.page) for f in findings] == [
        (
            "the section \u201cAbout this inspection\u201d of the web page",
            "About this inspection",
            None,
        ),
        ("page 3 of the PDF", "About this inspection", 3),
    ]
    pdf = findings[1]
    assert (pdf.before, pdf.match, pdf.after) == (
        "About this inspection We met ",
        "Jordan Ellery",
        " at home.",
    )
    assert pdf.blocking and pdf.record == RECORD
    # The same words of the same record have one key, wherever they are found.
    assert findings[0].key == pdf.key


def test_a_section_that_runs_on_from_an_earlier_page_is_named():
    pages = ["Findings", "the plan for Jordan Ellery was late"]
    html = '<h2 id="f">Findings</h2><p>the plan for Jordan Ellery was late</p>'
    findings = find_personal_data(terms=TERMS, html=html, pdf_pages=pages, page_anchors=[["f"], []])
    assert [(f.page, f.section) for f in findings if f.page] == [(2, "Findings")]


# --- Each warning class -------------------------------------------------------------------------

WARNINGS = {
    "a given name alone": ("Jordan said he felt safe.", f"the child's given name from {RECORD}"),
    "a family name alone": ("Ellery was seen.", f"the child's family name from {RECORD}"),
    "a staff name from evidence": (
        "Morwenna Tregarthen, the team manager, agreed.",
        "a staff member's name from Ofsted's evidence of 2 March 2015",
    ),
    "a staff member's title and family name": (
        "Ms Tregarthen agreed.",
        "a staff member's family name with a title from Ofsted's evidence of 2 March 2015",
    ),
    "a common word that is a child's name, capitalised": (
        "Hope said she was heard.",
        "the child's given name from case sample ASH-S02",
    ),
    "a common word's possessive": (
        "Hope's plan was late.",
        "the child's given name as a possessive from case sample ASH-S02",
    ),
    "the child's school": ("at Calder Vale Academy", f"the child's school from {RECORD}"),
}


@pytest.mark.parametrize("case", list(WARNINGS))
def test_each_warning_class_warns_and_does_not_block(case):
    text, label = WARNINGS[case]
    assert blocking(text) == set()
    assert warnings(text) == {label}


def test_common_words_that_are_also_names_do_not_block():
    text = "We hope the council will act, and may do so with grace; Hope Street is closed."
    assert blocking(text) == set()
    # Only the capitalised "Hope", as a name is written, is worth a reviewer's look.
    assert [match for _, _, match in found(text)] == ["Hope"]
    assert blocking("Hope Ravensworth was seen.") == {"the child's name from case sample ASH-S02"}


def test_a_name_made_of_common_words_blocks_only_where_it_is_written_as_a_name():
    terms = build(
        [
            CaseRecord(reference="W-1", child_name="Ann Page"),
            CaseRecord(reference="W-2", child_name="Will May"),
        ],
        [],
    )
    assert found("Read a page of the plan; the council will, may or must act.", terms) == []
    assert found("Ann Page was seen; Will May was seen.", terms) == [
        ("the child's name from case sample W-1", True, "Ann Page"),
        ("the child's name from case sample W-2", True, "Will May"),
    ]
    # An initial with a family name that is also a word: capitalised, it asks a reviewer.
    assert found("A. Page was seen.", terms) == [
        ("the child's name with an initial from case sample W-1", False, "A. Page")
    ]


# --- The attack list of issue 15 ----------------------------------------------------------------

ATTACKS = [
    "Jordan's plan",
    "The Ellery family",
    "Ellery, Jordan",
    "J. Ellery",
    "J\u043erdan Ellery",  # a Cyrillic о
    "12th of April 2003",
    "2003-4-12",
    "CSC/48213",
    "CSC\u201348213",  # an en dash
    "ASH-T01",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_attack_that_once_passed_is_blocked(attack):
    assert blocking(f"In this case, {attack} was noted."), attack


@pytest.mark.parametrize(
    "written",
    [
        "12 April 2003",
        "12th April 2003",
        "12 Apr 2003",
        "April 12, 2003",
        "April 12th 2003",
        "12/04/2003",
        "12/4/2003",
        "12.04.03",
        "12-04-2003",
        "12 04 2003",
        "4/12/2003",
        "2003-04-12",
        "2003/4/12",
        "2003 April 12",
        "the twelfth: 12th of Apr. 2003",
    ],
)
def test_a_date_of_birth_is_found_however_it_is_written(written):
    assert blocking(written) == {f"the child's date of birth from {RECORD}"}


@pytest.mark.parametrize(
    "written", ["CSC 48213", "CSC48213", "CSC\u201448213", "csc-48213", "ASH T01", "ASHT01"]
)
def test_a_reference_is_found_with_any_separator_or_none(written):
    assert blocking(written)


# --- Matching as a reader reads -----------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "JORDAN ELLERY",  # capitals
        "Jor-\ndan Ellery",  # a hyphen at the end of a PDF line
        "Jor-\r\ndan Ellery",
        "Jor\u00addan Ellery",  # a soft hyphen
        "Jor\u200bdan Ellery",  # a zero-width space
        "Jord\u00e1n \u00c9llery",  # accents
        "Jorda\u0301n Ellery",  # a combining accent
        "J\u043erd\u0430n Ell\u0435ry",  # Cyrillic о, а and е
        "J\u03bfrdan Ellery",  # a Greek omicron
        "\uff2aordan Ellery",  # a full-width J
        "Jordan\nEllery",  # a line break between the names
    ],
)
def test_a_name_is_found_whatever_its_case_accents_hyphens_or_look_alike_letters(written):
    assert blocking(written) == {f"the child's name from {RECORD}"}, written


def test_a_ligature_is_read_as_its_letters():
    terms = build([CaseRecord(reference="LIG-1", child_name="Fiona Stafford")], [])
    assert blocking("We met \ufb01ona Sta\ufb00ord.") == set()  # not recorded in TERMS
    assert {label for label, blocks, _ in found("We met \ufb01ona Sta\ufb00ord.", terms)} == {
        "the child's name from case sample LIG-1"
    }


def test_a_hyphenated_name_broken_across_lines_at_its_hyphen_is_found():
    assert blocking("seen with Kacey Dunmore-\nPlatt") == {f"a family member's name from {RECORD}"}


def test_a_name_inside_a_longer_word_is_not_found():
    assert found("XJordan Ellerys and CSC-482130 and ASH-T012") == []


# --- A clean report, and what is not personal data ---------------------------------------------


def test_a_clean_report_passes():
    text = (
        "Children who need help and protection are identified early. In 2015, 1,234 contacts "
        "were received; 38% led to an assessment. Key Stage 2 (KS2 1st year) results improved "
        "between 2013 2014 and 2015 for 12 345 678 pupils. The LSCB met on 12 March 2015, and "
        "its 2014-15 annual report is published. Ofsted, CQC and HMIC inspected jointly."
    )
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "NHS number 943 476 5918",  # a wrong check digit
        "UPN A801200005001",  # a wrong check letter
        "NI QQ 12 34 56 C",  # QQ is never issued
        "born 12 April 2004",  # not a recorded date of birth
    ],
)
def test_numbers_that_fail_their_check_are_not_findings(text):
    assert found(text) == []


# --- Speed ---------------------------------------------------------------------------------------


def test_a_100_page_report_against_2000_names_is_checked_in_seconds():
    """The benchmark's workload (bench/personal_data.py; target 1 s on these machines, measured
    there). Here a generous bound, for a shared CI machine."""
    terms, html, pages = workload(pages=100, names=2000)
    started = time.perf_counter()
    findings = find_personal_data(terms=terms, html=html, pdf_pages=pages)
    seconds = time.perf_counter() - started
    # The three children written into the report are found on the web page and in the PDF.
    assert len({f.record for f in findings if f.blocking}) == 3
    assert seconds < 3, f"{seconds:.2f} s"
