"""Escalation: a referral with no response by the end of the next working day (England's bank
holidays are not working days) is escalated once, by the Celery beat task: recorded, emailed to
the lead inspector and the referring inspector's inspectorate lead, flagged on the workspace."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail

from inspections.models import Inspection
from referrals import services, tasks
from referrals.models import ConcernReferral, EscalationNotice
from tests.referrals.conftest import CHILD_NAME, CONCERN, answer, london

pytestmark = pytest.mark.django_db

# Thursday 2 April 2015, the evening before Good Friday: Easter Monday is a bank holiday too,
# so the next working day is Tuesday 7 April, and the response is due by its end.
ALERTED = london(2015, 4, 2, 19, 40)


@pytest.fixture
def easter_referral(inspection, record) -> ConcernReferral:
    Inspection.objects.filter(pk=inspection.pk).update(window_start=datetime.date(2015, 3, 30))
    inspection.refresh_from_db()
    return record("cqc.inspector", alerted_at=ALERTED)


def test_the_response_is_due_by_the_end_of_the_next_working_day_after_easter(easter_referral):
    assert easter_referral.response_due_by == london(2015, 4, 8, 0, 0)
    assert easter_referral.response_due_day == datetime.date(2015, 4, 7)


def test_not_escalated_before_the_end_of_the_next_working_day(easter_referral):
    # Good Friday, the weekend and Easter Monday pass, and all of Tuesday 7 April.
    for moment in (london(2015, 4, 3, 17), london(2015, 4, 6, 23, 59), london(2015, 4, 7, 23, 59)):
        assert services.referrals_escalate_overdue(now=moment) == []
    easter_referral.refresh_from_db()
    assert easter_referral.escalated_at is None
    assert not EscalationNotice.objects.exists()


def test_escalated_after_it_to_the_lead_inspector_and_the_inspectorate_lead(
    easter_referral, people, django_capture_on_commit_callbacks
):
    moment = london(2015, 4, 8, 0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        escalated = services.referrals_escalate_overdue(now=moment)
    assert escalated == [easter_referral]
    easter_referral.refresh_from_db()
    assert easter_referral.escalated_at == moment
    assert easter_referral.status_label == "Escalated: no response"
    notices = {
        n.recipient.username: n for n in EscalationNotice.objects.select_related("recipient")
    }
    assert set(notices) == {"ofsted.lead", "cqc.lead"}
    assert notices["ofsted.lead"].role == "Lead inspector"
    assert notices["cqc.lead"].role == "Inspectorate lead (Care Quality Commission)"
    assert all(n.escalated_at == moment and n.emailed_at for n in notices.values())
    # One email each; nothing about the child in the subject or the body.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "cqc.lead@example.org",
        "ofsted.lead@example.org",
    ]
    reference = easter_referral.inspection.reference
    for message in mail.outbox:
        assert message.subject == (
            f"Referral 1 on {reference}: no response from the agency, escalated"
        )
        assert "Tuesday 7 April 2015" in message.body
        assert f"{settings.SITE_URL}/inspections/{reference}/referrals/1/" in message.body
        for detail in (CHILD_NAME, "Jordan", "Ellery", "ASH-T01", CONCERN[:20], "Front Door"):
            assert detail not in message.subject
            assert detail not in message.body
    # The history says who was told and why.
    reasons = list(easter_referral.history.values_list("history_change_reason", flat=True))
    assert "Escalated: no response by the end of 7 April 2015" in reasons


def test_escalation_is_idempotent(easter_referral, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.referrals_escalate_overdue(now=london(2015, 4, 9, 9, 0))
    assert EscalationNotice.objects.count() == 2
    assert len(mail.outbox) == 2
    assert tasks.escalate_overdue_referrals() == 0
    assert len(mail.outbox) == 2


def test_the_beat_task_escalates_and_emails(easter_referral):
    # The task reads the clock: today is long after Tuesday 7 April 2015.
    assert tasks.escalate_overdue_referrals() == 1
    assert len(mail.outbox) == 2
    assert EscalationNotice.objects.filter(emailed_at__isnull=False).count() == 2


def test_the_task_is_on_the_beat_schedule():
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == tasks.escalate_overdue_referrals.name
    ]
    assert len(entries) == 1
    assert entries[0]["schedule"] <= 15 * 60


def test_a_referral_answered_in_time_is_never_escalated(easter_referral, people):
    answer(easter_referral, people["cqc.inspector"])
    assert services.referrals_escalate_overdue(now=london(2015, 4, 20)) == []
    assert tasks.escalate_overdue_referrals() == 0
    assert mail.outbox == []


def test_the_lead_inspector_leading_for_the_referrer_is_told_once(
    inspection, record, people, django_capture_on_commit_callbacks
):
    Inspection.objects.filter(pk=inspection.pk).update(window_start=datetime.date(2015, 3, 30))
    inspection.refresh_from_db()
    record("ofsted.inspector", alerted_at=ALERTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.referrals_escalate_overdue(now=london(2015, 4, 8, 1))
    notice = EscalationNotice.objects.get()
    assert notice.recipient == people["ofsted.lead"]
    assert notice.role == "Lead inspector and inspectorate lead (Ofsted)"
    assert len(mail.outbox) == 1


def test_escalation_is_flagged_on_the_workspace(easter_referral, client_for):
    services.referrals_escalate_overdue(now=london(2015, 4, 8, 9))
    page = client_for("ofsted.lead").get(
        f"/inspections/{easter_referral.inspection.reference}/workspace/"
    )
    body = page.content.decode()
    assert "Open concern referrals" in body
    assert "Escalated: no response" in body
    assert "Referral 1" in body
