"""The gates on the way to the public, each refusing alone with its message: the window's end,
another app's condition on "publish", and the publication's own date on the cover (DESIGN rules
10 and 20). Fieldwork within its window is in tests/inspections/test_fieldwork_window.py."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from core import gates
from core.dates import date_and_time
from inspections.models import Inspection
from reports import rendering, selectors, services
from reports.content import report_content
from reports.models import Publication, ReportVersion
from tests.reports.conftest import embargo, publish, record_closed_round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_rendered_once")]

ROUND_OPEN = "The factual accuracy round is still open."


def _refused_alone(inspection, people, message):
    inspection.refresh_from_db()
    assert selectors.publication_missing_conditions(inspection=inspection) == [message]
    with pytest.raises(ValidationError) as refused:
        publish(inspection, people)
    assert refused.value.messages == [message]
    assert not Publication.objects.exists()


def test_publication_waits_until_the_window_has_ended(final_version, people):
    inspection = final_version.inspection
    today = timezone.localdate()
    Inspection.objects.filter(pk=inspection.pk).update(window_end=today)
    # Rendered while the window was still open: only the window's end is missing.
    ReportVersion.objects.filter(pk=final_version.pk).update(
        content_digest=report_content(inspection=inspection).digest()
    )
    message = selectors.WINDOW_NOT_ENDED.format(
        end=f"{today:%-d %B %Y}", day=f"{today + datetime.timedelta(days=1):%-d %B %Y}"
    )
    _refused_alone(inspection, people, message)


@pytest.fixture
def round_open_gate():
    """A condition another app adds to "publish", as the factual accuracy round does."""

    def round_open(*, inspection):
        return [ROUND_OPEN]

    gates.register("publish", round_open)
    yield
    gates._conditions["publish"].remove(round_open)


def test_a_condition_another_app_adds_to_publish_refuses_alone(
    final_version, people, round_open_gate
):
    _refused_alone(final_version.inspection, people, ROUND_OPEN)


def test_an_embargo_that_has_passed_refuses_and_the_page_offers_to_render_again(
    client_for, final_version, people
):
    passed = timezone.now() - datetime.timedelta(minutes=5)
    embargo(final_version, passed)
    message = selectors.EMBARGO_PASSED.format(
        number=final_version.number, when=date_and_time(passed)
    )
    _refused_alone(final_version.inspection, people, message)
    page = client_for("ofsted.lead").get(
        f"/inspections/{final_version.inspection.reference}/report/publish/"
    )
    assert "Render the report again" in page.content.decode()


def test_a_cover_dated_another_day_refuses_publication(final_version, people):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ReportVersion.objects.filter(pk=final_version.pk).update(publication_date=yesterday)
    message = selectors.COVER_DATE_PASSED.format(
        number=final_version.number,
        date=f"{yesterday:%-d %B %Y}",
        today=f"{timezone.localdate():%-d %B %Y}",
    )
    _refused_alone(final_version.inspection, people, message)


def test_the_publish_page_says_when_the_version_will_be_published(client_for, final_version):
    page = client_for("ofsted.lead").get(
        f"/inspections/{final_version.inspection.reference}/report/publish/"
    )
    today = timezone.localdate()
    assert f"It will be published now, on {today:%-d %B %Y}" in page.content.decode()


# --- The publication's date, everywhere (DESIGN rule 20) ----------------------------------------


def _cover(version) -> str:
    with default_storage.open(version.pdf.name, "rb") as file:
        return " ".join(rendering.read_pdf(file.read()).page_texts[0].split())


def test_the_page_feed_api_and_pdf_cover_give_the_publications_date(client, published):
    day = f"{timezone.localtime(published.publish_at):%-d %B %Y}"
    assert f"Publication date {day}" in _cover(published.report_version)
    page = client.get(published.get_absolute_url()).content.decode()
    assert f'<dd class="govuk-summary-list__value">{day}</dd>' in page
    # Given once, on the cover: the download panel no longer repeats it (issue 17).
    assert page.count(f">{day}</dd>") == 1
    feed = ElementTree.fromstring(client.get("/reports/feed/").content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    published_at = next(feed.iter(f"{atom}entry")).find(f"{atom}published").text
    api = client.get("/api/reports/").json()["results"][0]["published_at"]
    for moment in (published_at, api):
        local = timezone.localtime(datetime.datetime.fromisoformat(moment))
        assert f"{local:%-d %B %Y}" == day


def test_an_embargo_chosen_at_render_time_is_the_publications_moment_and_cover_date(
    client_for, ready_inspection, people
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    lead = client_for("ofsted.lead")
    response = lead.post(
        f"/inspections/{ready_inspection.reference}/report/",
        {
            "purpose": "final",
            "publish_when": "embargo",
            "embargo_on_0": tomorrow.day,
            "embargo_on_1": tomorrow.month,
            "embargo_on_2": tomorrow.year,
            "embargo_time": "09:30",
            "version": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()
    version = ReportVersion.objects.get(inspection=ready_inspection)
    version = services.report_version_render(version_id=version.pk)
    assert version.publication_date == tomorrow
    record_closed_round(ready_inspection, people, version)
    publication = publish(ready_inspection, people)
    moment = timezone.localtime(publication.publish_at)
    assert (moment.date(), moment.time()) == (tomorrow, datetime.time(9, 30))
    assert f"Publication date {tomorrow:%-d %B %Y}" in _cover(version)


def test_the_render_form_asks_when_a_final_version_will_be_published(client_for, ready_inspection):
    response = client_for("ofsted.lead").post(
        f"/inspections/{ready_inspection.reference}/report/",
        {"purpose": "final", "version": 0},
    )
    assert response.status_code == 400
    assert "Select when the final version will be published" in response.content.decode()
    assert "publication_date" not in response.content.decode()
