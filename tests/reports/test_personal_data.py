"""The personal-data check: no child's or staff member's details may reach the public."""

import pytest
from django.core.exceptions import ValidationError

from inspections.models import AgeBand, CaseSample, CaseTracking
from judgements.models import Judgement
from lscb.models import SharedTextVersion
from reports import selectors
from reports.models import PersonalDataCheck, Publication
from reports.personal_data import find_personal_data, personal_data_terms
from tests.reports.conftest import AGENCY_REFERENCE, CHILD_NAME, STAFF_NAME, publish, render

pytestmark = pytest.mark.django_db


def _write_into_finding(inspection, text: str) -> None:
    judgement = Judgement.objects.get(inspection=inspection, area_code="help_and_protection")
    judgement.rationale = f"{judgement.rationale} {text}"
    judgement.save()


def test_a_clean_report_passes_the_check(final_version):
    assert final_version.personal_data_check == PersonalDataCheck.PASSED
    assert final_version.personal_data_findings == []


def test_a_case_samples_name_in_a_finding_blocks_publication_and_says_where(
    client_for, ready_inspection, people
):
    _write_into_finding(ready_inspection, f"{CHILD_NAME} waited too long for a plan.")
    version = render(ready_inspection, people)
    assert version.personal_data_check == PersonalDataCheck.FAILED
    places = [finding["where"] for finding in version.personal_data_findings]
    section = "the section \u201cOfsted: Children who need help and protection\u201d"
    assert f"{section} of the web page" in places
    assert any(place.startswith("page ") and place.endswith(" of the PDF") for place in places)
    assert {f["what"] for f in version.personal_data_findings} == {
        "the child's name from case sample CASE-01"
    }

    with pytest.raises(ValidationError) as refused:
        publish(ready_inspection, people)
    (message,) = refused.value.messages
    assert message.startswith(
        "The personal-data check found personal data in final version 1: the child's name from "
        "case sample CASE-01 in the section \u201cOfsted: Children who need help and protection"
    )
    assert " of the PDF" in message
    assert CHILD_NAME not in message
    assert not Publication.objects.exists()

    page = client_for("ofsted.lead").get(version.get_absolute_url()).content.decode()
    assert "Personal-data check" in page
    assert "The child&#x27;s name from case sample CASE-01 in page " in page


def test_dates_of_birth_agency_references_and_staff_names_are_found(ready_inspection, people):
    _write_into_finding(
        ready_inspection,
        f"A child born on 14 June 2007 (also written 14/06/2007), case {AGENCY_REFERENCE}; "
        f"the team manager, {STAFF_NAME}, agreed.",
    )
    version = render(ready_inspection, people)
    assert version.personal_data_check == PersonalDataCheck.FAILED
    found = {finding["what"] for finding in version.personal_data_findings}
    assert found == {
        "the date of birth from case sample CASE-01",
        "an agency reference from case sample CASE-01",
        f"a staff name recorded in Ofsted's evidence of {ready_inspection.window_start:%-d %B %Y}",
    }
    missing = selectors.publication_missing_conditions(inspection=ready_inspection)
    assert len(missing) == 1
    assert missing[0].startswith(selectors.PERSONAL_DATA_FOUND.split("{")[0])


def test_each_way_of_writing_a_date_of_birth_is_found(ready_inspection):
    terms = personal_data_terms(inspection=ready_inspection)
    for written in ("14 June 2007", "14th Jun 2007", "June 14, 2007", "14/06/2007", "2007-06-14"):
        findings = find_personal_data(terms=terms, html=f"<p>{written}</p>", pdf_pages=[])
        assert [f.what for f in findings] == ["the date of birth from case sample CASE-01"], written
    assert find_personal_data(terms=terms, html="<p>14 June 2008</p>", pdf_pages=[]) == []


def test_the_shared_text_is_checked_too(ready_inspection, people):
    SharedTextVersion.objects.filter(shared_text__inspection=ready_inspection).update(
        body=f"A finding that names {CHILD_NAME}."
    )
    version = render(ready_inspection, people)
    places = {finding["where"] for finding in version.personal_data_findings}
    for section in ("Summary of key findings", "The Local Safeguarding Children Board: Findings"):
        assert f"the section \u201c{section}\u201d of the web page" in places


def test_a_name_broken_across_lines_at_its_hyphen_is_still_found(ready_inspection):
    CaseSample.objects.create(
        inspection=ready_inspection,
        internal_reference="CASE-03",
        tracking=CaseTracking.SAMPLED,
        age_band=AgeBand.AGE_16_17,
        child_name="Kacey Dunmore-Platt",
    )
    findings = find_personal_data(
        terms=personal_data_terms(inspection=ready_inspection),
        html="<p>Nothing here</p>",
        pdf_pages=["Intro", "seen with Kacey Dunmore-\nPlatt"],
    )
    assert [(f.what, f.where) for f in findings] == [
        ("the child's name from case sample CASE-03", "page 2 of the PDF")
    ]


def test_names_are_looked_for_whatever_their_case_and_spacing(ready_inspection):
    terms = personal_data_terms(inspection=ready_inspection)
    findings = find_personal_data(
        terms=terms,
        html="<p>We met TALLULAH\n  FERNCASTLE.</p>",
        pdf_pages=["tallulah ferncastle"],
    )
    assert [f.where for f in findings] == ["the cover of the web page", "page 1 of the PDF"]


def test_words_that_only_contain_a_name_are_not_findings(ready_inspection):
    terms = personal_data_terms(inspection=ready_inspection)
    findings = find_personal_data(
        terms=terms, html="<p>XTallulah Ferncastles</p>", pdf_pages=["CSC-4488123"]
    )
    assert findings == []
