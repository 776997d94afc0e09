"""The open-data API: one report at its own address, conditional GET, and one error shape."""

from __future__ import annotations

import pytest

from reports.api import METHOD_NOT_ALLOWED, NOTHING_HERE, REPORT_NOT_FOUND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_rendered_once")]


def _assert_error(response, status: int, code: str) -> dict:
    """Every error: the same keys, its own status and code, and a message for people."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) - {"fields"} == {"status", "code", "message"}
    assert error["status"] == status
    assert error["code"] == code
    assert error["message"]
    return error


def test_one_report_has_every_judgement_with_its_scale_and_its_file(client, published):
    response = client.get(f"/api/reports/{published.slug}/")
    assert response.status_code == 200
    report = response.json()
    version = published.report_version
    assert report["slug"] == published.slug
    assert report["api_url"] == f"http://testserver/api/reports/{published.slug}/"
    assert report["pdf"] == {
        "url": f"http://testserver/reports/{published.slug}.pdf",
        "size_bytes": version.size_bytes,
        "page_count": version.page_count,
        "sha256": version.sha256,
    }
    judgements = report["judgements"]
    assert len(judgements) == version.judgements.count()
    _assert_each_scale(judgements, published.inspection.framework)
    assert report["corrections"] == []
    assert [(v["version"], v["current"]) for v in report["versions"]] == [(version.number, True)]
    assert report["published_at"] == published.publish_at.isoformat()


def _assert_each_scale(judgements: list[dict], framework) -> None:
    """Each judgement names the scale its grade is on: the version's for the shared LSCB one,
    else its inspectorate's and area's (DESIGN rule 15)."""
    for judgement in judgements:
        scale = (
            framework.grade_scale
            if judgement["shared"]
            else framework.scale_for(judgement["inspectorate"], judgement["area"])
        )
        assert judgement["scale"] == {"code": scale.code, "name": scale.name}


def test_the_list_names_each_judgements_scale(client, published):
    (report,) = client.get("/api/reports/").json()["results"]
    _assert_each_scale(report["judgements"], published.inspection.framework)
    # The demo's inspection is on the 2017 version: HMI Prisons' tests on their own scale.
    assert {j["scale"]["code"] for j in report["judgements"]} >= {
        "ofsted_four_point_2017",
        "healthy_establishment",
    }


@pytest.mark.parametrize("address", ["/api/reports/", "/api/reports/{slug}/"])
def test_an_unchanged_answer_is_a_304_to_its_etag(client, published, address):
    address = address.format(slug=published.slug)
    first = client.get(address)
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 66
    again = client.get(address, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.content
    stale = client.get(address, HTTP_IF_NONE_MATCH='"an-older-answer"')
    assert stale.status_code == 200
    assert stale.content == first.content


def test_every_error_has_one_shape(client, published):
    bad_grade = _assert_error(client.get("/api/reports/?grade=wonderful"), 400, "invalid_query")
    assert set(bad_grade["fields"]) == {"grade"}
    bad_page = _assert_error(client.get("/api/reports/?page=9"), 404, "page_not_found")
    assert bad_page["message"] == "There is no page 9."
    not_a_page = _assert_error(client.get("/api/reports/?page=first"), 404, "page_not_found")
    assert not_a_page["fields"] == {"page": ["There is no page first."]}
    unknown = _assert_error(client.get("/api/reports/no-such-report/"), 404, "not_found")
    assert unknown["message"] == REPORT_NOT_FOUND
    elsewhere = _assert_error(client.get("/api/judgements/"), 404, "not_found")
    assert elsewhere["message"] == NOTHING_HERE
    for address in ("/api/reports/", f"/api/reports/{published.slug}/"):
        refused = client.post(address, {})
        assert _assert_error(refused, 405, "method_not_allowed")["message"] == METHOD_NOT_ALLOWED
        assert refused["Allow"] == "GET, HEAD"
