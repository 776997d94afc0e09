"""The public report page links the statement once, and only once, it is published."""

from __future__ import annotations

import datetime
import hashlib

from django.test import Client

from statements.models import StatementOfAction
from tests.statements.published import PDF, SLUG, dated, publish_report

STATEMENT_URL = f"/reports/{SLUG}/statement-of-action.pdf"


def _publish(admin_client, inadequate, day=datetime.date(2015, 7, 2)):
    reference = inadequate.inspection.reference
    return admin_client.post(f"/statements/{reference}/publish/", dated("published_on", day))


def test_the_report_page_links_the_statement_only_once_published(receive, admin_client, inadequate):
    public = Client()
    receive()
    before = public.get(f"/reports/{SLUG}/")
    assert before.status_code == 200
    assert "Written statement of action" not in before.content.decode()
    assert public.get(STATEMENT_URL).status_code == 404

    assert _publish(admin_client, inadequate).status_code == 302

    after = public.get(f"/reports/{SLUG}/").content.decode()
    assert f'href="{STATEMENT_URL}"' in after
    assert f"Written statement of action (PDF, {len(PDF)} bytes)" in after
    statement = StatementOfAction.objects.get()
    assert statement.published_on == datetime.date(2015, 7, 2)


def test_the_published_statement_downloads_with_an_etag_and_answers_304(
    receive, admin_client, inadequate
):
    receive()
    _publish(admin_client, inadequate)
    public = Client()

    response = public.get(STATEMENT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == PDF
    etag = f'"{hashlib.sha256(PDF).hexdigest()}"'
    assert response["ETag"] == etag
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = public.get(STATEMENT_URL, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    head = public.head(STATEMENT_URL)
    assert head.status_code == 200 and head["ETag"] == etag


def test_the_statement_is_not_served_under_another_reports_address(
    receive, admin_client, inadequate, people
):
    receive()
    _publish(admin_client, inadequate)
    other = publish_report(
        people=people, grades={"leadership": "good"}, area_code="E08000902", slug="other-area-2015"
    )

    assert Client().get(f"/reports/{other.slug}/statement-of-action.pdf").status_code == 404
    assert (
        "Written statement of action"
        not in Client().get(f"/reports/{other.slug}/").content.decode()
    )


def test_a_publication_date_before_receipt_or_in_the_future_is_refused(
    receive, admin_client, inadequate
):
    receive(day=datetime.date(2015, 7, 1))

    early = _publish(admin_client, inadequate, datetime.date(2015, 6, 30))
    late = _publish(admin_client, inadequate, datetime.date.today() + datetime.timedelta(days=1))

    assert "on or after the statement was received (1 July 2015)" in early.content.decode()
    assert "today or in the past" in late.content.decode()
    assert StatementOfAction.objects.get().published_on is None
    assert Client().get(STATEMENT_URL).status_code == 404
