"""The lead inspector sees open referrals (what awaits, the workspace); the report counts them."""

from __future__ import annotations

import pytest

from referrals import selectors
from reports.content import report_content
from tests.referrals.conftest import answer

pytestmark = pytest.mark.django_db


def test_open_referrals_await_the_lead_inspector_and_the_referrer(client_for, record, people):
    referral = record("cqc.inspector")
    lead = client_for("ofsted.lead").get("/inspections/").content.decode()
    assert "Referral 1 awaits a response from Ashdown Children&#x27;s Services Front Door" in lead
    assert "Referral 1 awaits" in client_for("cqc.inspector").get("/inspections/").content.decode()
    assert "Referral 1" not in client_for("hmic.inspector").get("/inspections/").content.decode()
    answer(referral, people["cqc.inspector"])
    lead = client_for("ofsted.lead").get("/inspections/").content.decode()
    assert "Close referral 1: the response from" in lead


def test_the_workspace_lists_open_referrals_to_the_team_only(
    client_for, inspection, record, people
):
    record()
    closed = record(case_sample=None, child_reference="ASH-R03", age_band="16_17")
    answer(closed, people["ofsted.lead"], close=True)
    url = f"/inspections/{inspection.reference}/workspace/"
    page = client_for("ofsted.lead").get(url).content.decode()
    assert "Open concern referrals" in page
    assert ">Referral 1</a>" in page
    assert ">Referral 2</a>" not in page
    assert "Awaiting response" in page
    # Programme staff read the workspace, but not the children's referrals.
    assert "Open concern referrals" not in client_for("programme.admin").get(url).content.decode()


def test_the_report_counts_referrals_and_says_nothing_else_of_them(inspection, record, people):
    assert report_content(inspection=inspection).referrals_made == 0
    record()
    record(case_sample=None, child_reference="ASH-R04", age_band="5_9")
    assert selectors.referral_count(inspection) == 2
    assert report_content(inspection=inspection).referrals_made == 2


def test_the_report_body_gives_the_number_and_passes_the_personal_data_check(inspection, record):
    from reports.personal_data import find_personal_data, personal_data_terms
    from reports.rendering import render_body

    record()
    record(case_sample=None, child_reference="ASH-R05", age_band="5_9")
    html = render_body(
        content=report_content(inspection=inspection),
        version_number=1,
        draft=True,
        publication_date=None,
    )
    assert "2 referrals were made during this inspection" in html
    for detail in ("ASH-T01", "ASH-R05", "scared to go home", "Front Door"):
        assert detail not in html
    terms = personal_data_terms(inspection=inspection)
    assert terms, "the case sample's name is checked for"
    assert find_personal_data(terms=terms, html=html, pdf_pages=[]) == []
