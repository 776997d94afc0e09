"""Asking for a render, publishing and publishing a correction act on the report the lead
inspector's page showed, or not at all (issue 13)."""

import pytest

from core.versioning import VERSION_MISSING
from reports import corrections, services
from reports.models import Publication, ReportVersion
from tests.reports.conftest import render
from tests.stale import row_counts, version_on_page

pytestmark = pytest.mark.django_db


def _overview(inspection) -> str:
    return f"/inspections/{inspection.reference}/report/"


def _publish_url(inspection) -> str:
    return f"/inspections/{inspection.reference}/report/publish/"


def test_a_render_asked_for_from_a_page_that_missed_a_newer_one_is_not_queued(
    client_for, ready_inspection, people
):
    lead = client_for("ofsted.lead")
    seen = version_on_page(lead.get(_overview(ready_inspection)).content.decode(), 'name="purpose"')
    assert seen == 0
    render(ready_inspection, people)  # from another tab: version 1
    before = row_counts()

    response = lead.post(
        _overview(ready_inspection),
        {"purpose": "final", "publish_when": "when_ready", "version": seen},
    )

    assert response.status_code == 409
    assert row_counts() == before
    assert ReportVersion.objects.filter(inspection=ready_inspection).count() == 1
    page = response.content.decode()
    assert services.RENDER_MOVED.format(version=1, seen=0) in page
    assert ">Version 1</a>" in page  # the versions as they are now
    assert version_on_page(page, 'name="purpose"') == 1


def test_a_final_version_replaced_after_the_publish_page_was_opened_is_not_published(
    client_for, final_version, people
):
    inspection = final_version.inspection
    lead = client_for("ofsted.lead")
    seen = version_on_page(
        lead.get(_publish_url(inspection)).content.decode(), "Publish the report"
    )
    assert seen == final_version.number == 1
    render(inspection, people)  # a newer final version, 2, nobody on this page has read
    before = row_counts()

    response = lead.post(_publish_url(inspection), {"version": seen})

    assert response.status_code == 409
    assert row_counts() == before
    assert not Publication.objects.exists()
    page = response.content.decode()
    assert services.PUBLISH_MOVED.format(version=2, seen=1) in page
    assert "final version 2 is ready" in page
    assert version_on_page(page, "Publish the report") == 2


def test_a_correction_replaced_after_the_page_was_opened_is_not_published(
    client_for, published, people
):
    inspection = published.inspection
    corrections.correction_open(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        reason="A date was wrong.",
        other_sections=True,
    )
    render(inspection, people)  # version 2, the correction
    lead = client_for("ofsted.lead")
    page = lead.get(_publish_url(inspection)).content.decode()
    seen = version_on_page(page, "Publish the correction")
    assert seen == 2
    render(inspection, people)  # version 3, from another tab
    before = row_counts()

    response = lead.post(_publish_url(inspection), {"version": seen})

    assert response.status_code == 409
    assert row_counts() == before
    assert list(Publication.objects.values_list("report_version__number", flat=True)) == [1]
    assert services.PUBLISH_MOVED.format(version=3, seen=2) in response.content.decode()


@pytest.mark.parametrize("page", ["render", "publish"])
def test_a_form_without_its_version_is_refused_with_a_message(
    client_for, final_version, people, page
):
    inspection = final_version.inspection
    url = _overview(inspection) if page == "render" else _publish_url(inspection)
    before = row_counts()

    response = client_for("ofsted.lead").post(url, {"purpose": "final"})

    assert response.status_code == 400
    assert VERSION_MISSING in response.content.decode()
    assert row_counts() == before


def test_the_service_refuses_a_publication_without_the_version_seen(final_version, people):
    with pytest.raises(services.ValidationError) as refused:
        services.report_publish(
            acting_user=people["ofsted.lead"],
            inspection=final_version.inspection,
            seen_version=None,
        )
    assert refused.value.messages == [VERSION_MISSING]
    assert not Publication.objects.exists()
