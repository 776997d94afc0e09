"""The public side: the list and its search, the report page, the PDF, the feed and the API."""

import datetime
import re
import xml.etree.ElementTree as ElementTree

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports.models import ReportPurpose
from tests.reports.conftest import publish, publish_many, render

# The tests check what surrounds a rendered final version: one real render serves them all.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_rendered_once")]

ATOM = "{http://www.w3.org/2005/Atom}"


def _listed(response) -> list[str]:
    """The areas of the reports listed, in order."""
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<:]+):',
        response.content.decode(),
    )


def test_the_home_page_sends_the_public_to_reports_and_the_team_to_inspections(client, client_for):
    assert client.get("/")["Location"] == "/reports/"
    assert client_for("cqc.inspector").get("/")["Location"] == "/inspections/"


def test_the_list_shows_published_reports_newest_first_twenty_a_page(client, people):
    publish_many(25, people=people)
    first = client.get("/reports/")
    assert "25 reports" in first.content.decode()
    assert _listed(first) == [f"Area {n:03d}" for n in range(20)]
    second = client.get("/reports/?page=2")
    assert _listed(second) == [f"Area {n:03d}" for n in range(20, 25)]


def test_the_list_is_searched_by_area_name(client, people):
    publish_many(12, people=people)
    assert _listed(client.get("/reports/?area=area+01")) == [f"Area {n:03d}" for n in (10, 11)]


def test_the_list_is_searched_by_publication_date_range(client, people):
    newest = timezone.now() - datetime.timedelta(hours=1)
    publish_many(10, people=people, newest=newest)
    start = timezone.localdate(newest - datetime.timedelta(days=5))
    end = timezone.localdate(newest - datetime.timedelta(days=3))
    query = (
        f"published_from_0={start.day}&published_from_1={start.month}"
        f"&published_from_2={start.year}&published_to_0={end.day}"
        f"&published_to_1={end.month}&published_to_2={end.year}"
    )
    assert _listed(client.get(f"/reports/?{query}")) == ["Area 003", "Area 004", "Area 005"]


def test_the_list_is_searched_by_inspectorate_and_grade(client, people):
    publish_many(8, people=people)
    # Ofsted's overall effectiveness cycles outstanding, good, requires improvement, inadequate.
    assert _listed(client.get("/reports/?inspectorate=ofsted&grade=inadequate")) == [
        "Area 003",
        "Area 007",
    ]
    assert len(_listed(client.get("/reports/?inspectorate=cqc&grade=good"))) == 8
    assert _listed(client.get("/reports/?inspectorate=cqc&grade=outstanding")) == []
    assert _listed(client.get("/reports/?inspectorate=hmic")) == []
    assert len(_listed(client.get("/reports/?inspectorate=ofsted"))) == 8


def test_a_search_with_an_impossible_date_range_says_what_is_wrong(client, people):
    response = client.get(
        "/reports/?published_from_0=10&published_from_1=6&published_from_2=2015"
        "&published_to_0=1&published_to_1=6&published_to_2=2015"
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The end date must be on or after the start date" in page


def test_the_report_page_shows_the_report_and_its_pdfs_size_pages_and_sha256(client, published):
    version = published.report_version
    page = client.get(f"/reports/{published.slug}/").content.decode()
    assert "<title>Ashdown: joint inspection report - Joint Inspections</title>" in page
    assert "Judgements at a glance" in page
    assert version.sha256 in page
    assert f"{version.page_count} pages" in page
    assert f"PDF, {version.size_bytes / 1024:.1f}\xa0KB" in page
    assert f'href="/reports/{published.slug}.pdf"' in page


def test_the_pdf_is_served_with_content_disposition_and_an_etag(client, published):
    response = client.get(f"/reports/{published.slug}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{published.slug}.pdf"'
    assert response["ETag"] == f'"{published.report_version.sha256}"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_pdf_answers_304_to_a_matching_if_none_match(client, published):
    etag = f'"{published.report_version.sha256}"'
    response = client.get(f"/reports/{published.slug}.pdf", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert not response.content
    other = client.get(f"/reports/{published.slug}.pdf", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_a_factual_accuracy_draft_is_never_public(client, ready_inspection, people):
    render(ready_inspection, people, purpose=ReportPurpose.FACTUAL_ACCURACY)
    render(ready_inspection, people)
    publication = publish(ready_inspection, people)
    assert client.get(f"/reports/{publication.slug}/versions/2.pdf").status_code == 200
    assert client.get(f"/reports/{publication.slug}/versions/1.pdf").status_code == 404
    assert client.get(f"/reports/{publication.slug}/versions/1/").status_code == 404


def test_an_unknown_report_is_404(client):
    assert client.get("/reports/no-such-report/").status_code == 404
    assert client.get("/reports/no-such-report.pdf").status_code == 404


def test_the_feed_parses_as_atom_with_an_entry_and_pdf_per_publication(client, people):
    publish_many(3, people=people)
    response = client.get("/reports/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Joint inspection reports"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        f"Area {n:03d}: joint inspection report" for n in range(3)
    ]
    for entry in entries:
        assert entry.find(f"{ATOM}id").text
        assert entry.find(f"{ATOM}updated").text
        enclosure = entry.find(f"{ATOM}link[@rel='enclosure']")
        assert enclosure.get("type") == "application/pdf"
        # Absolute on the service's own address, not the request's Host (core.links).
        assert enclosure.get("href").startswith(f"{settings.SITE_URL}/reports/area-")


def test_the_api_lists_each_report_with_every_judgement(client, published):
    body = client.get("/api/reports/").json()
    assert body["count"] == 1
    (report,) = body["results"]
    assert report["slug"] == published.slug
    assert report["pdf"]["sha256"] == published.report_version.sha256
    framework = published.inspection.framework
    expected = [
        (code, area.code)
        for code in ("ofsted", "cqc", "hmic", "hmi_probation", "hmi_prisons")
        for area in framework.for_inspectorate(code).areas
    ] + [(None, "lscb")]
    assert [(j["inspectorate"], j["area"]) for j in report["judgements"]] == expected
    # HMI Prisons' safety test (integrated 2017.1), graded on its own scale.
    safety = next(j for j in report["judgements"] if j["area"] == "safety")
    assert safety["grade"] == "good"
    assert safety["grade_label"] == "Good"
    lscb = report["judgements"][-1]
    assert lscb["shared"] is True
    assert lscb["grade_label"] == "Good"


def test_the_api_is_paginated_and_filtered_like_the_list(client, people):
    publish_many(55, people=people)
    first = client.get("/api/reports/").json()
    assert first["count"] == 55
    assert len(first["results"]) == 50
    assert first["next"] == "http://testserver/api/reports/?page=2"
    second = client.get("/api/reports/?page=2").json()
    assert [r["slug"] for r in second["results"]] == [f"area-{n:03d}" for n in range(50, 55)]
    assert client.get("/api/reports/?page=9").status_code == 404
    inadequate = client.get("/api/reports/?inspectorate=ofsted&grade=inadequate").json()
    assert inadequate["count"] == 13
    on_its_scale = client.get("/api/reports/?inspectorate=ofsted&grade=four_point:inadequate")
    assert on_its_scale.json()["count"] == 13


def _queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize("address", ["/reports/", "/api/reports/"])
def test_the_list_and_the_api_run_the_same_queries_for_5_or_200_reports(address, client, people):
    publish_many(5, people=people)
    with_five = _queries(client, address)
    publish_many(195, people=people, first=5)
    assert _queries(client, address) == with_five
