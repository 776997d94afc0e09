"""The emails to the area, each sent once; and who may record a statement."""

from __future__ import annotations

import datetime

from django.core import mail
from django.test import Client

from core.working_days import add_working_days
from statements import notices, tasks
from statements.models import NoticeKind, StatementNotice, StatementOfAction
from tests.statements.published import DUE_ON, dated, pdf_upload


def test_the_area_is_told_once_that_a_statement_is_owed(contacts, inadequate, settings):
    settings.SITE_URL = "https://joint-inspections.example.gov.uk"

    assert tasks.remind_statements_due() == 1
    assert tasks.remind_statements_due() == 0

    assert sorted(message.to[0] for message in mail.outbox) == [
        "asha@example.org",
        "tom@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "Calderbridge: written statement of action due by 15 July 2015"
    assert "by 15 July 2015" in message.body
    assert "Help and protection: Inadequate" in message.body
    assert f"https://joint-inspections.example.gov.uk/reports/{inadequate.slug}/" in message.body
    notice = StatementNotice.objects.get()
    assert notice.kind == NoticeKind.DUE
    assert sorted(c.email for c in notice.recipients.all()) == [
        "asha@example.org",
        "tom@example.org",
    ]


def test_a_reminder_goes_once_in_the_last_ten_working_days(contacts, inadequate):
    notices.statements_remind(on=datetime.date(2015, 4, 2))
    assert len(mail.outbox) == 2
    early = add_working_days(datetime.date(2015, 4, 2), 50)
    assert notices.statements_remind(on=early) == []

    window = add_working_days(datetime.date(2015, 4, 2), 60)  # ten working days before it is due
    sent = notices.statements_remind(on=window)
    notices.statements_remind(on=window + datetime.timedelta(days=1))

    assert [notice.kind for notice in sent] == [NoticeKind.REMINDER]
    assert len(mail.outbox) == 4
    assert mail.outbox[-1].subject.startswith("Reminder - Calderbridge")
    assert "reminder" in mail.outbox[-1].body
    assert notices.statements_remind(on=DUE_ON + datetime.timedelta(days=1)) == []


def test_no_email_once_the_statement_is_received(contacts, inadequate, receive):
    receive()

    assert notices.statements_remind(on=datetime.date(2015, 7, 1)) == []
    assert mail.outbox == []


def test_an_area_without_contacts_is_told_once_a_contact_is_added(inadequate):
    assert notices.statements_remind(on=datetime.date(2015, 4, 2)) == []
    assert not StatementNotice.objects.exists()


def test_no_one_but_programme_staff_records_a_statement(client_for, inadequate):
    reference = inadequate.inspection.reference
    lead = client_for("ofsted.lead")
    data = {**dated("received_on", datetime.date(2015, 7, 1)), "pdf": pdf_upload()}

    assert lead.post(f"/statements/{reference}/receipt/", data).status_code == 403
    assert lead.get(f"/statements/{reference}/").status_code == 403
    assert lead.get("/statements/overdue/").status_code == 403
    anonymous = Client().get(f"/statements/{reference}/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert not StatementOfAction.objects.exists()


def test_every_page_answers_head(admin_client, inadequate, receive):
    receive()
    reference = inadequate.inspection.reference
    for url in [
        "/statements/",
        "/statements/overdue/",
        f"/statements/{reference}/",
        f"/statements/{reference}/receipt/",
        f"/statements/{reference}/statement.pdf",
        f"/statements/{reference}/actions/new/",
        f"/statements/{reference}/notes/new/",
        f"/statements/{reference}/publish/",
    ]:
        response = admin_client.head(url)
        assert response.status_code == 200, url
        # Staff pages and the statement as received are kept out of every cache.
        assert "no-store" in response["Cache-Control"], url
