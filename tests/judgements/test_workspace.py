"""The workspace and coverage: the whole inspection at a glance, in a fixed number of queries."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections import services as inspection_services
from inspectorates.models import Inspectorate
from judgements import services
from judgements.models import Evidence, EvidenceArea

pytestmark = pytest.mark.django_db

# Every signed-in page: the session with its user (1, ADR 0020), the inspection with what the
# user may do on it (the programme permission, the team membership and the rights on the
# participations, read in the same query: 1, bench/README.md fix 11), and saving the session on
# the first request (3). That is 5 before the page's own reads.
ACCESS_AND_SESSION_QUERIES = 5
# Saving the session: on the first request, then at most once a minute.
SESSION_SAVE_QUERIES = 3
# On the first request, the cached sections (DESIGN rule 22; their change counters are read
# with the inspection): participations with their leads, judgements, evidence counts per area
# and per inspectorate. The open concern referrals panel (issue 15) reads nothing when none is
# open (read with the inspection too).
WORKSPACE_QUERIES = ACCESS_AND_SESSION_QUERIES + 4
# Participations and authors for the filters, the pager's count, the user's team membership,
# and one page of evidence with its areas and case samples.
EVIDENCE_LIST_QUERIES = ACCESS_AND_SESSION_QUERIES + 7


def test_the_workspace_shows_every_inspectorates_areas_counts_grades_and_status(
    client_for, inspection, people, record_evidence, save_judgement
):
    evidence = record_evidence("ofsted.inspector", ["help_and_protection", "care_leavers"])
    record_evidence("ofsted.inspector", ["help_and_protection"])
    judgement = save_judgement(
        "ofsted.inspector", "ofsted", "help_and_protection", evidence=[evidence]
    )
    services.judgement_submit(
        acting_user=people["ofsted.inspector"], judgement=judgement, seen_version=judgement.version
    )
    page = (
        client_for("prisons.inspector")
        .get(f"/inspections/{inspection.reference}/workspace/")
        .content.decode()
    )
    for inspectorate in Inspectorate.objects.all():
        assert inspectorate.name in page
        for area in inspection.framework.for_inspectorate(inspectorate.code).areas:
            assert area.title.replace("'", "&#x27;") in page
    assert '?area=ofsted:help_and_protection">2<' in page
    assert '?area=ofsted:care_leavers">1<' in page
    assert "Submitted" in page and "Not started" in page
    assert "app-grade--good" in page


def test_changing_the_areas_of_evidence_moves_its_count(
    client_for, inspection, people, record_evidence, today
):
    evidence = record_evidence("cqc.inspector", ["safeguarding"])
    services.evidence_update(
        acting_user=people["cqc.inspector"],
        evidence=evidence,
        observed_on=today,
        source="case_audit",
        area_codes=["looked_after_health", "health_leadership"],
        text=evidence.text,
    )
    page = (
        client_for("ofsted.inspector")
        .get(f"/inspections/{inspection.reference}/workspace/")
        .content.decode()
    )
    assert '?area=cqc:safeguarding">0<' in page
    assert '?area=cqc:looked_after_health">1<' in page
    assert '?area=cqc:health_leadership">1<' in page


def test_sub_judgements_sit_indented_under_their_parent(client_for, inspection):
    page = (
        client_for("ofsted.inspector")
        .get(f"/inspections/{inspection.reference}/workspace/")
        .content.decode()
    )
    parent = page.index("Children looked after and achieving permanence")
    adoption = page.index("Adoption performance")
    leavers = page.index("The experiences and progress of care leavers")
    leadership = page.index("Leadership, management and governance")
    assert parent < adoption < leavers < leadership
    row = page[page.rindex("<th", 0, adoption) : adoption]
    assert "govuk-!-padding-left-6" in row
    assert "Sub-judgement" in row


def test_only_members_who_may_write_are_offered_record_evidence(client_for, inspection):
    url = f"/inspections/{inspection.reference}/workspace/"
    assert "Record evidence" in client_for("cqc.inspector").get(url).content.decode()
    assert "Record evidence" not in client_for("programme.admin").get(url).content.decode()


def _bulk_evidence(inspection, people, count):
    """Evidence straight into the tables: the query counts are what is under test here."""
    authors = [people[u] for u in ("ofsted.inspector", "ofsted.lead", "cqc.inspector")]
    inspectorates = {i.code: i for i in Inspectorate.objects.all()}
    case = inspection_services.case_sample_create(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        internal_reference="ASH-Q1",
        tracking="sampled",
        age_band="5_9",
        child_name="Quinn Example",
    )
    rows = []
    for index, author in zip(range(count), itertools.cycle(authors), strict=False):
        code = "cqc" if author.username.startswith("cqc") else "ofsted"
        rows.append(
            Evidence(
                inspection=inspection,
                inspectorate=inspectorates[code],
                author=author,
                observed_on=inspection.window_start,
                source="case_audit",
                text=f"Evidence number {index}",
            )
        )
    created = Evidence.objects.bulk_create(rows)
    EvidenceArea.objects.bulk_create(
        EvidenceArea.of(
            item, "safeguarding" if item.inspectorate.code == "cqc" else "help_and_protection"
        )
        for item in created
    )
    Evidence.case_samples.through.objects.bulk_create(
        Evidence.case_samples.through(evidence=item, casesample=case) for item in created
    )


@pytest.mark.parametrize("count", [10, 500])
def test_the_workspace_runs_a_fixed_number_of_queries(
    client_for, inspection, people, save_judgement, count, django_assert_num_queries
):
    _bulk_evidence(inspection, people, count)
    save_judgement("ofsted.inspector", "ofsted", "help_and_protection")
    client = client_for("ofsted.inspector")
    url = f"/inspections/{inspection.reference}/workspace/"
    with django_assert_num_queries(WORKSPACE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 500])
def test_the_evidence_list_runs_a_fixed_number_of_queries(
    client_for, inspection, people, count, django_assert_num_queries
):
    _bulk_evidence(inspection, people, count)
    client = client_for("ofsted.inspector")
    url = f"/inspections/{inspection.reference}/evidence/"
    with django_assert_num_queries(EVIDENCE_LIST_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert f"{count} pieces of evidence" in response.content.decode()
    # Within the minute the session is not saved again (RefreshSessionMiddleware).
    with django_assert_num_queries(EVIDENCE_LIST_QUERIES - SESSION_SAVE_QUERIES):
        assert client.get(url, {"area": "cqc:safeguarding", "page": "2"}).status_code == 200


def test_the_coverage_page_shows_gaps_drafts_and_unlinked_evidence(
    client_for, inspection, record_evidence, save_judgement
):
    linked = record_evidence("cqc.inspector", ["safeguarding"], text="Linked one")
    record_evidence("cqc.inspector", ["safeguarding"], text="Unlinked one", source="data")
    save_judgement("cqc.inspector", "cqc", "safeguarding", evidence=[linked])
    client = client_for("ofsted.inspector")
    client.get("/inspections/")  # the session's first save, not counted in either
    with CaptureQueriesContext(connection) as small:
        page = client.get(f"/inspections/{inspection.reference}/coverage/").content.decode()
    cqc = page[page.index('id="cqc"') : page.index('id="hmic"')]
    without = cqc[cqc.index("Areas with no evidence") : cqc.index("still in draft")]
    assert "Health of looked after children" in without
    assert "Safeguarding children in health services" not in without
    drafts = cqc[cqc.index("still in draft") : cqc.index("not linked")]
    assert "Safeguarding children in health services" in drafts
    unlinked = cqc[cqc.index("not linked") :]
    assert "Data" in unlinked and "Case audit" not in unlinked
    for _ in range(20):
        record_evidence("hmic.inspector", ["child_protection"])
    with CaptureQueriesContext(connection) as large:
        client.get(f"/inspections/{inspection.reference}/coverage/")
    assert len(large) == len(small)
