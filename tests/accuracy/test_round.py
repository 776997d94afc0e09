"""The factual accuracy round's rules: sending, links, comments, dispositions, closing, reminders
and the publication gate, on one real rendered draft per module."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accuracy import links, selectors, services
from accuracy.models import (
    AccuracyComment,
    AccuracyLink,
    CommentKind,
    FactualAccuracyRound,
    LinkUse,
    LinkUseKind,
    Outcome,
)
from core import gates
from core.permissions import Refused
from inspections.models import InspectionStatus
from reports.models import PersonalDataCheck, ReportVersion
from tests.accuracy.conftest import send
from tests.processes import own_task_queue

pytestmark = pytest.mark.usefixtures("draft_once")

LINK = re.compile(r"http://testserver/factual-accuracy/[^/\s]+/")


def _token(link: AccuracyLink) -> str:
    return links.token_for(link)


def _comment(link, section="key-findings", text="The date is wrong.", **kwargs):
    return services.comment_add(
        token=_token(link),
        section_key=section,
        kind=kwargs.get("kind", CommentKind.FACTUAL_ERROR),
        text=text,
        proposed_change=kwargs.get("change", ""),
    )


def _dispose(comment, user, outcome=Outcome.ACCEPTED, **kwargs):
    return services.comment_dispose(
        acting_user=user,
        comment=comment,
        outcome=outcome,
        change_made=kwargs.get("change_made", "Changed."),
        reason=kwargs.get("reason", ""),
        seen_version=kwargs.get("seen", comment.version),
    )


def test_sending_refuses_naming_what_is_missing(ready, settings):
    lead = ready.people["ofsted.lead"]
    with pytest.raises(Refused):
        services.round_send(acting_user=ready.people["cqc.lead"], inspection=ready.inspection)
    with pytest.raises(ValidationError) as refused:
        services.round_send(acting_user=lead, inspection=ready.inspection)
    assert "Ashdown has no active contacts to send the draft to" in refused.value.messages[0]
    draft = ReportVersion.objects.filter(inspection=ready.inspection).latest("number")
    ReportVersion.objects.filter(pk=draft.pk).update(personal_data_check=PersonalDataCheck.FAILED)
    gates.register("send_draft", _stronger_check)
    try:
        with pytest.raises(ValidationError) as refused:
            send(ready)
    finally:
        gates._conditions["send_draft"].remove(_stronger_check)
    assert refused.value.messages == [
        f"The personal-data check found personal data in draft version {draft.number}: remove "
        "it and render a new draft.",
        "A name was found.",
    ]
    assert not FactualAccuracyRound.objects.exists()


def _stronger_check(*, inspection):
    return ["A name was found."]


def test_the_lead_sends_the_draft_each_contact_gets_a_personal_link(
    ready, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        round_ = send(ready)
    assert round_.deadline == selectors.round_deadline(
        inspection=ready.inspection, sent_on=timezone.localdate()
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.org", "ben@example.org"]
    message = mail.outbox[0]
    assert message.subject == ("Factual accuracy check: draft joint inspection report for Ashdown")
    urls = {LINK.search(m.body).group(0) for m in mail.outbox}
    assert len(urls) == 2
    # The contact opens it without an account: the draft, its PDF and the comment form.
    response = Client().get(next(iter(urls)))
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert b"Summary of key findings" in response.content
    assert b"Send comment" in response.content
    pdf = Client().get(next(iter(urls)) + f"draft-v{round_.report_version.number}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert list(LinkUse.objects.order_by("pk").values_list("what", flat=True)) == [
        LinkUseKind.OPENED,
        LinkUseKind.DOWNLOADED,
    ]
    with pytest.raises(ValidationError, match="already been sent"):
        send(ready)


def test_the_deadline_counts_england_working_days_over_easter(ready, client_for):
    sent_on = datetime.date(2015, 4, 2)  # Thursday before Good Friday
    deadline = selectors.round_deadline(inspection=ready.inspection, sent_on=sent_on)
    assert deadline == datetime.date(2015, 4, 13)
    round_ = send(ready)
    FactualAccuracyRound.objects.filter(pk=round_.pk).update(deadline=deadline)
    page = client_for("ofsted.lead").get(
        reverse("accuracy:overview", args=[ready.inspection.reference])
    )
    assert re.search(r'id="deadline">\s*13 April 2015', page.content.decode())


@pytest.mark.parametrize("case", ["expired", "revoked", "other_draft", "tampered"])
def test_a_link_that_may_not_be_used_gets_a_clear_page_and_its_use_is_audited(
    case, ready, client_for
):
    round_ = send(ready)
    link = round_.links.order_by("pk").first()
    token = _token(link)
    expected = {
        "expired": (410, "This link has expired", LinkUseKind.REFUSED_EXPIRED),
        "revoked": (410, "This link has been withdrawn", LinkUseKind.REFUSED_REVOKED),
        "other_draft": (410, "This link is for another draft", LinkUseKind.REFUSED_OTHER_DRAFT),
        "tampered": (403, "This link is not valid", LinkUseKind.REFUSED_TAMPERED),
    }[case]
    if case == "expired":
        # A link's day ends in England (accuracy.links.expires_at), whatever the server's zone.
        AccuracyLink.objects.filter(pk=link.pk).update(
            expires_on=timezone.localdate(timezone=links.LONDON) - datetime.timedelta(days=1)
        )
    elif case == "revoked":
        services.link_revoke(acting_user=ready.people["ofsted.lead"], link=link)
    elif case == "other_draft":
        # The round closed and a newer draft was sent: the old link is for another draft.
        FactualAccuracyRound.objects.filter(pk=round_.pk).update(closed_at=timezone.now())
        FactualAccuracyRound.objects.create(
            inspection=ready.inspection,
            report_version=round_.report_version,
            sent_by=round_.sent_by,
            sent_at=timezone.now() + datetime.timedelta(seconds=1),
            deadline=round_.deadline,
        )
    else:
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    client = Client()
    response = client.get(reverse("accuracy_contact:draft", args=[token]))
    status, title, use = expected
    assert response.status_code == status
    body = response.content.decode()
    assert title in body
    assert "Summary of key findings" not in body and "<textarea" not in body
    # Nothing can be done through it either.
    post = client.post(
        reverse("accuracy_contact:draft", args=[token]),
        {"section": "key-findings", "kind": "typographical", "text": "x"},
    )
    assert post.status_code == status
    assert not AccuracyComment.objects.exists()
    assert list(LinkUse.objects.values_list("what", flat=True)) == [use, use]
    # Each use is in the programme administrator's audit log.
    log = client_for("programme.admin").get(reverse("audit")).content.decode()
    assert log.count("Factual accuracy link use") >= 2
    who = "someone with a link that is not real" if case == "tampered" else link.contact.name
    assert f"{LinkUseKind(use).label}, by {who}" in log


def test_comments_are_whole_or_refused_escaped_and_late_after_the_deadline(ready, client_for):
    round_ = send(ready)
    link = round_.links.order_by("pk").first()
    url = reverse("accuracy_contact:draft", args=[_token(link)])
    client = Client()
    too_long = client.post(
        url, {"section": "key-findings", "kind": "factual_error", "text": "x" * 5001}
    )
    assert too_long.status_code == 400
    assert "Your comment must be 5,000 characters or fewer" in too_long.content.decode()
    no_section = client.post(url, {"section": "nowhere", "kind": "factual_error", "text": "x"})
    assert no_section.status_code == 400
    assert not AccuracyComment.objects.exists()
    markup = '<script>alert("x")</script><b>bold</b>'
    ok = client.post(url, {"section": "key-findings", "kind": "typographical", "text": markup})
    assert ok.status_code == 302
    comment = AccuracyComment.objects.get()
    assert (comment.text, comment.late, comment.section_title) == (
        markup,
        False,
        "Summary of key findings",
    )
    page = client.get(url).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    team = client_for("ofsted.lead").get(comment.get_absolute_url()).content.decode()
    assert "<script>alert" not in team and "&lt;b&gt;bold&lt;/b&gt;" in team
    # After the deadline a comment is still accepted, and marked late.
    FactualAccuracyRound.objects.filter(pk=round_.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    late = _comment(AccuracyLink.objects.get(pk=link.pk), text="Late but real.")
    assert late.late


def test_dispositions_belong_to_the_section_owner_and_the_second_sees_the_first(ready, client_for):
    round_ = send(ready)
    link = round_.links.order_by("pk").first()
    shared = _comment(link, "key-findings")
    cqc = _comment(link, "inspectorate-cqc")
    with pytest.raises(Refused, match="Only the lead inspector"):
        _dispose(shared, ready.people["cqc.lead"])
    with pytest.raises(Refused, match="Only Care Quality Commission"):
        _dispose(cqc, ready.people["hmic.lead"])
    with pytest.raises(ValidationError) as refused:
        _dispose(cqc, ready.people["cqc.inspector"], Outcome.NOT_ACCEPTED, reason="")
    assert refused.value.message_dict == {
        "reason": ["Give the reason the comment is not accepted in full"]
    }
    # Two CQC people open the comment at version 0; the first records, the second is refused.
    url = cqc.get_absolute_url()
    first = client_for("cqc.lead").post(
        url, {"outcome": "accepted", "change_made": "Dates corrected.", "reason": "", "version": 0}
    )
    assert first.status_code == 302
    second = client_for("cqc.inspector").post(
        url, {"outcome": "not_accepted", "change_made": "", "reason": "Wrong.", "version": 0}
    )
    assert second.status_code == 409
    body = second.content.decode()
    assert "Someone else recorded a disposition of this comment" in body
    assert "Dates corrected." in body
    cqc.refresh_from_db()
    assert (cqc.outcome, cqc.disposed_by.username, cqc.version) == ("accepted", "cqc.lead", 1)
    assert cqc.history.count() == 2


def test_closing_needs_every_disposition_and_the_deadline_or_every_answer(
    ready, django_capture_on_commit_callbacks, settings
):
    lead = ready.people["ofsted.lead"]
    round_ = send(ready)
    first, second = round_.links.order_by("pk")
    comment = _comment(first)
    assert gates.missing("publish", inspection=ready.inspection) == [
        "The factual accuracy round is still open: 1 comment has no disposition.",
        f"The factual accuracy round's deadline has not passed ({round_.deadline:%-d %B %Y}) "
        f"and 1 contact has not answered: {second.contact.name}.",
    ]
    with pytest.raises(ValidationError) as refused:
        services.round_close(acting_user=lead, inspection=ready.inspection)
    assert "1 comment has no disposition" in refused.value.messages[0]
    _dispose(comment, lead)
    services.no_comments_record(token=_token(second))
    assert gates.missing("publish", inspection=ready.inspection) == [
        "The factual accuracy round is still open: close it first."
    ]
    with django_capture_on_commit_callbacks(execute=False):
        closed = services.round_close(acting_user=lead, inspection=ready.inspection)
    assert closed.closed_by == lead and closed.response_state == "queued"
    assert gates.missing("publish", inspection=ready.inspection) == []
    # Its task never reached the broker (not sent here): Celery beat sends it again.
    assert services.responses_requeue_stuck() == []
    with own_task_queue("accuracy-requeue", redis_url=settings.REDIS_URL):
        assert services.responses_requeue_stuck(older_than=datetime.timedelta(0)) == [closed.pk]


def test_publication_needs_a_round(ready):
    assert gates.missing("publish", inspection=ready.inspection) == [
        "The factual accuracy round has not been sent."
    ]
    ready.inspection.status = InspectionStatus.PUBLISHED
    assert gates.missing("publish", inspection=ready.inspection) == []


def test_reminders_go_once_to_contacts_who_have_not_answered(
    ready, django_capture_on_commit_callbacks
):
    round_ = send(ready)
    first, second = round_.links.order_by("pk")
    _comment(first)
    # Today is three working days before the deadline: too early.
    today = timezone.localdate()
    FactualAccuracyRound.objects.filter(pk=round_.pk).update(
        deadline=selectors.round_deadline(inspection=ready.inspection, sent_on=today)
    )
    early = today - datetime.timedelta(days=7)
    assert services.reminders_send(today=early) == []
    with django_capture_on_commit_callbacks(execute=True):
        due = services.reminders_send(today=today + datetime.timedelta(days=5))
        assert services.reminders_send(today=today + datetime.timedelta(days=5)) == []
    # Within two working days of a 5-working-day deadline, only the silent contact, once.
    assert due == [second.pk]
    assert [m.to for m in mail.outbox] == [[second.contact.email]]
    assert mail.outbox[0].subject.startswith("Reminder: comments on the draft")
    assert "/factual-accuracy/" in mail.outbox[0].body


def test_a_contact_past_the_deadline_gets_a_new_link_and_comments_late(
    ready, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver"
    round_ = send(ready)
    link = round_.links.order_by("pk").first()
    yesterday = timezone.localdate(timezone=links.LONDON) - datetime.timedelta(days=1)
    FactualAccuracyRound.objects.filter(pk=round_.pk).update(deadline=yesterday)
    AccuracyLink.objects.filter(pk=link.pk).update(expires_on=yesterday)
    assert Client().get(reverse("accuracy_contact:draft", args=[_token(link)])).status_code == 410
    with pytest.raises(Refused):
        services.link_reissue(acting_user=ready.people["cqc.lead"], link=link)
    with django_capture_on_commit_callbacks(execute=True):
        new = services.link_reissue(acting_user=ready.people["ofsted.lead"], link=link)
    assert [m.to for m in mail.outbox] == [[link.contact.email]]
    assert (
        LINK.search(mail.outbox[0].body)
        .group(0)
        .endswith(reverse("accuracy_contact:draft", args=[_token(new)]))
    )
    link.refresh_from_db()
    assert link.is_revoked and new.expires_on > timezone.localdate(timezone=links.LONDON)
    late = _comment(new, "inspectorate-hmic", kind=CommentKind.DISAGREES_WITH_JUDGEMENT)
    # The section's title is the inspectorate's name under the inspection's version (2017.1).
    assert late.late and late.section_title == ready.inspection.framework.inspectorate_name("hmic")
    assert late.section_title == "HM Inspectorate of Constabulary and Fire & Rescue Services"
    page = Client().head(reverse("accuracy_contact:draft", args=[_token(new)]))
    assert page.status_code == 200


def test_what_awaits_the_team_on_their_list_of_inspections(ready, client_for):
    round_ = send(ready)
    first, second = round_.links.order_by("pk")
    _comment(first, "inspectorate-cqc")
    services.no_comments_record(token=_token(second))
    cqc = client_for("cqc.inspector").get(reverse("inspections:list")).content.decode()
    assert "Record a disposition of 1 factual accuracy comment" in cqc
    lead = client_for("ofsted.lead").get(reverse("inspections:list")).content.decode()
    assert "Record a disposition" not in lead and "Close the factual accuracy round" not in lead
    comment = AccuracyComment.objects.get()
    _dispose(comment, ready.people["cqc.lead"])
    lead = client_for("ofsted.lead").get(reverse("inspections:list")).content.decode()
    assert "Close the factual accuracy round" in lead
